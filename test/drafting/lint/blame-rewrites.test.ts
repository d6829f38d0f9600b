/**
 * Blame rewrites where the phrase ends the sentence. Every entry with a rewrite (blame, lecture,
 * complaint-lecture, fault) is tried on its own examples and on each example cut right after the
 * phrase: 「お客様の誤操作が原因です。」 once became 「す。」, and 「先ほども申し上げた通りです。」 would
 * become 「重ねてのご案内となり恐縮ですがです。」. A rewrite either leaves the sentence out (empty) or
 * reads as a sentence: no stump at its start, no 〜が／〜と left hanging at its end, no blame on re-lint.
 */
import { describe, expect, it } from 'vitest';
import { lintReply, type LintFinding } from '../../../src/drafting/lint/index.js';
import { rules, shapeRules, tokenizer } from './rule-tester.js';

const REWRITE_SETS = ['blame', 'lecture', 'complaint-lecture', 'fault'] as const;
/** What the blame is read against: an angry customer's complaint, where every shape applies. */
const options = { rules, tokenizer, kind: 'complaint-reply', customerLevel: 'angry' } as const;

/** Each example, and the example ended right after the phrase (with 「です。」 when the phrase has no predicate). */
function sentenceEndVariants(example: string, regex: RegExp): string[] {
  const text = example.normalize('NFKC');
  const match = new RegExp(regex.source, regex.flags.replace('g', '')).exec(text);
  if (!match) return [example];
  const head = text.slice(0, match.index + match[0].length).replace(/[、。]+$/u, '');
  // A phrase that needs a clause after it (〜ので, 〜ため, 〜が) cannot end a sentence.
  if (/(?:ので|ため|から|が|て)$/u.test(head)) return [example];
  const ending = /(?:ます|ません|です|でした|た|ない)$/u.test(head) ? '。' : 'です。';
  return [example, `${head}${ending}`];
}

const cases = REWRITE_SETS.flatMap((set) =>
  rules.sets[set].entries
    .filter((entry) => entry.rewrite !== undefined)
    .flatMap((entry) =>
      entry.examples.match.flatMap((example) => sentenceEndVariants(example, entry.regex).map((text) => [entry.id, text] as const)),
    ),
);

const blameOf = (text: string): LintFinding[] => lintReply(text, options).filter((f) => f.ruleId === 'blame');
/** A rewrite re-linted by the clause shapes (rule-tester.ts shapeRules). */
const shapeBlameOf = (text: string): LintFinding[] =>
  lintReply(text, { ...options, rules: shapeRules }).filter((f) => f.ruleId === 'blame');

/** A particle or auxiliary that cannot open a sentence, or punctuation. */
const STUMP_START = /^(?:[、。,.]|す[。、]|ます|です|でした|ございま|が[、。]|を|に[、。]|と[、。]|ください)/u;
/** A clause that joins on to something that is not there (恐縮ですがです。, 念のためお伝えいたしますと。). */
const HANGING_END = /(?:が|と|ば|により|[、,])(?:です|でございます|す)?[。!?！？]?$/u;

describe('blame rewrites at the end of a sentence', () => {
  it('cover every rewrite entry of the blame sets, most of them ended right after the phrase', () => {
    const entries = new Set(cases.map(([id]) => id));
    expect(entries.size).toBeGreaterThan(50);
    const flaggedVariants = cases.filter(([, text], i) => i > 0 && cases[i - 1]![0] === cases[i]![0] && blameOf(text).length > 0);
    expect(flaggedVariants.length).toBeGreaterThan(40);
  });

  it.each(cases)('%s: 「%s」 is rewritten as a sentence, or left out', (_id, text) => {
    for (const finding of blameOf(text)) {
      const rewrite = finding.rewrite ?? '';
      if (rewrite === '') continue;
      expect(rewrite, `「${text}」 → 「${rewrite}」`).not.toMatch(STUMP_START);
      // A sentence the writer left hanging (〜沿えたのですが。) may stay so; the rewrite must not make one.
      if (!HANGING_END.test(text)) expect(rewrite, `「${text}」 → 「${rewrite}」`).not.toMatch(HANGING_END);
      expect(
        shapeBlameOf(rewrite).map((f) => f.text),
        `「${text}」 → 「${rewrite}」`,
      ).toEqual([]);
    }
  });

  it('leaves out a sentence that only blames, and keeps the fact when the blame is a clause of it', () => {
    const [alone] = blameOf('お客様の誤操作が原因です。');
    expect(alone?.rewrite).toBe('');
    const [clause] = blameOf('お客様の操作ミスにより、所属グループが未設定です。');
    expect(clause?.rewrite).toBe('所属グループが未設定です。');
    const [request] = blameOf('詳細はご自身でご確認ください。');
    expect(request?.rewrite).toBe('お手数ですが、詳細はご確認いただけますでしょうか。');
  });
});

describe('a duty laid on the customer (〜ないとダメです)', () => {
  it.each([
    ['解約してもらわないとダメなんです。', '解約していただけますでしょうか'],
    ['解約していただかないとダメなんです。', '解約していただけますでしょうか'],
    ['ご来店前に在庫をご確認なさらないといけません。', 'ご確認いただけますでしょうか'],
    ['事前にご連絡いただかないと困ります。', 'ご連絡いただけますでしょうか'],
    ['期限内に手続きを済ませないといけません。', '済ませていただけますでしょうか'],
  ])('finds 「%s」 and asks for 「%s」 behind one cushion', (text, asked) => {
    const [finding, ...more] = blameOf(text);
    expect(more).toEqual([]);
    expect(finding?.rewrite).toBe(`お手数ですが、${text.slice(0, text.indexOf(asked.slice(0, 2)))}${asked}。`);
    expect(lintReply(finding!.rewrite!, options).map((f) => f.ruleId)).not.toContain('blame');
  });

  it('is not found in a condition or in what the shop itself must do', () => {
    expect(blameOf('ログインしないとご利用いただけません。')).toEqual([]);
    expect(blameOf('当店で確認しなければなりませんので、少々お待ちいただけますでしょうか。')).toEqual([]);
  });
});

describe('one cushion a sentence', () => {
  it('drops a second rewrite’s cushion where an earlier one already softens the sentence', () => {
    const text =
      'ポイントの有効期限は、毎月のお知らせメールとマイページ上部でも事前にご案内しておりますので、今後はそちらもあわせてご確認いただけますと幸いです。';
    const rewrites = new Set(blameOf(text).map((f) => f.rewrite));
    expect([...rewrites]).toEqual([
      'ポイントの有効期限は、毎月のお知らせメールとマイページ上部でも事前にお伝えしていたものの、わかりにくかったかもしれず申し訳ございませんが、そちらもあわせてご確認いただけますと幸いです。',
    ]);
  });
});

describe('a rewrite takes the customer out of the error and keeps the sentence whole', () => {
  it('drops the customer as the agent of the error, and says what differed in the clause’s own form', () => {
    const [finding] = blameOf('お客様が入力された口座番号が1桁誤っていたため、お振込みが返却されました。');
    expect(finding?.rewrite).toBe('入力された口座番号が1桁一致していなかったため、お振込みが返却されました。');
    const [polite] = blameOf('お客様が入力されたご住所が間違っていました。');
    expect(polite?.rewrite).toBe('入力されたご住所が一致しておりませんでした。');
  });

  it('takes the whole reason clause when a deletion would leave it headless, and cushions what follows', () => {
    const [finding] = blameOf('お客様の操作ミスによるものですので、再発行手数料はお客様のご負担となります。');
    expect(finding?.rewrite).toBe('大変恐れ入りますが、再発行手数料はお客様のご負担となります。');
  });
});

describe('a clause that doubts the customer, and told-you-so', () => {
  it('lets the shop own the unclear explanation in place of a guess at what the customer missed', () => {
    const [finding] = blameOf('ご説明をお聞き漏らしになったのかもしれませんが、休会は前月10日までのお申し出となります。');
    expect(finding?.rewrite).toBe('ご案内がわかりにくかったかもしれず、申し訳ございません。休会は前月10日までのお申し出となります。');
  });

  it('drops the guess where the rest of the sentence already owns it, and says what was told as a plain fact', () => {
    const [finding] = blameOf('お知らせをお読みいただいていなかったのかもしれませんが、当社としては事前にご案内済みでございます。');
    expect(finding?.rewrite).toBe('当社としては事前にご案内しておりましたが、行き届かない点があり申し訳ございません。');
  });

  it('asks about the moment a guess at the customer’s own act was tied to', () => {
    const [finding] = blameOf('アプリのボタンを押された際に、ご自身で変更されたものと思われます。');
    expect(finding?.rewrite).toBe(
      'アプリのボタンを押された際のご状況を確認させていただきたく、恐れ入りますが、詳しくお聞かせいただけますでしょうか。',
    );
  });

  it('keeps the customer’s act as one cause among others, its verb whole', () => {
    const [finding] = blameOf('それ以外のものをお使いになったことで基板が損傷した可能性が高いと考えております。');
    expect(finding?.rewrite).toBe('それ以外のものをお使いになったことも一因となり、基板が損傷した可能性が高いと考えております。');
  });

  it('drops a question why the customer did not, keeping what came before it as a sentence', () => {
    const text = '到着時の確認をお願いしておりましたが、なぜすぐご確認いただけなかったのでしょうか。';
    expect(blameOf(text).map((f) => f.text)).toContain('なぜすぐご確認いただけなかったのでしょうか');
    expect(blameOf(text)[0]?.rewrite).not.toMatch(/なぜ/u);
  });

  it('puts 念のため after a connective that opens the sentence, and reads no place in 一年でも', () => {
    const [finding] = blameOf(
      'ただ、金曜日の夜は一年でも特に混み合う時間帯で、注文画面にも「90分以上かかる場合があります」と表示しておりました。',
    );
    expect(finding?.rewrite).toBe(
      'ただ、念のため、金曜日の夜は一年でも特に混み合う時間帯で、注文画面に「90分以上かかる場合があります」と表示しておりました。',
    );
  });

  it('rewrites a pointer at the rules whole in a complaint reply, not only its も', () => {
    const [finding] = blameOf('会員規約にも記載がございますので、改めてご確認いただければと存じます。');
    expect(finding?.rewrite).toBe('会員規約に記載がございますが、わかりにくく申し訳ございません。改めてご確認いただければと存じます。');
  });
});

describe('a polite form that makes a refusal', () => {
  it('puts the refusal’s cushion before a casual statement of what cannot be done, once it is said politely', () => {
    const [finding] = lintReply('先に登録しないと予約できない仕様なんです。', { rules, tokenizer }).filter((f) => f.ruleId === 'register');
    expect(finding?.rewrite).toBe('大変恐れ入りますが、先に登録しないと予約できない仕様でございます。');
    const again = lintReply(finding!.rewrite!, { rules, tokenizer }).map((f) => f.ruleId);
    expect(again.filter((id) => id === 'bare-refusal' || id === 'register')).toEqual([]);
  });
});
