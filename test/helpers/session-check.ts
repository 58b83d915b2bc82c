// A sign-in succeeded when the portal takes its session: whoAmI with the token, not a truthy string.
import assert from 'node:assert/strict';
import type { Got } from 'got';
import { PortalClient } from '../../src/http/portal.js';
import type { PortalSession } from '../../src/types.js';

export async function assertPortalAccepts(http: Got, portalEndpoint: string, session: PortalSession, username: string): Promise<void> {
  const { body } = await new PortalClient(http, portalEndpoint, session.token).whoAmI();
  assert.equal(body.userIdentifier, username, 'whoAmI names the user who signed in');
}
