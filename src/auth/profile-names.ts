// Profile names from a template such as '{account_name}.{role_name}', made into names the AWS CLI
// and a credential_process command line take as they are (letters, digits, . _ -), and unique.
import { AwsssoError, EXIT } from '../errors.js';

export const DEFAULT_NAME_TEMPLATE = '{account_name}.{role_name}';

export interface NamedRole {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roleName: string;
}

const FIELDS: Record<string, (role: NamedRole) => string> = {
  account_name: (r) => r.accountName,
  account_id: (r) => r.accountId,
  role_name: (r) => r.roleName,
  email: (r) => r.emailAddress ?? '',
};

/** Throws a usage error naming what the template gets wrong. */
export function checkTemplate(template: string): void {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).filter((name) => !(name in FIELDS));
  if (unknown.length) {
    throw new AwsssoError(`--name: unknown {${unknown[0]}}; the template may use ${Object.keys(FIELDS).map((f) => `{${f}}`).join(', ')}`, EXIT.usage);
  }
  if (!/\{(account_name|account_id)\}/.test(template) || !template.includes('{role_name}')) {
    throw new AwsssoError('--name must contain {role_name} and {account_name} or {account_id}, so that each role gets its own profile', EXIT.usage);
  }
}

const normalise = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');

/** One name per role, in order; a name already taken gets -2, -3, ... */
export function profileNames(template: string, roles: readonly NamedRole[]): string[] {
  checkTemplate(template);
  const taken = new Set<string>();
  return roles.map((role) => {
    const base = normalise(template.replace(/\{(\w+)\}/g, (_, field: string) => FIELDS[field]!(role))) || `${role.accountId}.${role.roleName}`;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
