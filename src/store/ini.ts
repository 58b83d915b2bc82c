// INI files read by botocore's rules and edited in place, keeping every byte not edited.
// botocore reads ~/.aws/config and ~/.aws/credentials with Python's configparser.RawConfigParser
// (strict): full-line `#`/`;` comments only (a `#` inside a value is part of it), `=` or `:` with
// any spaces around, keys lower-cased, section names as written (dots and spaces kept), indented
// lines continue the previous value, duplicate sections or keys are errors, [DEFAULT] lends its
// keys to every section. This file follows the same state machine line by line.
// Only node built-ins: the credential_process fast path loads this.

/** Python's whitespace (str.strip, re \s); JS's differs a little (\x1c-\x1f, \x85, \ufeff). */
const WS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_WS = new RegExp(`^[${WS}]*`);
const TRAILING_WS = new RegExp(`[${WS}]*$`);
/** configparser's OPTCRE: the key is everything before the first `=` or `:`. */
const OPTION_RE = new RegExp(`^(.*?)([${WS}]*)([=:])([${WS}]*)(.*)$`, 's');
const DEFAULT_SECTION = 'DEFAULT';

const pyStrip = (s: string) => s.replace(LEADING_WS, '').replace(TRAILING_WS, '');

export class IniSyntaxError extends Error {
  constructor(readonly line: number, readonly reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'IniSyntaxError';
  }
}

export interface IniData {
  /** Sections in file order, [DEFAULT] excluded; keys lower-cased as botocore does. */
  sections: Map<string, Map<string, string>>;
  /** The keys of [DEFAULT], which configparser lends to every section. */
  defaults: Map<string, string>;
}

type LineKind = 'blank' | 'comment' | 'header' | 'option' | 'continuation';

interface Line {
  text: string;
  eol: string;
  kind: LineKind;
  /** header: its name; option and continuation: the section they belong to */
  section?: string;
  /** option and continuation: the (lower-cased) key they belong to */
  key?: string;
  indent: string;
  /** option: offsets in `text` just after the delimiter, and where the value starts */
  delimEnd?: number;
  valueStart?: number;
}

function splitLines(text: string): { text: string; eol: string }[] {
  const lines: { text: string; eol: string }[] = [];
  const eolRe = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = eolRe.exec(text); m; m = eolRe.exec(text)) {
    lines.push({ text: text.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

/** Classify every line and collect the values, exactly as RawConfigParser._read does. */
function scan(text: string): { lines: Line[]; data: IniData } {
  const sections = new Map<string, Map<string, string[]>>();
  const defaults = new Map<string, string[]>();
  const lines: Line[] = [];
  let section: string | null = null;
  let values: Map<string, string[]> | null = null;
  let current: string[] | null = null;
  let key: string | null = null;
  let indentLevel = 0;
  splitLines(text).forEach((raw, i) => {
    const lineNo = i + 1;
    // A byte-order mark (Windows editors) is tolerated on the first line and kept when editing.
    const bom = i === 0 && raw.text.startsWith('\ufeff') ? 1 : 0;
    const body = raw.text.slice(bom);
    const indentText = LEADING_WS.exec(body)![0];
    const stripped = pyStrip(body);
    const line: Line = { ...raw, kind: 'blank', indent: raw.text.slice(0, bom + indentText.length) };
    lines.push(line);
    if (stripped.startsWith('#') || stripped.startsWith(';')) {
      line.kind = 'comment';
      return;
    }
    if (!stripped) {
      current?.push(''); // configparser keeps inner blank lines of a multi-line value
      return;
    }
    if (section !== null && key !== null && indentText.length > indentLevel) {
      current!.push(stripped);
      Object.assign(line, { kind: 'continuation', section, key });
      return;
    }
    indentLevel = indentText.length;
    const close = stripped.lastIndexOf(']');
    if (stripped.startsWith('[') && close >= 2) {
      section = stripped.slice(1, close);
      if (section === DEFAULT_SECTION) {
        values = defaults;
      } else {
        if (sections.has(section)) throw new IniSyntaxError(lineNo, `section [${section}] appears twice`);
        values = new Map();
        sections.set(section, values);
      }
      key = null;
      current = null;
      Object.assign(line, { kind: 'header', section });
      return;
    }
    if (section === null) throw new IniSyntaxError(lineNo, 'text before the first [section]');
    const m = OPTION_RE.exec(stripped);
    if (!m) throw new IniSyntaxError(lineNo, 'neither a [section], a key = value, nor a comment');
    if (!m[1]) throw new IniSyntaxError(lineNo, `no key before '${m[3]}'`);
    key = m[1].toLowerCase();
    if (values!.has(key)) throw new IniSyntaxError(lineNo, `key ${key} appears twice in [${section}]`);
    current = [m[5]];
    values!.set(key, current);
    const delimEnd = line.indent.length + m[1].length + m[2].length + 1;
    Object.assign(line, { kind: 'option', section, key, delimEnd, valueStart: delimEnd + m[4].length });
  });
  const join = (map: Map<string, string[]>) =>
    new Map([...map].map(([k, parts]) => [k, parts.join('\n').replace(TRAILING_WS, '')] as const));
  return {
    lines,
    data: { sections: new Map([...sections].map(([name, map]) => [name, join(map)])), defaults: join(defaults) },
  };
}

/**
 * The text of an INI file about to be edited. Bytes that are not UTF-8 would not survive the
 * round trip (and botocore refuses them), so they are an error naming their line.
 */
export function decodeIni(bytes: Buffer): string {
  const text = bytes.toString('utf8'); // keeps a BOM, unlike TextDecoder
  const back = Buffer.from(text, 'utf8');
  if (back.equals(bytes)) return text;
  let at = 0;
  while (back[at] === bytes[at]) at++;
  const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
  throw new IniSyntaxError(line, 'not UTF-8 text');
}

/** Parse INI text; throws IniSyntaxError (with a 1-based line number) where botocore would refuse. */
export function parseIni(text: string): IniData {
  return scan(text).data;
}

/** A section's keys as botocore sees them: its own over [DEFAULT]'s; undefined if there is no such section. */
export function iniSection(data: IniData, name: string): Map<string, string> | undefined {
  if (name === DEFAULT_SECTION) return new Map(data.defaults);
  const own = data.sections.get(name);
  return own && new Map([...data.defaults, ...own]);
}

/** Keys to set (string) or remove (null) in one section. */
export type IniUpdates = Record<string, string | null>;

function checkUpdates(section: string, updates: IniUpdates): void {
  if (!section || /[\r\n]/.test(section)) throw new Error(`invalid INI section name ${JSON.stringify(section)}`);
  for (const [key, value] of Object.entries(updates)) {
    if (!key || key !== pyStrip(key) || /[=:\r\n]/.test(key) || /^[[#;]/.test(key)) {
      throw new Error(`invalid INI key ${JSON.stringify(key)}`);
    }
    // Never echo the value: it may be a secret.
    if (value !== null && (value !== pyStrip(value) || /[\r\n]/.test(value))) {
      throw new Error(`the value for ${key} has a line break or surrounding spaces, which INI cannot keep`);
    }
  }
}

function dominantEol(lines: Line[]): string {
  const counts = new Map<string, number>();
  for (const { eol } of lines) if (eol) counts.set(eol, (counts.get(eol) ?? 0) + 1);
  let best = '\n';
  for (const [eol, n] of counts) if (n > (counts.get(best) ?? 0)) best = eol;
  return best;
}

function sameData(a: IniData, b: IniData): boolean {
  const sameMap = (x: Map<string, string>, y: Map<string, string>) =>
    x.size === y.size && [...x].every(([k, v]) => y.get(k) === v);
  return (
    sameMap(a.defaults, b.defaults) &&
    a.sections.size === b.sections.size &&
    [...a.sections].every(([name, values]) => {
      const other = b.sections.get(name);
      return other !== undefined && sameMap(values, other);
    })
  );
}

/** Applies one section's updates to `data`, in place: what botocore reads after the edit. */
function applyUpdates(data: IniData, section: string, updates: IniUpdates): void {
  let target = data.defaults;
  if (section !== DEFAULT_SECTION) {
    target = data.sections.get(section) ?? new Map();
    data.sections.set(section, target);
  }
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) target.delete(key.toLowerCase());
    else target.set(key.toLowerCase(), value);
  }
}

/** A copy of `data`, less the sections `keep` refuses. */
function copyData(data: IniData, keep: (section: string) => boolean = () => true): IniData {
  const sections = new Map([...data.sections].filter(([name]) => keep(name)).map(([name, values]) => [name, new Map(values)]));
  return { sections, defaults: new Map(data.defaults) };
}

/** What botocore should read after the edit: the old data with the updates applied. */
function expectedAfter(before: IniData, section: string, updates: IniUpdates): IniData {
  const after = copyData(before);
  applyUpdates(after, section, updates);
  return after;
}

/**
 * Set or remove keys in ONE section of INI text, leaving every other byte as it was (comments,
 * order, blank lines, line endings, other sections). A replaced key keeps its spelling, indentation
 * and delimiter; new keys go after the section's last key; a missing section is added at the end.
 * Throws IniSyntaxError when the text is not valid INI for botocore.
 */
export function editIniSection(text: string, section: string, updates: IniUpdates): string {
  checkUpdates(section, updates);
  const { lines, data: before } = scan(text);
  const options = new Map<string, number[]>(); // key -> its option line, then its continuation lines
  let insertAfter = -1; // last header/option/continuation line of the section's last block
  for (const [i, line] of lines.entries()) {
    if (line.section !== section) continue;
    if (line.kind === 'header') {
      insertAfter = i;
    } else if (line.kind === 'option') {
      options.set(line.key!, [i]);
      insertAfter = i;
    } else if (line.kind === 'continuation') {
      options.get(line.key!)!.push(i);
      insertAfter = i;
    }
  }
  const replaced = new Map<number, string | null>(); // line index -> new text, null to drop it
  const added: [string, string][] = [];
  for (const [key, value] of Object.entries(updates)) {
    const found = options.get(key.toLowerCase());
    if (!found) {
      if (value !== null) added.push([key, value]);
      continue;
    }
    const [first, ...continuation] = found;
    for (const i of continuation) replaced.set(i, null);
    const line = lines[first]!;
    const head = line.valueStart === line.text.length ? `${line.text.slice(0, line.delimEnd)} ` : line.text.slice(0, line.valueStart);
    replaced.set(first, value === null ? null : head + value);
  }
  // New keys take the indentation of the last key kept before them: never deeper, so never a continuation.
  let indent = '';
  for (let i = insertAfter; i >= 0 && lines[i]!.kind !== 'header'; i--) {
    if (lines[i]!.kind === 'option' && replaced.get(i) !== null) {
      indent = lines[i]!.indent;
      break;
    }
  }
  const eol = dominantEol(lines);
  const addedText = added.map(([key, value]) => `${indent}${key} = ${value}${eol}`).join('');
  let out = '';
  for (const [i, line] of lines.entries()) {
    const next = replaced.has(i) ? replaced.get(i) : line.text;
    if (next !== null && next !== undefined) out += next + (i === insertAfter && addedText ? line.eol || eol : line.eol);
    if (i === insertAfter) out += addedText;
  }
  if (insertAfter < 0 && addedText) {
    const last = lines.at(-1);
    const separator = !last ? '' : !last.eol ? eol + eol : last.kind === 'blank' ? '' : eol;
    out += `${separator}[${section}]${eol}${addedText}`;
  }
  // A file that ended without a line break still does.
  if (text && !/[\r\n]$/.test(text) && out.endsWith(eol)) out = out.slice(0, -eol.length);
  if (!sameData(parseIni(out), expectedAfter(before, section, updates))) {
    throw new Error(`cannot change [${section}] in place without disturbing its neighbours (unusual indentation); edit it by hand`);
  }
  return out;
}

/**
 * Many sections at once (populate's thousands of profiles): `null` removes a whole section (its
 * header through its last key; comments after it stay with what follows), an update edits an
 * existing section as editIniSection does, and new sections are appended together at the end.
 * Every other byte stays as it was.
 */
export function editIniSections(text: string, edits: ReadonlyMap<string, IniUpdates | null>): string {
  const { lines, data: before } = scan(text);
  const linesOf = new Map<string, number[]>(); // section -> its header, option and continuation lines
  for (const [i, line] of lines.entries()) {
    if (line.section === undefined) continue;
    const own = linesOf.get(line.section);
    if (own) own.push(i);
    else linesOf.set(line.section, [i]);
  }
  const removed = new Set<number>();
  for (const [section, updates] of edits) {
    const own = updates === null ? linesOf.get(section) : undefined;
    if (!own) continue;
    const last = own.at(-1)!;
    for (let i = own[0]!; i <= last; i++) removed.add(i);
    // and the blank line that set it apart, so that no gap is left
    if (lines[own[0]! - 1]?.kind === 'blank') removed.add(own[0]! - 1);
    else if (lines[last + 1]?.kind === 'blank') removed.add(last + 1);
  }
  let out = lines.filter((_, i) => !removed.has(i)).map((line) => line.text + line.eol).join('');
  const eol = dominantEol(lines);
  const added: string[] = [];
  for (const [section, updates] of edits) {
    if (updates === null) continue;
    if (before.sections.has(section) || section === DEFAULT_SECTION) {
      out = editIniSection(out, section, updates);
      continue;
    }
    checkUpdates(section, updates);
    const keys = Object.entries(updates).filter((entry): entry is [string, string] => entry[1] !== null);
    added.push(`[${section}]${eol}${keys.map(([key, value]) => `${key} = ${value}${eol}`).join('')}`);
  }
  if (added.length) {
    const endsLine = (t: string) => /[\r\n]$/.test(t);
    const lastLineBlank = endsLine(out.replace(/(\r\n|\r|\n)$/, ''));
    const separator = !out ? '' : !endsLine(out) ? eol + eol : lastLineBlank ? '' : eol;
    out += separator + added.join(eol);
  }
  // One copy for all the edits: expectedAfter per edit would copy every section each time.
  const expected = copyData(before, (name) => edits.get(name) !== null);
  for (const [section, updates] of edits) if (updates !== null) applyUpdates(expected, section, updates);
  if (!sameData(parseIni(out), expected)) throw new Error('cannot apply the edits in place without disturbing other sections; edit the file by hand');
  return out;
}
