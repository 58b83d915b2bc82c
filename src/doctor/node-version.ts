// The Node.js running awssso against the release lines it is tested on (package.json engines).
import { verdict, type Check } from './check.js';

/** Tested release lines and the oldest minor of each that awssso runs on. */
const TESTED: Record<number, number> = { 20: 19, 22: 12, 24: 0 };
/** Lines past their end of life: they still work, but get no security fixes. */
const END_OF_LIFE: Record<number, string> = { 20: 'April 2026' };

export function nodeVersionVerdict(version: string) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number) as [number, number];
  const name = `Node.js ${version}`;
  const oldestMinor = TESTED[major];
  if (oldestMinor === undefined) {
    const newest = Math.max(...Object.keys(TESTED).map(Number));
    return major > newest
      ? verdict('node', 'warn', `${name} is newer than awssso is tested on (20, 22, 24)`, 'report anything odd with `awssso doctor --json`')
      : verdict('node', 'fail', `${name} is not supported: awssso needs 20.19+, 22.12+ or 24`, 'install Node.js 22 or 24');
  }
  if (minor < oldestMinor) {
    return verdict('node', 'fail', `${name} is too old: awssso needs ${major}.${oldestMinor} or newer on this line`, `upgrade to Node.js ${major}.${oldestMinor}+ or 24`);
  }
  const eol = END_OF_LIFE[major];
  return eol
    ? verdict('node', 'ok', `${name} (end of life since ${eol})`, 'move to Node.js 22 or 24 for security fixes')
    : verdict('node', 'ok', name);
}

export const nodeVersion: Check = async () => nodeVersionVerdict(process.version);
