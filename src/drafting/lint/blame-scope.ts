/**
 * Whose act a blame span is about, read from the words around it: a cause that is negated
 * (お客様の回線の問題ではございません) clears the customer; a failure whose agent is the company
 * (弊社内で…記載されていなかったこと) is the shop's own; telling in receiving form (明確にお伝えいただいた)
 * is what the customer did, and did right. Any of these means the span blames nobody.
 */
import type { Sentence } from './sentences.js';

export interface BlameSpan {
  readonly start: number;
  readonly end: number;
  readonly id: string;
}

/**
 * The predicate right after the span denies it (〜ではございません, 〜ではなく, 〜によるものではありません),
 * within its clause. A negative question or guess (〜ではないでしょうか, 〜ではないかと) asserts it
 * instead, and 〜ではないとは言い切れません denies the denial.
 */
const NEGATION = /^([^、。!?]{0,10}?)(?:で|じゃ)(?:は|も)?(?:(?:ござい|あり)ません|な(?:い|く))/u;
const STILL_ASSERTED = /^(?:で(?:しょう|す)か|でしょう|か|のでは|とは(?:言い切れ|限ら|断定)|とも限ら|とまでは)/u;

export function negatedAfter(sentence: Sentence, span: BlameSpan): boolean {
  const after = sentence.text.slice(span.end);
  const negation = NEGATION.exec(after);
  return negation !== null && !STILL_ASSERTED.test(after.slice(negation[0].length));
}

/** The company or its people as the subject or the place of an act (弊社内で, 当店が, 担当者の). */
const COMPANY_AGENT = /(?:弊社|当社|当店|弊店|私ども|わたくしども|当方|担当者|担当講師|スタッフ|社内|店内)(?:内|側)?(?:で|が|にて|の)/gu;
/**
 * Words that make the customer the agent again (お客様が, ご入力いただいた, ご自身で), or people named
 * with honorifics as the subject (スタッフの方々が, 担当者様が): the shop speaks of its own staff without
 * them. A customer named as the owner (田中様のご注文を) leaves the shop the agent.
 */
const CUSTOMER_AGENT = /お客様|お客さま|ご自身|いただ|頂|くださ|下さ|方々|皆様|皆さま|(?:様|方)(?:が|は)/u;
/** The span tells of a failure: something not done, or an error. */
const FAILURE = /なかった|ていない|ておらず|誤|ミス|不備|漏れ|不足|間違/u;

/**
 * The failure's agent is the company: named before the span in the same clause (no comma between),
 * with no customer act between them or in the span.
 */
export function companyIsAgent(sentence: Sentence, span: BlameSpan): boolean {
  const quoted = sentence.text.slice(span.start, span.end);
  if (!FAILURE.test(quoted) || CUSTOMER_AGENT.test(quoted)) return false;
  for (const company of sentence.text.slice(0, span.start).matchAll(COMPANY_AGENT)) {
    const between = sentence.text.slice(company.index + company[0].length, span.start);
    if (!/[、。!?]/u.test(between) && !CUSTOMER_AGENT.test(between)) return true;
  }
  return false;
}

/** Spans that point back at telling or writing (はっきり明記, 以前にもご案内, お伝えしていたはず). */
const POINTS_AT_TELLING =
  /^(?:blame\.(?:hakkiri-meiki|mo-otsutae|onegai-shite|owakari)|lecture\.(?:earlier-guidance|should-know|told|properly-told|had-told))/u;
/** A verb of telling in receiving form, done: the customer told the shop (お伝えいただいた, ご説明くださった). */
const CUSTOMER_TOLD =
  /^[^、。!?]{0,6}?(?:お伝え|ご案内|ご説明|ご指示|ご指定|ご連絡|お知らせ|お書き|ご記入|ご記載|明記)(?:いただ(?:い|け)|頂い|くださっ|下さっ)/u;

/** The telling the span points at is the customer's, in receiving form (明確にお伝えいただいた色): thanks, not a rebuke. */
export function customerToldRight(sentence: Sentence, span: BlameSpan): boolean {
  return POINTS_AT_TELLING.test(span.id) && CUSTOMER_TOLD.test(sentence.text.slice(span.start));
}

/**
 * The shop's telling, negated (はっきりお伝えしておらず, 明記できていなかった): the shop says it did not
 * tell, which owns the gap; 〜ていなかったわけではございません denies the denial and still points back.
 */
const TELLING_DENIED =
  /^[^、。!?]{0,8}?(?:明記|記載|掲載|表示|案内|お伝え|申し上げ|説明|お知らせ)(?:して|いたして|できて|が(?:でき)?)?(?:おらず|おりませんでした|いなかった|いませんでした|なかった|ず|ござい(?:ませんでした|ません))(?!わけ|とは|ので(?:は|しょう)|のでは)/u;

export function tellingDenied(sentence: Sentence, span: BlameSpan): boolean {
  return TELLING_DENIED.test(sentence.text.slice(span.end)) || TELLING_DENIED.test(sentence.text.slice(span.start));
}

/** The span blames nobody: its cause is negated, its failure is the company's, its telling the customer's, or not done. */
export function clearsCustomer(sentence: Sentence, span: BlameSpan): boolean {
  return (
    negatedAfter(sentence, span) || companyIsAgent(sentence, span) || customerToldRight(sentence, span) || tellingDenied(sentence, span)
  );
}
