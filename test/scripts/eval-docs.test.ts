import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRAFT_SETS } from '../../scripts/draft-evaluation.js';
import {
  FIGURES_DOCS,
  findFigures,
  HEADLINE_COLUMNS,
  parseFigures,
  renderFigures,
  replaceFigures,
  type FiguresDoc,
} from '../../scripts/eval-docs.js';
import { HELD_OUT_SETS } from '../../scripts/evaluation.js';
import { REPLY_COLUMNS, TONE_COLUMNS } from '../../scripts/summary-table.js';

const read = (doc: FiguresDoc) => readFileSync(new URL(`../../${FIGURES_DOCS[doc]}`, import.meta.url), 'utf8');
const SETS = ['development (in-sample)', ...HELD_OUT_SETS.map((set) => set.name)];

/**
 * The figures in the docs change with every dictionary edit, so these tests check what the
 * script would write in sets, columns and layout — never the numbers. When one fails, run
 * `npm run eval -- --write-docs` and commit the docs it rewrote.
 */
describe.each(Object.keys(FIGURES_DOCS) as FiguresDoc[])('the figures block of %s', (doc) => {
  const block = findFigures(doc, read(doc));

  it('is there once, between its markers, and reads back to exactly what the script writes', () => {
    expect(block, `${FIGURES_DOCS[doc]} has no figures block: run npm run eval -- --write-docs`).toBeDefined();
    expect(read(doc).split(block!).length).toBe(2);
    expect(renderFigures(doc, parseFigures(doc, block!))).toBe(block);
  });

  it('names the date, the commit and the dictionaries it was measured with', () => {
    const { meta } = parseFigures(doc, block!);
    expect(meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(meta.commit).toMatch(/^[0-9a-f]{7,40}( \+ uncommitted changes)?$/);
    expect(meta.dictionaryVersion).toMatch(/^sha256:[0-9a-f]+$/);
  });

  it('has the columns and the sets the script writes today', () => {
    const { tables } = parseFigures(doc, block!);
    const names = (table: string[][]) => table.slice(1).map((row) => row[0]);
    if (doc === 'readme') {
      expect(tables.map((table) => table[0])).toEqual([HEADLINE_COLUMNS]);
      expect(names(tables[0]!)).toEqual([SETS[0], SETS.at(-1)]);
    } else {
      expect(tables.map((table) => table[0])).toEqual([TONE_COLUMNS, REPLY_COLUMNS]);
      expect(tables.map(names)).toEqual([SETS, SETS]);
      // every set with draft labels has its drafts figure
      const drafted = new Set(DRAFT_SETS.map((set) => (set.name === 'development' ? SETS[0] : set.name)));
      for (const row of tables[1]!.slice(1)) expect(row[3] !== '—').toBe(drafted.has(row[0]!));
    }
    for (const table of tables) for (const row of table) expect(row).toHaveLength(table[0]!.length);
  });
});

describe('replaceFigures', () => {
  it('replaces only the block between the markers, and refuses a document without them', () => {
    const block = renderFigures('readme', {
      meta: { date: '2026-12-06', commit: 'abc1234', dictionaryVersion: 'sha256:00' },
      tables: [[['set'], ['held-out 8']]],
    });
    const doc = `before\n\n${findFigures('readme', read('readme'))}\n\nafter $& $1\n`;
    expect(replaceFigures('readme', doc, block)).toBe(`before\n\n${block}\n\nafter $& $1\n`);
    expect(() => replaceFigures('readme', 'no markers', block)).toThrow(/no <!-- figures:readme/);
  });
});
