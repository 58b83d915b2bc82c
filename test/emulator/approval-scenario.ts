// The scenario's `approval` settings: how the OIDC approvals behave (docs/protocol.md §6).
// Apart from scenario.ts so that the sign-in scenario stays as it was.

export interface ApprovalSettings {
  /** How long a device code (and its user code) lives; a short one lets tests see expired codes. */
  deviceCodeSeconds: number;
  /** deny: the directory refuses the client for every user (associate_token 403, polls access_denied). */
  consent: 'allow' | 'deny';
  /** portal: `<startUrl>/#/device`; platform: the 2026 `/platform/authorize?request_uri=` page. */
  devicePage: 'portal' | 'platform';
  /** false: GET /authorize answers 404, as a region without PKCE would. */
  pkce: boolean;
}

export const defaultApproval = (): ApprovalSettings => ({ deviceCodeSeconds: 600, consent: 'allow', devicePage: 'portal', pkce: true });

/** Validates `scenario.approval`; `fail(where, what)` throws the scenario's error. */
export function parseApproval(raw: unknown, fail: (where: string, what: string) => never): ApprovalSettings {
  const settings = defaultApproval();
  if (raw === undefined) return settings;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('scenario.approval', 'must be an object');
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const where = `scenario.approval.${key}`;
    if (key === 'deviceCodeSeconds') {
      if (!Number.isInteger(value) || (value as number) < 1) fail(where, 'must be a positive integer');
      settings.deviceCodeSeconds = value as number;
    } else if (key === 'consent') {
      if (value !== 'allow' && value !== 'deny') fail(where, 'must be one of allow, deny');
      settings.consent = value;
    } else if (key === 'devicePage') {
      if (value !== 'portal' && value !== 'platform') fail(where, 'must be one of portal, platform');
      settings.devicePage = value;
    } else if (key === 'pkce') {
      if (typeof value !== 'boolean') fail(where, 'must be true or false');
      settings.pkce = value;
    } else {
      fail(where, 'is not a known setting (known: deviceCodeSeconds, consent, devicePage, pkce)');
    }
  }
  return settings;
}
