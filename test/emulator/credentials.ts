// Role credentials handed out by GetRoleCredentials: fresh random ones, or moto's when an
// STS endpoint is configured. Each is remembered so that federation can check it.
import type { Emulator } from './context.js';
import { accessKeyId, secretAccessKey, sessionToken } from './ids.js';
import type { VendedCredentials } from './state.js';
import { assumeRole } from './sts.js';

export async function vendCredentials(
  emu: Emulator, accountId: string, roleName: string, username: string,
): Promise<{ accessKeyId: string } & VendedCredentials> {
  const seconds = emu.scenario.roleCredentialSeconds;
  const c = emu.stsEndpoint
    ? await assumeRole(emu.stsEndpoint, emu.scenario.region, accountId, roleName, username, seconds)
    : { accessKeyId: accessKeyId(), secretAccessKey: secretAccessKey(), sessionToken: sessionToken(), expiration: Date.now() + seconds * 1000 };
  const vended: VendedCredentials = {
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration,
    accountId,
    roleName,
    username,
  };
  emu.state.credentials.set(c.accessKeyId, vended);
  return { accessKeyId: c.accessKeyId, ...vended };
}
