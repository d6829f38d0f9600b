/**
 * Splits a text into runs at every span boundary, each run listing the spans that cover it, so
 * overlapping and nested spans (「回答をいただけておりません」 around 「いただけておりません」) can all be
 * highlighted in place without nesting elements. Browser module; also imported by the tests.
 */

/**
 * @template {{ start: number, end: number }} S
 * @param {string} text
 * @param {readonly S[]} spans 0-based UTF-16 [start, end) offsets into text; spans outside it are ignored
 * @returns {{ start: number, end: number, text: string, spans: S[] }[]}
 */
export function segmentText(text, spans) {
  const inside = spans.filter(
    (s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= text.length,
  );
  const cuts = new Set([0, text.length]);
  for (const span of inside) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = /** @type {number} */ (points[i]);
    const end = /** @type {number} */ (points[i + 1]);
    runs.push({ start, end, text: text.slice(start, end), spans: inside.filter((s) => s.start <= start && s.end >= end) });
  }
  return runs;
}
