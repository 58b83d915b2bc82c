// One redactor for everything that leaves the process as text: log lines and HAR recordings.
// Secrets are recognised by the name they travel under (JSON key, query or form field, header)
// and, as a safety net, by shape (compact JWE) inside any text.

export const REDACTED = 'REDACTED';

/** JSON keys whose values are secrets (sign-in inputs, tokens, credentials). */
const SECRET_JSON_KEYS = new Set([
  'password', 'newPassword', 'mfaCode', 'emailOTPLoginResponseCode',
  'token', 'csrfToken', 'accessToken', 'refreshToken', 'idToken', 'clientSecret', 'deviceCode',
  'authCode', 'workflowResultHandle', 'userSessionId', 'codeVerifier',
  'secretAccessKey', 'sessionToken', 'sessionKey', 'SigninToken',
]);

/** Query and form fields whose values are secrets. `code` is the OAuth callback code. */
const SECRET_FIELDS = new Set([
  ...SECRET_JSON_KEYS, 'code', 'code_verifier', 'Session', 'client_secret', 'refresh_token',
]);

const SECRET_HEADERS = new Set([
  'x-amz-sso_bearer_token', 'x-amz-sso-bearer-token', 'x-amz-sso-csrf-token', 'authorization',
  'x-amz-security-token',
]);

const JWE = /eyJ[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+/g;
// `name=value` pairs inside URLs and form bodies embedded in any text (a redirect URL in JSON).
const FIELD_PAIR = new RegExp(`(?<![\\w-])(${[...SECRET_FIELDS].join('|')})=([^&#\\s"'<>]+)`, 'g');

/** Pattern-based pass for text of unknown shape. */
export function redactText(text: string): string {
  return text.replace(JWE, REDACTED).replace(FIELD_PAIR, `$1=${REDACTED}`);
}

export function redactUrl(url: string): string {
  return redactText(url);
}

function redactValue(key: string | undefined, value: unknown): unknown {
  if (key !== undefined && SECRET_JSON_KEYS.has(key) && value !== null && value !== '') return REDACTED;
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(undefined, item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(k, v)]));
  }
  return value;
}

/** Redacts a parsed JSON value: secret keys lose their values, strings get the pattern pass. */
export function redactJson<T>(value: T): T {
  return redactValue(undefined, value) as T;
}

/** A request or response body: JSON by key, anything else (form, HTML) by pattern. */
export function redactBody(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(text)));
    } catch {
      // not JSON after all: fall through to the pattern pass
    }
  }
  return redactText(text);
}

function redactCookiePairs(header: string): string {
  return header.split(/;\s*/).map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? pair : `${pair.slice(0, eq)}=${REDACTED}`;
  }).join('; ');
}

/** `Set-Cookie: name=value; Path=/` keeps its name and attributes, loses its value. */
function redactSetCookie(header: string): string {
  const semi = header.indexOf(';');
  const pair = semi < 0 ? header : header.slice(0, semi);
  return redactCookiePairs(pair) + (semi < 0 ? '' : header.slice(semi));
}

export function redactHeader(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (SECRET_HEADERS.has(lower)) return REDACTED;
  if (lower === 'cookie') return redactCookiePairs(value);
  if (lower === 'set-cookie') return redactSetCookie(value);
  if (lower === 'location' || lower === 'referer') return redactUrl(value);
  return value;
}
