// What `awssso approve` is asked to approve (docs/protocol.md §6): a device authorization by its
// user code (ABCD-EFGH, or a verificationUriComplete carrying user_code=), or a PKCE request by
// the /authorize URL the AWS CLI 2.22+ prints. Pure parsing, for an argument or a line of output.

export type ApprovalTarget =
  | { kind: 'device'; userCode: string }
  | { kind: 'pkce'; authorizeUrl: string };

const CODE = /\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/;
const URL_IN_TEXT = /https?:\/\/\S+/g;

function fromUrl(text: string): ApprovalTarget | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  // user_code may sit in the query or in the portal's `#/device?user_code=` fragment
  const fragment = url.hash.includes('?') ? new URLSearchParams(url.hash.slice(url.hash.indexOf('?') + 1)) : undefined;
  const userCode = url.searchParams.get('user_code') ?? fragment?.get('user_code');
  if (userCode && CODE.test(userCode.toUpperCase())) return { kind: 'device', userCode: userCode.toUpperCase() };
  const q = url.searchParams;
  if (url.pathname.endsWith('/authorize') && q.get('response_type') === 'code' && q.get('client_id') && q.get('code_challenge')) {
    return { kind: 'pkce', authorizeUrl: url.href };
  }
  return undefined;
}

/** The command-line argument: a code in any case, or a URL. */
export function parseApprovalArgument(arg: string): ApprovalTarget | undefined {
  const text = arg.trim();
  if (/^https?:\/\//i.test(text)) return fromUrl(text);
  const code = /^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/.test(text) ? text.toUpperCase() : undefined;
  return code ? { kind: 'device', userCode: code } : undefined;
}

/**
 * A target in one line of `aws sso login` output: a URL that carries one, a line that is only a
 * code, or a code after "code" ("Then enter the code: ABCD-EFGH").
 */
export function findApprovalTarget(line: string): ApprovalTarget | undefined {
  for (const [url] of line.matchAll(URL_IN_TEXT)) {
    const target = fromUrl(url);
    if (target) return target;
  }
  const code = CODE.exec(line)?.[1];
  if (code && (line.trim() === code || /code\W*$/i.test(line.slice(0, line.indexOf(code))))) return { kind: 'device', userCode: code };
  return undefined;
}

/** The 2026 device page (`/platform/authorize?request_uri=`) names no code: the code comes apart. */
export const isCodelessDevicePage = (text: string): boolean => /\/platform\/authorize\?request_uri=/.test(text);
