/**
 * Worst-case inputs for each text-processing step, as generators of about `n` characters: the
 * security tests run them at the size limit under a time bound, the benchmark at n and 4n to
 * show the cost grows linearly. Each targets a shape that once was (or easily becomes) quadratic.
 */
import { cleanMailText } from '../../src/mail/clean-mail-text.js';
import { stripQuotedReply } from '../../src/mail/quoted-reply.js';
import { stripSignature } from '../../src/mail/signature.js';
import { normalizeText } from '../../src/analysis/normalize.js';
import { htmlBodyToText } from '../../src/mail/html-body.js';
import type { Tokenizer } from '../../src/analysis/tokenizer/index.js';
import { readMailFacts } from '../../src/drafting/mail-facts.js';

export type TextStep = 'quote' | 'signature' | 'clean' | 'html' | 'normalizer' | 'tokenizer' | 'facts';

export interface WorstCase {
  step: TextStep;
  name: string;
  /** About `n` UTF-16 units of input. */
  make(n: number): string;
  /** The step reads at most this many characters (the rest is cut off): the benchmark measures below it. */
  reads?: number;
}

const OPENING = 'お問い合わせです\n';
const repeat = (unit: string, n: number) => unit.repeat(Math.max(1, Math.floor(n / unit.length)));

const MAIL_SHAPES: { name: string; make(n: number): string }[] = [
  // issue 19 row 2: every "--" line used to rescan all the lines after it
  { name: '"--" lines', make: (n) => OPENING + repeat('--\n', n) },
  { name: 'rule lines', make: (n) => OPENING + repeat('━━━━\n', n) },
  { name: 'rule lines between blank lines', make: (n) => OPENING + repeat('----\n\n', n) },
  { name: 'one long line of rule characters', make: (n) => OPENING + repeat('-', n) + 'x' },
  { name: 'one long word with no @ (mail address pattern)', make: (n) => OPENING + repeat('a', n) },
  { name: 'one long run of digits (address and phone patterns)', make: (n) => OPENING + repeat('1', n) },
  { name: 'TEL and a long run of spaces', make: (n) => `${OPENING}TEL${repeat(' ', n)}x` },
  { name: 'contact lines', make: (n) => `${OPENING}\n${repeat('TEL 03-1234-5678\n', n)}` },
  { name: 'quoted lines', make: (n) => OPENING + repeat('> 引用です\n', n) },
  { name: '"wrote:" lines', make: (n) => OPENING + repeat('wrote:\n', n) },
  { name: 'separator lines', make: (n) => OPENING + repeat('-----Original Message-----\n', n) },
  { name: 'header blocks', make: (n) => repeat('From: a@example.jp\nTo: b\nSubject: c\n', n) },
  { name: 'a From: line of "<"', make: (n) => `${OPENING}From: ${repeat('<', n)}\nTo: x\nSubject: y\n` },
  { name: 'a From: line of address characters', make: (n) => `${OPENING}From: ${repeat('a.', n)}\nTo: x\nSubject: y\n` },
];

/** readMailFacts reads the first 20,000 characters of a body. */
const FACTS_READ = 20_000;

/** Runs of one character (the probe's 「怒」 and friends) and the shapes around the fact patterns' repeats. */
const FACT_SHAPES: { name: string; make(n: number): string }[] = [
  ...['怒', '！', '😡', 'ー', 'w', 'ア', '1'].map((char) => ({ name: `a run of 「${char}」`, make: (n: number) => repeat(char, n) })),
  { name: 'spaces after 「注文」', make: (n) => `注文${repeat(' ', n)}！` },
  { name: 'spaces after 「ID」', make: (n) => `ID${repeat(' ', n)}！` },
  { name: 'a mail address without its @', make: (n) => repeat('a.', n) },
  { name: 'prefecture characters', make: (n) => repeat('都', n) },
];

export const TEXT_WORST_CASES: WorstCase[] = [
  ...MAIL_SHAPES.map((shape) => ({ step: 'quote' as const, ...shape })),
  ...MAIL_SHAPES.map((shape) => ({ step: 'signature' as const, ...shape })),
  ...MAIL_SHAPES.map((shape) => ({ step: 'clean' as const, ...shape })),
  { step: 'html', name: 'paragraphs', make: (n) => repeat('<p>商品が届きません</p>', n) },
  { step: 'html', name: 'line breaks', make: (n) => repeat('あ<br>', n) },
  { step: 'html', name: 'table rows', make: (n) => `<table>${repeat('<tr><td>あ</td><td>い</td></tr>', n)}</table>` },
  {
    step: 'html',
    name: 'nesting just under the depth limit, repeated',
    make: (n) => repeat(`${'<div>'.repeat(250)}あ${'</div>'.repeat(250)}`, n),
  },
  { step: 'html', name: 'unclosed list items', make: (n) => `<ul>${repeat('<li>あ', n)}</ul>` },
  { step: 'html', name: 'line breaks between kanji and spaces', make: (n) => repeat('字 \n ', n) },
  { step: 'normalizer', name: 'one long cluster of combining marks', make: (n) => 'a' + repeat('\u0301', n) },
  { step: 'normalizer', name: 'half-width kana with voicing marks', make: (n) => repeat('ｶﾞ', n) },
  { step: 'normalizer', name: 'collapsible punctuation', make: (n) => repeat('！', n) },
  { step: 'normalizer', name: 'long-vowel variants after kana', make: (n) => 'す' + repeat('〜', n) },
  { step: 'tokenizer', name: 'hiragana without punctuation', make: (n) => repeat('あ', n) },
  { step: 'tokenizer', name: 'one unknown word', make: (n) => repeat('a', n) },
  { step: 'tokenizer', name: 'emoji', make: (n) => repeat('😡', n) },
  { step: 'tokenizer', name: 'katakana', make: (n) => repeat('ア', n) },
  { step: 'tokenizer', name: 'exclamation marks', make: (n) => repeat('！', n) },
  { step: 'tokenizer', name: 'kanji', make: (n) => repeat('怒', n) },
  // The facts a draft fills in (triage): 33,000 「怒」 took seconds there, four to seventy under load.
  ...FACT_SHAPES.map((shape) => ({ step: 'facts' as const, reads: FACTS_READ, ...shape })),
];

/** The case at a size limit: as many characters as fit in `limitBytes` of UTF-8. */
export function atSizeLimit(make: (n: number) => string, limitBytes: number): string {
  const probe = make(1000);
  const bytesPerChar = Buffer.byteLength(probe, 'utf8') / probe.length;
  let n = Math.floor(limitBytes / bytesPerChar);
  while (Buffer.byteLength(make(n), 'utf8') > limitBytes) n = Math.floor(n * 0.98);
  return make(n);
}

/** Runs one step on a text; the tokenizer step needs a loaded tokenizer. */
export function runTextStep(step: TextStep, text: string, tokenizer?: Tokenizer): unknown {
  switch (step) {
    case 'quote':
      return stripQuotedReply(text);
    case 'signature':
      return stripSignature(text);
    case 'clean':
      return cleanMailText(text);
    case 'html':
      return htmlBodyToText(text);
    case 'normalizer':
      return normalizeText(text);
    case 'tokenizer':
      if (!tokenizer) throw new Error('the tokenizer step needs a tokenizer');
      return tokenizer.tokenize(text);
    case 'facts':
      return readMailFacts(undefined, text);
  }
}

/** Milliseconds one run takes. */
export function timeTextStep(step: TextStep, text: string, tokenizer?: Tokenizer): number {
  const started = performance.now();
  runTextStep(step, text, tokenizer);
  return performance.now() - started;
}
