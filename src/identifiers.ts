// The formats of the identifiers awssso puts into paths, INI section names, prompts and requests.
// What the network or a flag gives is checked here before it goes anywhere. Node built-ins only.
import { ConfigError } from './errors.js';

/** An AWS account id: 12 digits. */
export const isAccountId = (value: unknown): value is string => typeof value === 'string' && /^\d{12}$/.test(value);

/** An IAM role name (permission sets become roles named after them): 1-64 of [A-Za-z0-9+=,.@_-]. */
export const isRoleName = (value: unknown): value is string => typeof value === 'string' && /^[\w+=,.@-]{1,64}$/.test(value);

/**
 * Why `name` cannot name a section of an INI file awssso writes (its config, the AWS credentials
 * file), or undefined when it can. Python's configparser, which botocore and the Python awssso
 * read these files with, makes every other section inherit `[DEFAULT]` (that exact name).
 */
function sectionNameProblem(name: string): string | undefined {
  if (name === 'DEFAULT') return 'every other profile would inherit its keys';
  if (!/^[\w +=,.@:/-]{1,64}$/.test(name) || name.trim() !== name) return 'use letters, digits, spaces inside and + = , . @ : / _ - (at most 64)';
  if (name.startsWith('-')) return 'it would read as a flag';
  return undefined;
}

/** Throws a one-line ConfigError when `name` cannot be an awssso or AWS CLI profile name. */
export function checkProfileName(name: string): void {
  const problem = sectionNameProblem(name);
  if (problem) throw new ConfigError(`${JSON.stringify(name)} cannot be a profile name: ${problem}`);
}
