/**
 * What quote and signature stripping share beyond the line vocabulary of analysis/text-lines.ts:
 * counting and joining the lines that are kept.
 */
import { isBlank } from '../analysis/text-lines.js';

/** For each index i: how many non-blank lines there are from i to the end (one pass, read in O(1)). */
export function nonBlankCountsFrom(lines: readonly string[]): Int32Array {
  const counts = new Int32Array(lines.length + 1);
  for (let index = lines.length - 1; index >= 0; index--) counts[index] = counts[index + 1]! + (isBlank(lines[index]!) ? 0 : 1);
  return counts;
}

/** The kept lines, joined, with runs of blank lines left by removals collapsed and ends trimmed. */
export function joinKeptLines(lines: readonly string[], removed: readonly boolean[]): string {
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (removed[index]) continue;
    if (isBlank(line) && (kept.length === 0 || isBlank(kept.at(-1)!))) continue;
    kept.push(line);
  }
  while (kept.length > 0 && isBlank(kept.at(-1)!)) kept.pop();
  return kept.join('\n');
}

/** Non-blank lines marked removed: what `stripped` counts report. */
export function countRemoved(lines: readonly string[], removed: readonly boolean[]): number {
  return lines.filter((line, index) => removed[index] && !isBlank(line)).length;
}
