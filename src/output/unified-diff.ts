// A unified diff (diff -u) of two texts, for `populate --dry-run`. Lines common to both ends are
// set aside first (populate mostly appends or edits a few sections), then Myers' algorithm finds
// the shortest edit of what is left.

type Op = [' ' | '-' | '+', string];

function splitLines(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return lines;
}

/** Myers' O(ND) shortest edit script between a and b. */
function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!) ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[max + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, max, d);
    }
  }
  return [];
}

function backtrack(trace: Int32Array[], a: string[], b: string[], max: number, dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[max + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push([' ', a[--x]!]) && y--;
    if (x === prevX) ops.push(['+', b[--y]!]);
    else ops.push(['-', a[--x]!]);
  }
  while (x > 0) { ops.push([' ', a[--x]!]); y--; }
  return ops.reverse();
}

/** `--- from` / `+++ to` and hunks with `context` lines around each change; '' when equal. */
export function unifiedDiff(before: string, after: string, from: string, to: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [
    ...a.slice(0, head).map((line): Op => [' ', line]),
    ...myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map((line): Op => [' ', line]),
  ];
  let out = `--- ${from}\n+++ ${to}\n`;
  const changed = ops.flatMap((op, i) => (op[0] === ' ' ? [] : [i]));
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - context);
    let end = changed[i]! + 1;
    while (i < changed.length && changed[i]! <= end + 2 * context) end = changed[i++]! + 1;
    end = Math.min(ops.length, end + context);
    let oldStart = 1;
    let newStart = 1;
    for (const [kind] of ops.slice(0, start)) {
      if (kind !== '+') oldStart++;
      if (kind !== '-') newStart++;
    }
    const hunk = ops.slice(start, end);
    const oldLen = hunk.filter(([k]) => k !== '+').length;
    const newLen = hunk.filter(([k]) => k !== '-').length;
    out += `@@ -${oldLen ? oldStart : oldStart - 1},${oldLen} +${newLen ? newStart : newStart - 1},${newLen} @@\n`;
    for (const [kind, line] of hunk) out += kind + (line.endsWith('\n') ? line : `${line}\n\\ No newline at end of file\n`);
  }
  return out;
}
