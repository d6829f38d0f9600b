import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DICTIONARIES_DIR, loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { applySuggestions, learnedFileOf } from '../../src/feedback/suggest/patch.js';

const SKIP_ENTRY = `    entry:
      id: sc.plan-change.learned-9fd16eef
      pattern: スキップ
      match: lemma
      weight: 32
      polarity: any
      note: チームの修正から（6通で ondo は other・subscription-cancellation、担当者は plan-change）
      examples:
        match:
          - 定期便のスキップ
`;

describe('applySuggestions on scenario entries', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ondo-patch-'));
    cpSync(DEFAULT_DICTIONARIES_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("appends to the scenario's own file and leaves every line already there as it was", () => {
    const before = readFileSync(join(dir, 'scenarios/plan-change.yaml'), 'utf8');
    const result = applySuggestions(
      `suggestions:\n  - file: scenarios/plan-change.yaml\n    category: scenario:plan-change\n${SKIP_ENTRY}`,
      dir,
    );
    expect(result.added).toEqual([{ file: 'scenarios/plan-change.yaml', id: 'sc.plan-change.learned-9fd16eef' }]);
    const after = readFileSync(join(dir, 'scenarios/plan-change.yaml'), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toContain('  - id: sc.plan-change.learned-9fd16eef\n    pattern: スキップ');
    expect(loadDictionaries(dir).lexicon.entries.find((e) => e.id === 'sc.plan-change.learned-9fd16eef')?.category).toBe(
      'scenario:plan-change',
    );
  });

  it('skips an entry whose file is not its category’s', () => {
    const result = applySuggestions(
      `suggestions:\n  - file: scenarios/billing.yaml\n    category: scenario:plan-change\n${SKIP_ENTRY}`,
      dir,
    );
    expect(result.added).toEqual([]);
    expect(result.skipped).toEqual([{ id: 'sc.plan-change.learned-9fd16eef', why: 'file and category disagree' }]);
  });

  it('sends tone categories to their learned file and scenarios to their own', () => {
    expect(learnedFileOf('anger')).toBe('tone/learned-anger.yaml');
    expect(learnedFileOf('scenario:plan-change')).toBe('scenarios/plan-change.yaml');
  });
});
