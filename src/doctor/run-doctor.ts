// `awssso doctor`: the checks in the order a sign-in meets their subjects; later checks use
// what earlier ones found (the profile, the secret store, the HTTP client, the portal's clock).
import type { Check, DoctorContext, Verdict } from './check.js';
import { nodeVersion } from './node-version.js';
import { config } from './config.js';
import { secretStore } from './secret-store.js';
import { hosts } from './hosts.js';
import { clock } from './clock.js';
import { session } from './session.js';
import { browser, display } from './browser.js';

export type { Verdict, Status } from './check.js';

const CHECKS: Check[] = [nodeVersion, config, secretStore, hosts, clock, session, browser, display];

export async function runDoctor(input: Pick<DoctorContext, 'profileName' | 'region' | 'env' | 'platform'>): Promise<Verdict[]> {
  const ctx: DoctorContext = { ...input };
  const verdicts: Verdict[] = [];
  for (const check of CHECKS) verdicts.push(...[await check(ctx)].flat());
  return verdicts;
}
