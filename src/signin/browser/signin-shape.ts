// What a completed browser sign-in learnt, in a form a bug report can carry (docs/protocol.md
// §9): the SHAPE of the exchanges Chrome made with the sign-in and portal hosts — methods, paths,
// status codes, step ids, input types and the keys of every request and answer — and no value.
// A step the HTTP method does not know can then be taught from it.
import { join } from 'node:path';
import { debugDir } from '../../store/paths.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import type { Exchange } from './network-log.js';

/** Keys whose values are the protocol's own words (a step, an input type, an error code), kept when they look like one. */
const VOCABULARY = new Set(['stepId', 'actionId', 'input_type', 'inputType', 'mfaType', 'errorCode', 'applicationType', 'successfullyEncrypted']);
const WORD = /^[A-Za-z][\w.:-]{0,79}$/;
/** A path segment that names something (a directory id, a handle, an account): not kept. */
const NAMES_SOMETHING = /\d.*\d.*\d|^[\w-]{24,}$/;
/** A host label that does (d-1234567890.awsapps.com, ssoins-…); an address's numbers stay. */
const NAMES_HOST = /[a-z].*\d.*\d.*\d|\d.*\d.*\d.*[a-z]|^[\w-]{24,}$/i;
const MAX_ITEMS = 20;

export interface ExchangeShape {
  type: string;
  method: string;
  /** host and path, with ids replaced by :id, and the names of query fields */
  url: string;
  status: number;
  mime?: string;
  failed?: string;
  request?: unknown;
  response?: unknown;
}

export interface SignInShape {
  note: string;
  exchanges: ExchangeShape[];
}

/** The same structure with every value replaced by its type, but for the protocol's own words. */
export function shapeOf(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => shapeOf(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v, k)]));
  }
  // an empty string says something (the empty captcha shell) and holds nothing
  if (value === '' || (typeof value === 'string' && key !== undefined && VOCABULARY.has(key) && WORD.test(value))) return value;
  return value === null ? null : typeof value;
}

function urlShape(raw: string): string {
  const url = new URL(raw);
  const host = url.hostname.split('.').map((label) => (NAMES_HOST.test(label) ? ':id' : label)).join('.');
  const path = url.pathname.split('/').map((part) => (NAMES_SOMETHING.test(part) ? ':id' : part)).join('/');
  const fields = [...new Set(url.searchParams.keys())];
  return `${host}${url.port ? `:${url.port}` : ''}${path}${fields.length ? `?${fields.join('&')}` : ''}`;
}

/** A body's shape: JSON by structure, a form by its field names, anything else by its kind. */
function bodyShape(text: string | undefined, mime: string): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    if (/json/i.test(mime) || /^\s*[[{]/.test(text)) return shapeOf(JSON.parse(text));
  } catch {
    // not JSON after all
  }
  if (/x-www-form-urlencoded/i.test(mime)) return shapeOf(Object.fromEntries(new URLSearchParams(text)));
  return /html/i.test(mime) ? 'html' : 'text';
}

const header = (headers: Record<string, string> | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';

/** The exchanges on hosts where answers were given (`onSignInHosts`), oldest first, as shapes. */
export function signInShape(exchanges: readonly Exchange[], onSignInHosts: (url: string) => boolean): SignInShape {
  return {
    note: 'The shape of a browser sign-in awssso completed: step ids, input types, keys and status codes, no values. '
      + 'Attach it to a bug report so that awssso can learn the steps it did not know.',
    exchanges: exchanges.filter((x) => onSignInHosts(x.request.url)).map((x) => {
      const mime = x.response?.mimeType ?? '';
      const request = bodyShape(x.request.postData, header(x.sentHeaders ?? x.request.headers, 'content-type'));
      const response = x.body && !x.body.base64 ? bodyShape(x.body.text, mime) : undefined;
      return {
        type: x.type,
        method: x.request.method,
        url: urlShape(x.request.url),
        status: x.response?.status ?? 0,
        ...(mime ? { mime } : {}),
        ...(x.failed ? { failed: x.failed } : {}),
        ...(request === undefined ? {} : { request }),
        ...(response === undefined ? {} : { response }),
      };
    }),
  };
}

/** Writes the shape under the debug directory (0600, whole or not at all) and returns its path. */
export async function saveSignInShape(shape: SignInShape, env: NodeJS.ProcessEnv): Promise<string> {
  const path = join(debugDir(env), `signin-shape-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFileAtomic(path, `${JSON.stringify(shape, null, 2)}\n`);
  return path;
}
