/**
 * Adversarial mails built from the dictionaries' own trigger phrases: every matcher, frame and
 * drafting reader fires on every sentence, so a step that rescans per match, per token or per
 * clause shows as a time far over that of a plain mail of the same length.
 */
import type { Dictionaries } from '../../src/analysis/lexicon/load.js';

export interface TriggerProbe {
  name: string;
  /** About `n` UTF-16 units of mail body. */
  make(n: number): string;
}

const repeat = (unit: string, n: number) => unit.repeat(Math.max(1, Math.floor(n / unit.length)));

/** A calm mail of ordinary sentences: the yardstick the probes are measured against. */
export const PLAIN_UNIT =
  'いつもお世話になっております。先日こちらで購入したカーテンについてお伺いします。' +
  '部屋の窓の幅が百八十センチなのですが、どのサイズを選べばよいでしょうか。よろしくお願いいたします。\n';
export const plainMail = (n: number) => repeat(PLAIN_UNIT, n);

/** Every `step`-th entry's first matching example, per category (dictionary order), without its end punctuation. */
export function triggerPhrases(dictionaries: Dictionaries, step = 20): string[] {
  const byCategory = new Map<string, string[]>();
  for (const entry of dictionaries.lexicon.entries) {
    const example = entry.examples?.match?.[0];
    if (example === undefined) continue;
    const list = byCategory.get(entry.category) ?? [];
    list.push(example.replace(/[。．.！!？?、,\s]+$/u, ''));
    byCategory.set(entry.category, list);
  }
  return [...byCategory.values()].flatMap((examples) => examples.filter((_, i) => i % step === 0));
}

/** The shapes, each at about n characters; `phrases` from triggerPhrases. */
export function triggerProbes(phrases: readonly string[]): TriggerProbe[] {
  const all = (joint: string) => phrases.join(joint) + joint;
  const WORDS = ['最悪', '許せない', '返金しろ', '二度と買わない'];
  return [
    { name: 'trigger phrases as sentences', make: (n) => repeat(all('。'), n) },
    { name: 'trigger phrases as one long sentence without punctuation', make: (n) => repeat(phrases.join(''), n) },
    { name: 'trigger phrases as clauses of one sentence (、)', make: (n) => repeat(all('、'), n) },
    { name: 'trigger phrases one per line', make: (n) => repeat(all('\n'), n) },
    { name: 'trigger phrases as quoted > lines', make: (n) => `お問い合わせです。\n${repeat(phrases.map((p) => `> ${p}\n`).join(''), n)}` },
    { name: 'trigger phrases in nested 「」', make: (n) => repeat(phrases.map((p) => `「『「${p}」』」`).join(''), n) },
    {
      name: 'trigger phrases after past adversatives (〜でしたが、)',
      make: (n) => repeat(phrases.map((p) => `${p}と心配していましたが、`).join(''), n),
    },
    ...WORDS.map((word) => ({ name: `「${word}」 without punctuation`, make: (n: number) => repeat(word, n) })),
    ...WORDS.map((word) => ({ name: `「${word}」 as short sentences`, make: (n: number) => repeat(`${word}。`, n) })),
    { name: 'the four words as one long sentence', make: (n) => repeat(WORDS.join(''), n) },
    { name: 'もし…場合 around every word', make: (n) => repeat('もし返金されない場合は最悪で許せない', n) },
    { name: 'もし opened once, then words', make: (n) => `もし${repeat('最悪許せない', n)}場合は` },
    { name: '「 opened and never closed', make: (n) => `「${repeat('最悪「許せない', n)}` },
    { name: '「」 nested deep', make: (n) => `${repeat('「', n / 2)}最悪${repeat('」', n / 2)}` },
    { name: 'quoted > lines of words', make: (n) => `返金しろ\n${repeat('> 最悪許せない返金しろ\n', n)}` },
    { name: 'nested > quotes', make: (n) => `返金しろ\n${repeat('>>>>>>>> 二度と買わない\n', n)}` },
    // Each shape below once took seconds to minutes: a rule rescanned its clause, its sentence or every match per match.
    { name: 'one past clause of words handed over (〜だったけど)', make: (n) => `${repeat('最悪', n)}だったけど、` },
    {
      name: 'one past sentence of words, then a contrast (それなのに)',
      make: (n) => `${repeat('最悪', n)}でした。それなのに、届きました。`,
    },
    { name: 'one clause of worries closed by が', make: (n) => `${repeat('心配', n)}していましたが、届きました。` },
    { name: 'one clause of words and a plan (つもりだった)', make: (n) => `${repeat('最悪', n)}買わないつもりだったけど、` },
    { name: 'past fear then contrast, repeated', make: (n) => repeat('最悪になるのではと思っていました。それなのに、', n) },
    { name: 'a third party felt it, in one past clause', make: (n) => `父が${repeat('激怒', n)}しました。` },
    { name: 'counts of rounds with で', make: (n) => `${repeat('3回目で', n)}直りました。` },
    { name: 'intensified words', make: (n) => repeat('本当に最悪', n) },
    { name: 'an earlier thing compared, clause after clause', make: (n) => `前は${repeat('青かったけど、これは', n)}赤い。` },
    { name: 'cited answers, then the outcome far after', make: (n) => `${repeat('ご回答いただきましたが', n)}。。。。ログインできません` },
    { name: 'conditions ending in punctuation runs', make: (n) => repeat('壊れたら！！！！！！！！', n) },
    { name: 'dates without punctuation', make: (n) => repeat('12月10日までに', n) },
    { name: 'relative days without punctuation', make: (n) => repeat('明日', n) },
    { name: 'a day, then times', make: (n) => `明日${repeat('15時まで', n)}` },
  ];
}
