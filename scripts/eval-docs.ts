/**
 * The figures `npm run eval -- --write-docs` writes into docs/evaluation.md and the README, between
 * marker comments, with the date and the commit they were measured on. Dictionary work changes the
 * numbers every day: rerun the script rather than edit a table (test/scripts/eval-docs.test.ts
 * checks each block is what the script writes, in sets and columns, not in numbers).
 */
import { markdownTable, parseMarkdownTable, replyCells, toneCells, type Cells, type SetSummary } from './summary-table.js';

export interface FiguresMeta {
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** Short commit id, with " + uncommitted changes" when the tree had some. */
  commit: string;
  dictionaryVersion: string;
}

export interface FiguresBlock {
  meta: FiguresMeta;
  tables: Cells[];
}

export const FIGURES_DOCS = { evaluation: 'docs/evaluation.md', readme: 'README.md' } as const;
export type FiguresDoc = keyof typeof FIGURES_DOCS;

const start = (doc: FiguresDoc) => `<!-- figures:${doc} — written by npm run eval -- --write-docs; do not edit by hand -->`;
const end = (doc: FiguresDoc) => `<!-- /figures:${doc} -->`;

/** The README's headline: the in-sample set and the newest held-out set, the measures a reader asks for first. */
export const HEADLINE_COLUMNS = [
  'set',
  'macro-F1',
  'furious recall',
  'calm/concerned → angry',
  'reviews AUC anger / dissat.',
  'posts AUC anger / dissat.',
  'scenarios',
  'linter micro P / R',
  'drafts meeting every check',
];

export function headlineCells(sets: readonly SetSummary[]): Cells {
  const chosen = [sets[0]!, sets[sets.length - 1]!];
  const [tone, replies] = [toneCells(chosen), replyCells(chosen)];
  const cell = (row: number, column: string) => {
    const at = tone[0]!.indexOf(column);
    return at >= 0 ? tone[row]![at]! : replies[row]![replies[0]!.indexOf(column)]!;
  };
  return [HEADLINE_COLUMNS, ...[1, 2].map((row) => HEADLINE_COLUMNS.map((column) => cell(row, column)))];
}

export function figureTables(doc: FiguresDoc, sets: readonly SetSummary[]): Cells[] {
  return doc === 'readme' ? [headlineCells(sets)] : [toneCells(sets), replyCells(sets)];
}

const META = /^Measured by `npm run eval` on (\d{4}-\d{2}-\d{2}) at commit ([^,]+), dictionaries `([^`]+)`\.$/;

export function renderFigures(doc: FiguresDoc, { meta, tables }: FiguresBlock): string {
  const line = `Measured by \`npm run eval\` on ${meta.date} at commit ${meta.commit}, dictionaries \`${meta.dictionaryVersion}\`.`;
  return [start(doc), line, ...tables.map(markdownTable), end(doc)].join('\n\n');
}

/** The block of `doc` in `text` as written (markers included), or undefined when it has none. */
export function findFigures(doc: FiguresDoc, text: string): string | undefined {
  const from = text.indexOf(start(doc));
  const to = text.indexOf(end(doc), from);
  return from < 0 || to < 0 ? undefined : text.slice(from, to + end(doc).length);
}

export function parseFigures(doc: FiguresDoc, block: string): FiguresBlock {
  const parts = block
    .slice(start(doc).length, block.length - end(doc).length)
    .trim()
    .split(/\n\s*\n/);
  const found = META.exec(parts[0]!.trim());
  if (!found) throw new Error(`${FIGURES_DOCS[doc]}: the figures block has no "Measured by" line`);
  return { meta: { date: found[1]!, commit: found[2]!, dictionaryVersion: found[3]! }, tables: parts.slice(1).map(parseMarkdownTable) };
}

/** `text` with its block of `doc` replaced; throws when the markers are missing. */
export function replaceFigures(doc: FiguresDoc, text: string, block: string): string {
  const old = findFigures(doc, text);
  if (old === undefined) throw new Error(`${FIGURES_DOCS[doc]}: no ${start(doc)} … ${end(doc)} markers`);
  return text.replace(old, () => block);
}
