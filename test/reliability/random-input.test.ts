import fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { ToneResult } from '../../src/analysis/tone-schema.js';
import { loadDrafting, type Drafting } from '../../src/drafting/drafting.js';
import { lintReply } from '../../src/drafting/lint/index.js';
import { TriageResult } from '../../src/drafting/triage-schema.js';
import { triage } from '../../src/drafting/triage.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
let drafting: Drafting;
beforeAll(async () => {
  engine = await sharedEngine();
  drafting = loadDrafting(loadDictionaries());
});

const validTone = Compile(ToneResult);
const validTriage = Compile(TriageResult);

/** The Unicode that breaks text code: surrogate pairs, lone surrogates, combining marks, controls, RTL, ZWJ emoji. */
const nastyPiece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '😡😡😡',
    '👨‍👩‍👧‍👦',
    '🏳️‍🌈',
    '\u200d',
    '\u200b',
    '\u202e',
    'مرحبا',
    '\u0301\u0301',
    'ｶﾞｷﾞ',
    '\ud800',
    '\udc00',
    '\u0000',
    '\r\n',
    '\t',
    '　',
    '！！？？',
    '。。。',
    '(-_-;)',
    '💢',
    '許せん',
    '返信がありません',
    '怒っていません',
    '責任者を出せ',
    'ー〜～',
    '①㈱髙',
    '\ufeff',
    'ﾞﾟ',
  ),
  fc.constantFrom('あ', 'ア', 'ｱ', 'a', '亜', '！', '、').chain((c) => fc.integer({ min: 1, max: 3000 }).map((n) => c.repeat(n))),
);
const nastyText = fc.array(nastyPiece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
const nonBlank = nastyText.filter((t) => /\S/.test(t));

function offsetsInside(result: ToneResult, subject: string | undefined, body: string): void {
  for (const span of [...result.evidence, ...result.notCounted]) {
    const text = span.field === 'subject' ? (subject ?? '') : body;
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeGreaterThanOrEqual(span.start);
    expect(span.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(span.start, span.end)).toBe(span.text);
  }
}

describe('random Unicode input', () => {
  it('analyze never throws, keeps offsets inside the text and matches the response schema', () => {
    fc.assert(
      fc.property(fc.option(nastyText, { nil: undefined }), nonBlank, (subject, body) => {
        const result = engine.analyze({ subject, body });
        expect(validTone.Check(result), JSON.stringify([...validTone.Errors(result)].slice(0, 2))).toBe(true);
        offsetsInside(result, subject, body);
      }),
      { numRuns: 200 },
    );
  });

  it('triage never throws and matches the response schema', () => {
    fc.assert(
      fc.property(
        fc.option(nastyText, { nil: undefined }),
        nonBlank,
        fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2049-12-31') }),
        (subject, body, receivedAt) => {
          const result = triage(engine, drafting, { subject, body, receivedAt: receivedAt.toISOString() });
          expect(validTriage.Check(result), JSON.stringify([...validTriage.Errors(result)].slice(0, 2))).toBe(true);
          expect(result.lint).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the linter never throws and keeps its offsets inside the reply', () => {
    fc.assert(
      fc.property(nonBlank, fc.constantFrom(undefined, 'calm', 'angry', 'furious' as const), (reply, customerLevel) => {
        for (const f of lintReply(reply, { customerLevel, rules: drafting.lintRules, tokenizer: engine.tokenizer })) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(reply.length);
          expect(reply.slice(f.start, f.end)).toBe(f.text);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('analyses a 100 KB run of one character in bounded time', () => {
    const started = performance.now();
    const result = engine.analyze({ body: 'あ'.repeat(34_000) });
    expect(result.level).toBe('calm');
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
