/** Types of segments.js (a plain browser module) for the tests that import it. */
export interface TextRun<S> {
  start: number;
  end: number;
  text: string;
  spans: S[];
}
export function segmentText<S extends { start: number; end: number }>(text: string, spans: readonly S[]): TextRun<S>[];
