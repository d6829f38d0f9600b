/**
 * Who did what a blame span tells of, read from the sentence's subject: the shop or its staff named
 * with が (担当の佐藤が, 当店の鈴木が, 弊社スタッフが, 受付の者が) tells of the shop's own act, and told
 * with an admission (誤って, 確認しないまま, 不十分) or beside an apology it is the shop owning its error
 * (「担当の佐藤がその事実を把握しないまま納車日をお伝えしておりました」), not pointing at the customer.
 */
import type { Token } from '../../analysis/tokenizer/index.js';
import type { Sentence } from './sentences.js';

/** Nouns that make a subject the shop's side: the company, its people and its systems. */
const SHOP_NOUNS = new Set([
  '弊社',
  '当社',
  '当店',
  '弊店',
  '当院',
  '当館',
  '当方',
  '私ども',
  'わたくしども',
  '私',
  'わたくし',
  '担当',
  '担当者',
  'スタッフ',
  '店員',
  '係',
  '係員',
  '受付',
  '営業',
  '社員',
  '従業員',
  '講師',
  '店長',
  '窓口',
  'システム',
]);
/**
 * A subject ending in these is the customer (山田様が, お客様が, ご本人が), or the customer's own people
 * (スタッフの方々が, 担当の方が): the shop calls its own people 者, never 方.
 */
const CUSTOMER_HEADS = new Set(['様', 'さま', 'お客様', 'お客さま', '本人', '自身', 'さん', '方', '方々', '皆様', '皆さま', '皆さん']);
/** Words between the subject and the span that hand the act back to the customer (ご確認いただいた, お客様が). */
const CUSTOMER_ACT = /お客様|お客さま|ご自身|いただ|頂|くださ|下さ|様(?:が|から|に)/u;
/** The sentence admits the act went wrong: an error, something not checked, not enough. */
const ADMISSION = /誤|間違|不十分|不正確|不足|ないまま|せずに|しないで|漏れ|忘れ|ミス|不手際|手違い|怠/u;

/**
 * The noun phrase before a subject が at `ga`: back over nouns, prefixes and の-links (担当の佐藤),
 * and whether it names the shop's side. A proper noun with no 様 is the shop's person (a reply
 * always names the customer with 様).
 */
function shopSubject(tokens: readonly Token[], ga: number): boolean {
  const head = tokens[ga - 1];
  if (!head || head.pos !== '名詞' || CUSTOMER_HEADS.has(head.lemma)) return false;
  let i = ga - 1;
  const phrase: Token[] = [];
  while (i >= 0) {
    const t = tokens[i]!;
    const link = t.pos === '助詞' && t.posDetail === '連体化' && (tokens[i - 1]?.pos === '名詞' || fromLink(tokens, i - 1));
    // 当店からの自動返信メールが: what the shop sent is the shop's side too.
    if (t.pos !== '名詞' && t.pos !== '接頭詞' && !link && !(fromLink(tokens, i) && tokens[i + 1]?.posDetail === '連体化')) break;
    phrase.push(t);
    i--;
  }
  if (phrase.some((t) => CUSTOMER_HEADS.has(t.lemma))) return false;
  return head.posDetail === '固有名詞' || phrase.some((t) => SHOP_NOUNS.has(t.lemma));
}

/** から between a noun and の (当店|から|の): the link of something sent from the noun's side. */
function fromLink(tokens: readonly Token[], i: number): boolean {
  return tokens[i]?.lemma === 'から' && tokens[i]!.pos === '助詞' && tokens[i - 1]?.pos === '名詞';
}

/** Where each subject が of the shop's side ends (担当の佐藤が, 弊社スタッフが), in text order. */
export function shopSubjects(sentence: Sentence): number[] {
  const { tokens } = sentence;
  return tokens.flatMap((t, i) =>
    t.pos === '助詞' && t.posDetail === '格助詞' && t.lemma === 'が' && shopSubject(tokens, i) ? [t.end] : [],
  );
}

/**
 * Where the subject of the span's act ends when it is the shop's side: a subject が before the
 * span's end, with no act of the customer's between them; -1 when the subject is not the shop's.
 */
export function shopSubjectEnd(sentence: Sentence, span: { start: number; end: number }): number {
  return shopSubjects(sentence).find((end) => end <= span.end && !CUSTOMER_ACT.test(sentence.text.slice(end, span.end))) ?? -1;
}

/** The shop's side, as a subject, is told to have got something wrong (受付の者が誤って, 担当の佐藤が確認しないまま). */
export function shopAdmits(sentence: Sentence): boolean {
  return shopSubjects(sentence).some((end) => admitsErrorAfter(sentence, end));
}

/** After `from`, the sentence tells the act as gone wrong (誤って, 確認しないまま), before any act of the customer's. */
export function admitsErrorAfter(sentence: Sentence, from: number): boolean {
  const after = sentence.text.slice(from);
  const admission = ADMISSION.exec(after);
  return admission !== null && !CUSTOMER_ACT.test(after.slice(0, admission.index));
}

/** The shop's own act stated as done or to be done (今後は…徹底いたします, ロッカーを増設いたします). */
const OWN_ACT_ENDING = /(?:いたします|いたしました|いたしております|してまいります|いたしてまいります)[。!?]?$/u;

export function tellsOwnAct(sentence: Sentence): boolean {
  // 「よろしくお願いいたします」 asks; it is no act of the shop's.
  return OWN_ACT_ENDING.test(sentence.text) && !/お願い(?:いたし|申し上げ)/u.test(sentence.text);
}

/** The shop looked into it and tells what it found (利用状況を調べたところ、/ 調査の結果、). */
const INVESTIGATED = /(?:調べ|確認|調査|点検|集計|検証)[^、。!?]{0,8}?ところ、|(?:調査|確認|点検|検証)の結果、/u;

export function reportsFinding(sentence: Sentence): boolean {
  return INVESTIGATED.test(sentence.text);
}
