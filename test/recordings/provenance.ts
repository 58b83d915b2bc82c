// Where the shape of each recorded exchange comes from: its docs/protocol.md §N and tag,
// written into each HAR entry's `comment` so a reader knows what a real capture would check.
import type { Entry } from 'har-format';

const SIGNIN_STEPS: Record<string, string> = {
  '': 'docs/protocol.md §2 page-load step [capture]',
  start: 'docs/protocol.md §2 page-load step `start` [capture]',
  'get-identity-user': 'docs/protocol.md §2 get-identity-user [capture]',
  'get-password': 'docs/protocol.md §2 get-password with the password JWE [capture]',
  'get-mfa': 'docs/protocol.md §3 MFA step [inferred: project contract]',
  'get-new-password-for-change-password': 'docs/protocol.md §2 change-password step [capture]',
};

function signinStep(entry: Entry): string {
  let stepId = '';
  let answer: {
    stepId?: string;
    captchaResponse?: { captchaToken?: string; captchaURL?: string };
    errorCode?: string | null;
    message?: unknown;
  } = {};
  try {
    stepId = (JSON.parse(entry.request.postData?.text ?? '{}') as { stepId?: string }).stepId ?? '';
    answer = JSON.parse(entry.response.content.text ?? '{}') as typeof answer;
  } catch {
    // not JSON: say only what the request was
  }
  const parts = [SIGNIN_STEPS[stepId] ?? `step \`${stepId}\`: the emulator's stand-in for a step awssso does not know (test/emulator)`];
  const nested = typeof answer.message === 'object' && answer.message !== null ? (answer.message as { errorCode?: string }) : undefined;
  const captcha = answer.captchaResponse;
  if (nested?.errorCode) parts.push(`error body with message.errorCode ${nested.errorCode}, docs/protocol.md §2 [capture 2026-08-22]`);
  else if (answer.errorCode) parts.push('flat error body {errorCode,message}: the project\'s old guess [inferred], superseded by docs/protocol.md §2');
  else if (answer.stepId === 'get-mfa') parts.push('answer: MFA challenge per docs/protocol.md §3 [inferred]');
  else if (captcha?.captchaToken || captcha?.captchaURL) parts.push('answer is a captcha challenge (non-empty captchaToken or captchaURL), docs/protocol.md §2 [code, capture]');
  else if (answer.stepId === 'end-of-workflow-success') parts.push('answer: success redirect, docs/protocol.md §2 [capture]');
  else if (answer.stepId && !(answer.stepId in SIGNIN_STEPS) && answer.stepId !== 'end-of-workflow-success') {
    parts.push(`answer asks for \`${answer.stepId}\`, the emulator's unknown step (test/emulator)`);
  }
  return parts.join('; ');
}

const BY_PATH: [RegExp, string][] = [
  [/^\/login$/, 'docs/protocol.md §2 step 1, portal login bootstrap [capture]'],
  [/^\/platform\/[^/]+\/login$/, 'docs/protocol.md §2, the sign-in page a browser loads first [capture]'],
  [/^\/auth\/sso-token$/, 'docs/protocol.md §4 token exchange [capture]'],
  [/^\/token\/whoAmI$/, 'docs/protocol.md §5 whoAmI [capture]; expireDate format [inferred]'],
  [/^\/assignment\/(accounts|roles)$/, 'docs/protocol.md §5 ListAccounts/ListAccountRoles [official]'],
  [/^\/federation\/credentials$/, 'docs/protocol.md §5 GetRoleCredentials [official, ran]'],
  [/^\/logout$/, 'docs/protocol.md §5 Logout [official]'],
  [/^\/instance\//, 'docs/protocol.md §5 app instances [capture]; inner shapes [inferred]'],
  [/^\/client\/register$|^\/device_authorization$|^\/token$/, 'docs/protocol.md §6 OIDC [official, ran]'],
  [/^\/device_authorization\/(accept_user_code|associate_token)$/, 'docs/protocol.md §6 device approval with a portal session [capture]'],
  [/^\/federation$/, 'docs/protocol.md §7 console federation [official]'],
];

export function provenance(entry: Entry): string {
  const path = new URL(entry.request.url).pathname;
  if (/\/api\/execute$/.test(path)) return signinStep(entry);
  const found = BY_PATH.find(([pattern]) => pattern.test(path));
  const base = found ? found[1] : 'not in docs/protocol.md';
  const status = entry.response.status;
  if (status === 429) return `${base}; throttling answer per docs/protocol.md §5 errors [official], type in x-amzn-ErrorType [ran]`;
  if (status === 401) return `${base}; UnauthorizedException per docs/protocol.md §5 errors [official]`;
  if (path === '/token' && status === 400) return `${base}; authorization_pending per docs/protocol.md §6 [capture]`;
  if (status === 404 && /\/login$/.test(path)) return `${base}; this emulator does not serve the page yet`;
  return base;
}
