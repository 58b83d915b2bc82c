// The version awssso announces in its user-agent and HAR files: the one in package.json.
import { readFileSync } from 'node:fs';

// Compiled to dist/src/http/version.js; package.json sits three folders up.
const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

export const version: string = packageJson.version;
export const userAgent = `awssso/${version}`;
