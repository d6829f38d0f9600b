import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { checkDictionaries, formatCheckReport } from '../../src/cli/dict/check.js';
import { explainText, formatExplanation } from '../../src/cli/dict/explain.js';
import { sharedEngine } from '../support/engine.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ondo-dict-'));
let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the shipped dictionaries with one more lexicon file. */
function dictionariesWith(name: string, file: string): string {
  const copy = mkdtempSync(join(dir, 'dictionaries-'));
  cpSync(join(ROOT, 'dictionaries'), copy, { recursive: true });
  writeFileSync(join(copy, name), file);
  return copy;
}

const OUT_OF_RANGE = `category: anger
description: テスト用
entries:
  - id: anger.test-ok
    pattern: 激おこ
    match: surface
    weight: 30
    note: テスト
  - id: anger.test-broken
    pattern: ぷんぷん
    match: lemma
    weight: 450
    note: テスト
`;

const WRONG_EXAMPLE = `category: anger
entries:
  - id: anger.test-example
    pattern: 激おこ
    match: surface
    weight: 30
    note: テスト
    examples:
      match:
        - 今日は晴れです
`;

describe('ondo dict check', () => {
  it('passes on the shipped dictionaries, examples included', async () => {
    const report = await checkDictionaries(undefined, { tokenizer: engine.tokenizer });
    expect(report.problems).toEqual([]);
    expect(report.exampleFailures).toEqual([]);
    expect(report.unread).toEqual([]);
    expect(report.examples.lexicon).toBeGreaterThan(300);
    expect(report.examples.lint).toBeGreaterThan(50);
    expect(formatCheckReport(report)).toMatch(/ok: every file is valid and every example passes$/);
  });

  it('names the file, line and entry of an invalid entry, and exits 1', () => {
    const broken = dictionariesWith('tone/zz-broken.yaml', OUT_OF_RANGE);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'dict', 'check', '--dictionaries', broken], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✗ tone/zz-broken.yaml:12 (entry anger.test-broken): /entries/1/weight: must be <= 100');
    expect(run.stdout).toContain('the lexicon examples were not run: the lexicons do not load');
  });

  it('runs every example through the tokenizer and names the failing one by entry and line', async () => {
    const report = await checkDictionaries(dictionariesWith('tone/zz-example.yaml', WRONG_EXAMPLE), { tokenizer: engine.tokenizer });
    expect(report.problems).toEqual([]);
    expect(report.exampleFailures).toEqual([
      {
        file: 'tone/zz-example.yaml',
        line: 10,
        entryId: 'anger.test-example',
        message: 'should match 「今日は晴れです」 (examples.match)',
      },
    ]);
  });
});

describe('ondo dict explain', () => {
  it('shows a negated match for 「怒っていません」 and what negated it', () => {
    const explanation = explainText(engine, { body: '別に怒っていません。' });
    const negated = explanation.notCounted.find((n) => n.category === 'anger');
    expect(negated).toMatchObject({ text: '怒っ', why: 'negated', because: 'followed by the negation 「ていません」' });
    expect(explanation.counted.filter((e) => e.category === 'anger')).toEqual([]);
    const token = explanation.fields[0]!.tokens.find((t) => t.surface === '怒っ');
    expect(token).toMatchObject({ lemma: '怒る', pos: '動詞', matches: [{ entryId: negated!.entryId, status: 'negated' }] });
    // Only the learned layer may still weigh 「別に」 (a rank within calm): it never changes the level.
    expect(explanation.result).toMatchObject({ level: 'calm' });
    expect(explanation.counted.every((e) => e.category === 'learned')).toBe(true);

    const text = formatExplanation(explanation);
    expect(text).toContain(`✗ ${negated!.entryId} (negated)`);
    expect(text).toMatch(
      new RegExp(
        `${negated!.entryId.replace('.', '\\.')}\\s+anger\\s+body\\s+「怒っ」\\s+negated: followed by the negation 「ていません」`,
      ),
    );
    expect(text).toContain('result: calm (平常) · anger');
  });

  it('shows the weight, multiplier and contribution of each match that counted', () => {
    const explanation = explainText(engine, { subject: '至急', body: '本当にふざけるな' });
    const anger = explanation.counted.find((e) => e.category === 'anger');
    expect(anger).toMatchObject({ field: 'body', text: 'ふざける' });
    expect(anger!.multiplier).toBeGreaterThan(1); // 「本当に」 intensifies it
    expect(anger!.contribution).toBeCloseTo(anger!.weight * anger!.multiplier, 1);
    expect(explanation.counted.find((e) => e.field === 'subject')).toBeDefined();
    expect(formatExplanation(explanation)).toMatch(/entry\s+category\s+field\s+text\s+weight\s+multiplier\s+contribution/);
  });

  it('asks for the text when none is given', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'dict', 'explain'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ondo dict explain: give the text to explain');
  });
});
