/**
 * A deterministic corpus of generated Japanese support mails for benchmarks: the same (n, seed)
 * always gives the same mails, so runs on different machines and days compare like for like.
 */

export interface BenchMail {
  subject: string;
  body: string;
}

export const CORPUS_DESCRIPTION =
  'Generated support mails (seeded PRNG, mulberry32): a subject line and a 200–2,000-character body ' +
  '(uniform target length) built from greetings, polite and angry complaint paragraphs, questions, ' +
  'bulleted and numbered lists, quoted earlier messages ("> " lines under an "On … wrote:" header), ' +
  'closings and signatures; about a quarter are casual mails with few 、。 (line breaks, ！？, emoji ' +
  'incl. ZWJ sequences, ｗ); slots mix ASCII and full-width digits, order numbers, dates, prices, ' +
  'Latin product names, URLs, mail addresses and half-width kana.';

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const toFullWidth = (digits: string): string => digits.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)]!);
const HALF_WIDTH_KANA = ['ｶﾌﾞｼｷｶﾞｲｼｬ', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'ｻﾎﾟｰﾄ', 'ﾍﾝﾋﾟﾝ', 'ｷｬﾝｾﾙ', 'ﾒｰﾙ'];
const EMOJI = ['😡', '🙏', '😊', '😭', '💢', '👍', '🙇‍♂️', '👨‍💻', '👨‍👩‍👧', '⚠️', '✨', '🤔', '😤'];
const PRODUCTS = [
  'iPhone 15 Pro',
  'Windows 11',
  'ABC-1234',
  'SmartHub X2',
  'Pro プラン',
  'スタンダードプラン',
  'ワイヤレスイヤホン',
  'USB-C ケーブル',
  'Premium会員',
];
const SURNAMES = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太', '陽子'];
const COMPANIES = ['株式会社サンプル', '有限会社テスト商事', 'サンプル工業株式会社', 'ABCソリューションズ株式会社'];

/** Slot fillers: numbers, dates, prices, identifiers, in the mixed widths real mail has. */
function slot(random: Random, kind: string): string {
  const digits = (count: number) => Array.from({ length: count }, () => int(random, 0, 9)).join('');
  const width = (text: string) => (random() < 0.3 ? toFullWidth(text) : text);
  switch (kind) {
    case 'order':
      return width(`${pick(random, ['', 'A', 'ORD-', '#'])}${digits(int(random, 6, 10))}`);
    case 'date':
      return random() < 0.5
        ? width(`${int(random, 2022, 2025)}年${int(random, 1, 12)}月${int(random, 1, 28)}日`)
        : width(`${int(random, 2022, 2025)}/${String(int(random, 1, 12)).padStart(2, '0')}/${String(int(random, 1, 28)).padStart(2, '0')}`);
    case 'price':
      return pick(random, [`¥${int(random, 1, 99)},${digits(3)}`, width(`${int(random, 500, 99999)}円`), `${int(random, 1, 30)}万円`]);
    case 'product':
      return pick(random, PRODUCTS);
    case 'count':
      return pick(random, ['二', '三', '四', '何', width(String(int(random, 2, 5)))]);
    case 'days':
      return width(String(int(random, 2, 21)));
    case 'emoji':
      return pick(random, EMOJI);
    case 'company':
      return pick(random, COMPANIES);
    case 'surname':
      return pick(random, SURNAMES);
    case 'hwkana':
      return pick(random, HALF_WIDTH_KANA);
    default:
      return kind;
  }
}

/** Replaces every {slot} in a template. */
const expand = (random: Random, template: string): string => template.replace(/\{(\w+)\}/g, (_, kind: string) => slot(random, kind));

const SUBJECTS = [
  '注文番号{order}の件',
  'Re: お問い合わせの件',
  'Re: Re: 返品について',
  '【至急】{product}が起動しません',
  '請求金額について（{price}）',
  'ログインできません',
  '解約手続きについて',
  '{date}の配送について',
  'Fwd: {product} 不具合のご報告',
  '三度目の連絡です',
  'ご対応への御礼',
  '領収書の発行依頼',
  'パスワード再設定',
  '【重要】二重請求されています',
  '至急ご確認ください！！',
  '{product}の使い方',
  'お問い合わせ（{order}）',
];
const GREETINGS = [
  'お世話になっております。',
  'いつもお世話になっております。',
  'サポートご担当者様\n\nお世話になります。',
  '{company}\nカスタマーサポート ご担当者様\n\nいつもお世話になっております。',
  'はじめてご連絡いたします。',
  'お忙しいところ失礼いたします。',
  'こんにちは。',
  '先日はありがとうございました。',
];
const SELF = ['{company}の{surname}です。', '{surname}と申します。', '会員番号{order}の{surname}です。', ''];
const POLITE = [
  '{date}に注文した{product}がまだ届いておりません。',
  '注文番号{order}の商品について確認させてください。',
  '{product}を購入したのですが、設定方法がわからず困っております。',
  '請求書に記載の金額が{price}となっておりましたが、見積もりと異なるようです。',
  'お手数をおかけしますが、ご確認のほどよろしくお願いいたします。',
  'ご回答いただけますと幸いです。',
  '念のため、スクリーンショットを添付いたします。',
  '{days}日ほど前から{product}にログインできない状態が続いております。',
  '配送状況を確認したところ、「配達済み」となっていましたが受け取っておりません。',
  '返金は{date}までに可能でしょうか。',
  '大変恐縮ですが、至急ご対応いただけますでしょうか。',
  '前回の回答では解決しなかったため、再度ご連絡いたしました。',
];
const ANGRY = [
  'これで{count}度目のご連絡となります。',
  '返信がありません。どういうことでしょうか。',
  '納得いたしかねます。',
  '正直、対応が遅すぎると思います。',
  'いつまで待たせるつもりですか？',
  'こちらは{days}日も待っています。',
  '誠意ある対応を求めます。',
  '二重に{price}請求されています。早急に返金してください。',
  '許せません。',
  'そちらの説明と全く違うのですが、どういうことですか？',
  '何度問い合わせても同じ回答しか返ってきません。',
  '上の者に代わってください。',
  '素晴らしい対応ですね。皮肉ですが。',
];
const QUESTIONS = [
  '解約の手続きはどのようにすればよいでしょうか。',
  '{product}の保証期間はいつまでですか？',
  '支払い方法を変更することは可能ですか？',
  '領収書を発行していただくことはできますか。',
  '対応状況を教えていただけますか？',
  'パスワードの再設定方法を教えてください。',
];
const LIST_ITEMS = [
  '注文番号：{order}',
  '注文日：{date}',
  '商品名：{product}',
  '金額：{price}',
  '症状：電源が入らない',
  'OS：Windows 11 / macOS 14',
  'ブラウザ：Chrome 120',
  'エラーコード：E{days}0{days}',
  '連絡先：{surname}@example.co.jp',
  '発生日時：{date} 10:{days}頃',
];
const CASUAL = [
  'まだ届かないんだけど',
  'どうなってるの？？',
  'ほんとに困ってます{emoji}',
  'ログインできない{emoji}{emoji}',
  'これ壊れてるよね',
  '昨日からずっとエラー出てる',
  'はやく返事ください！！',
  'ふざけんな',
  'まじで許せん',
  'ムカつく{emoji}',
  'もういいです',
  'ありがとうございます！助かりました{emoji}',
  'すごく使いやすいです{emoji}{emoji}',
  'ｗｗｗ',
  'お願いします{emoji}',
  '{product}買ったけど動かない',
  'サポートに電話しても繋がらないし',
  '返金してほしい',
  'なんなのこれ',
  'ちゃんと説明して',
  '{hwkana}から連絡来たけど意味わからん',
  'URL開けない https://example.com/support/{order}',
];
const CLOSINGS = [
  'よろしくお願いいたします。',
  '以上、よろしくお願い申し上げます。',
  'ご確認のほど、よろしくお願いいたします。',
  'ご返信お待ちしております。',
  '早急なご対応をお願いいたします。',
  '何卒よろしくお願いいたします。',
];

function signature(random: Random): string {
  const name = `${pick(random, SURNAMES)} ${pick(random, GIVEN)}`;
  return pick(random, [
    `--\n${name}\n${pick(random, COMPANIES)} 営業部\nTEL: 03-${int(random, 1000, 9999)}-${int(random, 1000, 9999)}\nEmail: user${int(random, 1, 999)}@example.co.jp`,
    `━━━━━━━━━━━━━━━━\n${pick(random, COMPANIES)}\n${name}\n〒100-0001 東京都千代田区1-2-3\n━━━━━━━━━━━━━━━━`,
    `${name}`,
    `${name}（${pick(random, HALF_WIDTH_KANA)}）\n携帯：090-${int(random, 1000, 9999)}-${int(random, 1000, 9999)}`,
    `Sent from my iPhone`,
  ]);
}

function paragraph(random: Random, angry: boolean): string {
  const sentences = Array.from({ length: int(random, 1, 4) }, () =>
    expand(random, pick(random, angry && random() < 0.6 ? ANGRY : random() < 0.2 ? QUESTIONS : POLITE)),
  );
  return sentences.join(random() < 0.3 ? '\n' : '');
}

function list(random: Random): string {
  const style = int(random, 0, 3);
  const items = Array.from({ length: int(random, 2, 5) }, () => expand(random, pick(random, LIST_ITEMS)));
  return items.map((item, i) => [`・${item}`, `${i + 1}. ${item}`, `${'①②③④⑤'[i]}${item}`, `- ${item}`][style]).join('\n');
}

function quoted(random: Random): string {
  const header = `${slot(random, 'date')} ${int(random, 9, 18)}:${String(int(random, 0, 59)).padStart(2, '0')} カスタマーサポート <support@example.com>:`;
  const lines = [
    `${pick(random, SURNAMES)}様`,
    '',
    'お問い合わせいただきありがとうございます。',
    expand(random, '恐れ入りますが、注文番号{order}についてお調べしますので、少々お待ちください。'),
    '何かございましたら、お気軽にお問い合わせください。',
    '',
    'カスタマーサポート',
    'https://example.com/help',
  ];
  const depth = random() < 0.3 ? '> > ' : '> ';
  return `${header}\n${lines.map((line) => `${depth}${line}`.trimEnd()).join('\n')}`;
}

function formalMail(random: Random, target: number): string {
  const angry = random() < 0.4;
  const parts = [expand(random, pick(random, GREETINGS)), expand(random, pick(random, SELF))].filter(Boolean);
  while (parts.join('\n\n').length < target * 0.75) {
    const r = random();
    parts.push(r < 0.65 ? paragraph(random, angry) : r < 0.85 ? list(random) : expand(random, pick(random, QUESTIONS)));
  }
  parts.push(pick(random, CLOSINGS), signature(random));
  if (random() < 0.35) parts.push(quoted(random));
  return parts.join('\n\n');
}

function casualMail(random: Random, target: number): string {
  const lines: string[] = [];
  while (lines.join('\n').length < target) {
    const line = expand(random, pick(random, CASUAL));
    lines.push(random() < 0.3 ? `${line}${pick(random, ['！', '？', '!!', '…', '', ' '])}` : line);
  }
  if (random() < 0.3) lines.push('', quoted(random));
  return lines.join(random() < 0.7 ? '\n' : ' ');
}

/** Clips to at most `max` characters at a line break (never inside a surrogate pair). */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max);
  let end = cut > max / 2 ? cut : max;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return text.slice(0, end);
}

/** Builds `n` mails; bodies are 200–2,000 characters. */
export function buildCorpus(n: number, seed = 20240601): BenchMail[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const target = int(random, 200, 2000);
    let body = random() < 0.25 ? casualMail(random, target) : formalMail(random, target);
    while (body.length < 200) body += `\n${paragraph(random, false)}`;
    return { subject: expand(random, pick(random, SUBJECTS)), body: clip(body, 2000) };
  });
}
