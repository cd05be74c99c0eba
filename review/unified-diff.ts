/**
 * A small line diff (longest common subsequence) rendered in the unified format `git diff` prints, for the
 * review report's Talos document and chart values diffs. Pure; no dependencies.
 */

/** One line of a diff: kept (' '), removed ('-') or added ('+'). */
interface DiffLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
  /** 1-based line numbers in the old and new text (the side the line exists on). */
  readonly oldNo: number;
  readonly newNo: number;
}

/** Options of `unifiedDiff`. */
export interface UnifiedDiffOptions {
  /**
   * Unchanged lines shown around each change.
   * @default 3
   */
  readonly context?: number;
  /**
   * Label of the old text in the `---` header.
   * @default 'base'
   */
  readonly oldLabel?: string;
  /**
   * Label of the new text in the `+++` header.
   * @default 'head'
   */
  readonly newLabel?: string;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script between two line arrays; common prefix and suffix are matched first to keep the table small. */
function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  // lcs[i][j] = length of the LCS of midA[i..] and midB[j..]
  const lcs: Uint32Array[] = Array.from({ length: midA.length + 1 }, () => new Uint32Array(midB.length + 1));
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let oldNo = 0;
  let newNo = 0;
  const keep = (text: string) => out.push({ op: ' ', text, oldNo: ++oldNo, newNo: ++newNo });
  a.slice(0, start).forEach(keep);
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      keep(midA[i]);
      i++;
      j++;
    } else if (j >= midB.length || (i < midA.length && lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ op: '-', text: midA[i++], oldNo: ++oldNo, newNo });
    } else {
      out.push({ op: '+', text: midB[j++], oldNo, newNo: ++newNo });
    }
  }
  a.slice(endA).forEach(keep);
  return out;
}

function hunkHeader(lines: readonly DiffLine[]): string {
  const oldLines = lines.filter((l) => l.op !== '+');
  const newLines = lines.filter((l) => l.op !== '-');
  const range = (first: number | undefined, count: number, before: number) =>
    count === 0 ? `${before},0` : count === 1 ? `${first}` : `${first},${count}`;
  const firstOld = oldLines[0]?.oldNo;
  const firstNew = newLines[0]?.newNo;
  return `@@ -${range(firstOld, oldLines.length, lines[0].oldNo)} +${range(firstNew, newLines.length, lines[0].newNo)} @@`;
}

/**
 * The unified diff of two texts, or an empty string when they are equal line by line.
 * Example: `unifiedDiff('a\nb\n', 'a\nc\n')` → `--- base\n+++ head\n@@ -1,2 +1,2 @@\n a\n-b\n+c`.
 */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions = {}): string {
  const context = options.context ?? 3;
  const lines = diffLines(splitLines(oldText), splitLines(newText));
  const changed = lines.map((l, index) => (l.op === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(lines.length - 1, index + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  const out = [`--- ${options.oldLabel ?? 'base'}`, `+++ ${options.newLabel ?? 'head'}`];
  for (const [from, to] of hunks) {
    const slice = lines.slice(from, to + 1);
    out.push(hunkHeader(slice), ...slice.map((l) => `${l.op}${l.text}`));
  }
  return out.join('\n');
}
