// A sign-in succeeded when the portal takes its session: whoAmI with the token, not a truthy string.
import assert from 'node:assert/strict';
import type { Got } from 'got';
import { PortalClient } from '../../src/http/portal.js';

export async function assertPortalAccepts(http: Got, portalEndpoint: string, token: string, username: string): Promise<void> {
  const { body } = await new PortalClient(http, portalEndpoint, token).whoAmI();
  assert.equal(body.userIdentifier, username, 'whoAmI names the user who signed in');
}
