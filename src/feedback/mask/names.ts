/**
 * Finds people's names where mail puts them: the salutation (「久保様」), honorifics in the text
 * (「担当の高橋さん」), self-introductions (「井上と申します」「近藤です。」), name fields
 * (「氏名：」) and the signature's name lines at the end. Role words (お客様, ご担当者様, 仕様)
 * are not names. Ranges are [start, end) in the text given.
 */

export interface NameRange {
  start: number;
  end: number;
}

const KANJI = '一-龥々〆ヶ';
const KATAKANA = 'ァ-ヴー';
const NAME_CHARS = `[${KANJI}${KATAKANA}]`;

/** Words before 様/さん that are roles or ordinary words, not names. */
const NOT_NAMES = new Set([
  '客',
  'お客',
  '皆',
  '各位',
  '担当',
  '担当者',
  '同',
  '仕',
  '模',
  '多',
  '異',
  '一',
  '何',
  '有',
  '今',
  '左',
  '王',
  '神',
  '仏',
  '社長',
  '部長',
  '課長',
  '店長',
  '会長',
  '先生',
  '大手',
  '運営',
  '御社',
  '貴社',
  '貴店',
  '当社',
  '弊社',
  '管理会社',
  '業者',
  '配送業者',
  '宅配業者',
  '奥',
  '旦那',
  '親御',
  '患者',
  '上',
  '殿',
  '皆々',
  '社員',
  '店員',
  '職員',
  '係員',
  '添乗員',
  '配達員',
  'スタッフ',
  'ショップ',
  'サポート',
  'チーム',
  'メーカー',
  'オペレーター',
  'ドライバー',
  'カスタマー',
  'ユーザー',
  'ストア',
  '世話',
  '支配人',
  '管理人',
  '代理人',
  '本人',
  '個人',
  '主人',
  '友人',
  '知人',
  '住人',
  '犯人',
  '母',
  '父',
  '兄',
  '姉',
  '弟',
  '妹',
]);

const ROLE_SUFFIX = /(?:仕|同|模|異|者|員|長|社|局|店|部|課|係|室|会|院|団|隊|様|中身|時|日目|年|等)$/u;
const HONORIFIC = /(様|さま|さん|殿|先生)/u;

function isName(word: string): boolean {
  if (word.length === 0 || NOT_NAMES.has(word) || ROLE_SUFFIX.test(word)) return false;
  // katakana role words end in ー (デザイナー, オペレーター); katakana names rarely do
  if (/^[ァ-ヴー]+$/u.test(word) && word.endsWith('ー')) return false;
  return true;
}

/** 「山田様」「佐藤 花子さん」「ユウキ様」: up to two name words before an honorific. */
const BEFORE_HONORIFIC = new RegExp(`(${NAME_CHARS}{1,6}(?:[ 　]${NAME_CHARS}{1,6})?)[ 　]?${HONORIFIC.source}`, 'gu');
/** A salutation line: 「はるか様」「七瀬さま」 (hiragana given names only count at a line start). */
const SALUTATION_LINE = new RegExp(`^[ 　]*([ぁ-ゖ${KANJI}${KATAKANA}]{2,8})[ 　]?(?:様|さま|さん|殿)[ 　]*$`, 'gmu');
/** 「井上と申します」「tsubasa_illust と申します」 */
const SELF_INTRODUCTION = new RegExp(
  `(${NAME_CHARS}{1,6}(?:[ 　]${NAME_CHARS}{1,6})?|[A-Za-z][A-Za-z0-9_.\\-]{1,30}(?: [A-Za-z][A-Za-z0-9_.\\-]{1,30})?)[ 　]?(?:と申します|と申す者|といいます|と言います|でございます)`,
  'gu',
);
/**
 * 「近藤です。」 at a line start, 「担当の木村です」「出品者の tsubasa_illust です」「手続きをさせていただいた伊藤です」,
 * 「理事をしております中村です」;
 * read in the opening lines only, where people say who they are (elsewhere 「商品です」 is a thing).
 */
const NAME_THEN_DESU = new RegExp(
  `(?:^[ 　]*|(?:担当|部|課|係|室|社|店|者|事務所|チーム|会員|デザイン|出品者|購入者|依頼者)の[ 　]?|〕[ 　]?の[ 　]?|[たる。]|、|ております|ています)(${NAME_CHARS}{1,5}|[A-Za-z][A-Za-z0-9_.\\-]{2,30})[ 　]?です(?=[。、！!:：()（）\\s]|$)`,
  'gmu',
);
/** 「氏名：山田太郎」「お名前: Taro」「担当：鈴木」 */
const NAME_FIELD =
  /(?:氏名|お名前|名前|ユーザー名|ユーザ名|アカウント名|ニックネーム|ハンドルネーム|契約者名?|ご?担当者?|送信者|差出人|From|Name)[ 　]{0,3}[:：][ 　]{0,3}([^\n]{1,60})/giu;

/** Words of 1–5 kanji that end a self-introduction but are things, not people (「確認です」 does not need masking). */
const NOT_SELF = new Set([
  '件',
  '者',
  '方',
  '私',
  '僕',
  '俺',
  '自分',
  '以上',
  '本当',
  '以下',
  '予定',
  '確認',
  '質問',
  '状況',
  '返品',
  '交換',
  '注文',
  '連絡',
]);

const SENTENCE = /[。！？!?]|ます|です|ません|ください|下さい|お願い|ました|でした|よろしく|宜しく|ありがと|すみません|失礼/u;
const CLOSING_WORDS = /^(?:以上|取り急ぎ|草々|敬具|かしこ|追伸|P\.?S\.?)/u;
/**
 * Segments of a signature line that name an organisation, kept (株式会社かもめ食品, 情報システム課). A unit
 * ends in 部・課・室・係・店・局 after two or more characters (営業部, 渋谷店) or after 本・支・分 (本部, 支店);
 * one other kanji before it is a family name (服部, 阿部, 小室).
 */
const ORGANISATION =
  /株式会社|有限会社|合同会社|\(株\)|（株）|㈱|㈲|(?:..|^[本支分])[部課室係店局]$|事務所|チーム|センター|Inc\.?|Ltd\.?|Co\./u;

/**
 * 「注文番号 〔注文番号〕」「TEL 〔電話番号〕」「予約 〔注文番号〕」: labels of contact data and references already
 * masked. The bare nouns that name what a reference is for (注文, 予約, 契約…) are nobody's name.
 */
const FIELD_LABEL =
  /(?:番号|ID|No\.?|TEL|Tel|FAX|電話|携帯|連絡先|メール|住所|[:：])$|^(?:ご|お)?(?:注文|予約|申込み?|申し込み|受付|会員|契約|伝票|問い?合わ?せ|顧客|口座|支援|整理|チケット)$/u;

/** A word of a signature's name line: 大橋, 直樹, ヤマダ, Taro. */
const SIGNATURE_NAME = /^(?:[一-龥々〆ヶ]{1,6}|[ァ-ヴー]{2,8}|[A-Z][a-z]{1,20}|[A-Z]{2,20})$/u;

/** The signature's name lines: the trailing short lines that are not sentences, numbers or placeholders. */
function signatureNameRanges(text: string): NameRange[] {
  const ranges: NameRange[] = [];
  const lines: Array<{ start: number; text: string }> = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: at, text: line });
    at += line.length + 1;
  }
  let seen = 0;
  for (let index = lines.length - 1; index >= 0 && seen < 5; index--) {
    const line = lines[index]!;
    const trimmed = line.text.trim();
    if (trimmed === '') continue;
    seen++;
    if (SENTENCE.test(trimmed) || CLOSING_WORDS.test(trimmed) || trimmed.length > 40) break;
    if (/^[-―ー=＝_＿*＊~～]{2,}$/u.test(trimmed)) continue; // a rule line above the signature
    // Segments split on spaces and slashes: organisations stay, person-like words are masked, and
    // any other word (「ふざけんなよマジで」) means the line is the customer's text, not a signature.
    const segment = /[^\s　／/|｜]+/gu;
    const names: NameRange[] = [];
    let text = false;
    for (let m = segment.exec(line.text); m; m = segment.exec(line.text)) {
      const word = m[0];
      if (ORGANISATION.test(word) || FIELD_LABEL.test(word) || word.includes('〔')) continue;
      if (SIGNATURE_NAME.test(word)) names.push({ start: line.start + m.index, end: line.start + m.index + word.length });
      else text = true;
    }
    if (text) break;
    ranges.push(...names);
  }
  return ranges;
}

function groupRanges(pattern: RegExp, text: string, accept: (word: string) => boolean): NameRange[] {
  const ranges: NameRange[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const word = m[1]!;
    const start = m.index + m[0].indexOf(word);
    if (accept(word.trim())) ranges.push({ start, end: start + word.length });
  }
  return ranges;
}

/** The first three non-blank lines. */
function opening(text: string): string {
  let lines = 0;
  for (let at = 0; at < text.length;) {
    const end = text.indexOf('\n', at);
    const next = end < 0 ? text.length : end;
    if (text.slice(at, next).trim() !== '' && ++lines === 3) return text.slice(0, next);
    at = next + 1;
  }
  return text;
}

/** Which part of a mail the text is: a subject is one line with no signature to read names from. */
export type MailPart = 'body' | 'subject';

/**
 * Every place a person's name sits; overlapping ranges are fine (the masker merges them). A subject
 * gets the honorific, self-introduction and field rules but not the signature's: 「領収書」 alone is a
 * topic, not a name line.
 */
export function findNames(text: string, part: MailPart = 'body'): NameRange[] {
  const nameWords = (word: string) => word.split(/[ 　]/u).every(isName);
  return [
    ...groupRanges(BEFORE_HONORIFIC, text, nameWords),
    ...groupRanges(SALUTATION_LINE, text, (word) => isName(word) && !/^(?:みな|お客|おきゃく|皆)/u.test(word)),
    ...groupRanges(SELF_INTRODUCTION, text, (word) => word.split(/[ 　]/u).every((w) => !NOT_SELF.has(w) && !/(?:者|社|店)$/u.test(w))),
    ...groupRanges(NAME_THEN_DESU, opening(text), (word) => !NOT_SELF.has(word) && !ROLE_SUFFIX.test(word) && !/^[A-Z]{2,}$/u.test(word)),
    ...groupRanges(NAME_FIELD, text, () => true),
    ...(part === 'body' ? signatureNameRanges(text) : []),
  ];
}
