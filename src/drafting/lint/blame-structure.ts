/**
 * Blame read from a sentence's shape rather than from set phrases: a lecture (pointing back at
 * earlier guidance, instructing future behaviour, doubting the customer, defending the staff), or
 * the customer as the agent of an error or omission (ご入力いただいた住所に誤りがあったため). Nothing
 * counts in a sentence that admits the shop's own error, or that an apology or cushion softens.
 */
import { reportsFinding, shopAdmits, shopSubjectEnd, tellsOwnAct } from './blame-agent.js';
import { blamesCustomerAct } from './blame-clauses.js';
import { consentHeldUp } from './blame-consent.js';
import { doubtsCustomer } from './blame-doubt.js';
import { clearsCustomer } from './blame-scope.js';
import { usuallyYourSide } from './blame-general.js';
import { recordsSayCustomer } from './blame-records.js';
import {
  inQuotedStatement,
  pointsBack,
  questionsCare,
  suspectsCustomer,
  TOKEN_SHAPES,
  type TokenBlame,
  type TokenEdit,
} from './blame-tokens.js';
import { replacementFor, type PhraseMatch } from './compile.js';
import type { LintContext } from './context.js';
import { paragraphOf, type Sentence } from './sentences.js';

export interface StructuralBlame {
  /** What the finding quotes: the lecture, or the customer's act through the fault. */
  readonly start: number;
  readonly end: number;
  /** The entry or token shape that found it. */
  readonly id: string;
  /** How the rewrite changes the sentence. */
  readonly edits: readonly TokenEdit[];
}

function fromMatch(match: PhraseMatch, text: string, span: { start: number; end: number } = match): StructuralBlame {
  return {
    start: span.start,
    end: span.end,
    id: match.entry.id,
    edits: [{ start: match.start, end: match.end, text: replacementFor(match, text) ?? '' }],
  };
}

/** An excuse or a record of the customer's absence, told and then apologised for, explains rather than blames. */
const REDEEMED_BY_NEXT_APOLOGY: ReadonlySet<string> = new Set(['lecture.excuse', 'complaint-lecture.records-say-absent']);

/** Entries that point at what is written (記載の通り, 規約にも明記, 〜に記載されていますので). */
const POINTS_AT_WRITING =
  /^(?:blame\.(?:ni-kisai|kiyaku-ni-kisai)|lecture\.(?:as-written|written-there-too|noted-there)|complaint-lecture\.(?:read-it|as-stated-refusal))/;

/** 「〜にも記載のとおり」 points at writing too; 「メールでもお伝えした通り」 points back at the telling. */
const ALSO_WRITTEN = /記載|明記|掲載/u;

function pointsAtWriting(span: StructuralBlame, text: string): boolean {
  if (span.id === 'blame.basho-ni-mo-kisai') return ALSO_WRITTEN.test(text.slice(span.start, span.end));
  return POINTS_AT_WRITING.test(span.id);
}

/** Entries that point back at what the shop told or asked before (ご案内しておりました). */
const TOLD_BEFORE: ReadonlySet<string> = new Set(['blame.onegai-shite-orimashita', 'lecture.had-told-reason', 'lecture.told-at-the-time']);
/**
 * What follows the telling says the shop did not keep it (発送が遅れて, 変更となり, 申し訳ございません):
 * 「本日発送とお伝えしておりましたが、発送が遅れてしまい」 admits the shop's own delay, and
 * 「送料無料と記載しておりましたが、実際には送料を加算して」 what the shop did instead.
 */
const SHOP_DID_NOT_KEEP = /遅れ|遅延|間に合わ|変更(?:と|に)な|変更が生じ|できなくな|申し訳|お詫び|不手際|手違い|実際(?:に)?は/u;

/** Characters between the customer's act and the fault for one to be read as the cause of the other. */
const ACT_FAULT_GAP = 25;

/**
 * An act after the fault is its agent only within the fault's clause (不備がございました、ご記入の書類):
 * across a clause boundary it is what the fault led to (コードに誤りがあり、ご利用いただけない状態).
 */
function actIsCause(sentence: Sentence, fault: PhraseMatch, act: PhraseMatch): boolean {
  return act.start - fault.end <= ACT_FAULT_GAP && !/[、,]/u.test(sentence.text.slice(fault.start, act.start));
}

/** 「ご入力いただいたご住所を確認しましたところ、」: the shop looked at what the customer did; what it found is about that. */
const LOOKED_AT = /^[^、。!?]{0,12}?を?(?:確認|拝見|調査|照会)(?:いた)?し(?:まし)?たところ、/u;

/**
 * An act before the fault is its agent when close enough; the shop's looking at the act's object in
 * between (〜を確認しましたところ、) only reports what it found, so it does not count toward the distance.
 */
function actBefore(sentence: Sentence, act: PhraseMatch, fault: PhraseMatch): boolean {
  const between = sentence.text.slice(act.end, fault.start);
  return between.replace(LOOKED_AT, '').length <= ACT_FAULT_GAP;
}

/**
 * Every blame in a sentence: blame.yaml's set phrases and the shapes below, one span where they
 * overlap. A sentence that admits the shop's own error blames nobody.
 */
export function blameIn(context: LintContext, sentence: Sentence): StructuralBlame[] {
  if (context.has('own-fault', sentence)) return [];
  const phrases = context.matches('blame', sentence).map((m) => fromMatch(m, sentence.text));
  // Dictionary entries first (the earlier wins where they overlap), then token shapes where no entry
  // is: an entry's rewrite is the manual's own wording.
  let all = [...phrases, ...structuralBlame(context, sentence)].filter(
    (span) =>
      !(TOLD_BEFORE.has(span.id) && SHOP_DID_NOT_KEEP.test(sentence.text.slice(span.end))) &&
      !clearsCustomer(sentence, span) &&
      !shopOwnsIt(context, sentence, span) &&
      !consolesSelfReproach(context, sentence, span),
  );
  // In a reply that discloses the shop's own error, what is written is the customer's case, not a
  // rebuke: 「正しくは、公式HPに記載の通り『初回900円』でございました」 after 「書類に誤りがあったことが判明」.
  // A refusal in the same sentence (規約に記載のとおり、返品はできかねます) holds the writing up against them all the same.
  if (replyOwnsError(context) && !context.has('refusal', sentence)) all = all.filter((span) => !pointsAtWriting(span, sentence.text));
  all = all.filter((span) => !slipExcused(context, sentence, span.start));
  const fromTokens = (span: StructuralBlame) => TOKEN_SHAPES.has(span.id);
  const kept: StructuralBlame[] = [];
  for (const span of [...all.filter((s) => !fromTokens(s)).sort((a, b) => a.start - b.start), ...all.filter(fromTokens)]) {
    if (!kept.some((other) => other.start < span.end && span.start < other.end)) kept.push(span);
  }
  return ownOnce(kept)
    .sort((a, b) => a.start - b.start)
    .map((span) => ({
      ...span,
      // A finding quotes a quotation whole, not from its middle.
      start: sentence.quoted.find(([a, b]) => a < span.start && span.start < b)?.[0] ?? span.start,
      edits: span.edits.map((e) => keepQuotes(sentence, e)),
    }));
}

/**
 * The span's act is the shop's own (its subject 担当の佐藤が, 弊社スタッフが), told as gone wrong in the
 * sentence (把握しないまま, 誤って) or beside the shop owning an error or apologising (すべて当店の
 *確認不足でございます): the shop confesses, it does not point at the customer.
 */
function shopOwnsIt(context: LintContext, sentence: Sentence, span: StructuralBlame): boolean {
  if (shopSubjectEnd(sentence, span) < 0) return false;
  // Another possible cause whose subject is the shop's side (当店からの自動返信メールが、…迷惑メール
  // フォルダに振り分けられていた可能性もございます) tells how the shop's own system may have behaved.
  if (shopAdmits(sentence) || span.id === OTHER_CAUSE) return true;
  const [previous, next] = [context.reply.sentences[sentence.index - 1], context.reply.sentences[sentence.index + 1]];
  return (
    [previous, sentence, next].some((s) => s !== undefined && context.has('own-fault', s)) ||
    [sentence, next].some((s) => s !== undefined && context.has('empathy', s))
  );
}

const OTHER_CAUSE = 'complaint-lecture.other-cause-too';

/** The customer reproaches themselves in their mail (遅れてご迷惑をおかけしました, すみません). */
const SELF_REPROACH = /ご迷惑を?おかけ|申し訳(?:ござい|あり|な)|すみません|すいません|ごめんなさい|失礼(?:いた)?しました|お詫び/u;
/** A condition before the words (素材が遅れれば, 「強」でご使用になっているのであれば): the lecture's if-you-do. */
const CONDITION = /(?:[えけせてねべめれ]ば|たら|なら|のであれば|場合)[、,]?/u;

/**
 * 「お時間がかかるのは当然のことです」 to a customer who apologised for that delay agrees with them: the
 * shop takes their side against their own reproach. Said as the outcome of a condition (遅れれば…遅れるのは
 * 当然), or without the customer's apology, it is the lecture it reads as.
 */
function consolesSelfReproach(context: LintContext, sentence: Sentence, span: StructuralBlame): boolean {
  if (span.id !== 'lecture.obvious' || !SELF_REPROACH.test(context.customerMail ?? '')) return false;
  return !CONDITION.test(sentence.text.slice(0, span.start));
}

/**
 * The reply owns an error of the shop's somewhere: it discloses one (当社の不具合により), a sentence admits
 * one (担当者の説明に誤りがあり), or the shop's people are the subject of an act told as gone wrong.
 */
export function replyOwnsError(context: LintContext): boolean {
  return context.once(
    'reply-owns-error',
    () =>
      context.inReply('reply-discloses-error') ||
      context.reply.sentences.some((s) => context.matches('own-fault', s).some((m) => m.entry.id === 'own-fault.ours') || shopAdmits(s)),
  );
}

/** How many sentences after a customer's slip the shop may still take it as an easy one to make. */
const EXCUSE_REACH = 2;

/**
 * The customer's slip, taken by the shop as an easy one to make (見落としやすい箇所で、同様のお問い合わせを
 * 多くいただいております) or as nothing to worry about, in the same sentence after it or in one of the
 * next sentences of its paragraph: the slip is told as a fact, not held against them.
 */
export function slipExcused(context: LintContext, sentence: Sentence, from = 0): boolean {
  const paragraph = paragraphOf(context.reply, sentence);
  return paragraph.some((s) => {
    const reach = s.index - sentence.index;
    if (reach < 0 || reach > EXCUSE_REACH) return false;
    return context.matches('slip-excused', s).some((m) => reach > 0 || m.start >= from);
  });
}

/** Rewrites in which the shop owns the unclear explanation or apologises (〜わかりにくく申し訳ございません). */
const OWNS = /申し訳|恐縮|お詫び/u;

/**
 * A clause that doubts the customer is replaced by the shop owning the explanation only where no
 * other rewrite in the sentence already does: once is an apology, twice is a litany.
 */
function ownOnce(spans: StructuralBlame[]): StructuralBlame[] {
  const owned = spans.some((span) => span.id !== 'lecture.doubts-customer' && span.edits.some((e) => OWNS.test(e.text)));
  if (!owned) return spans;
  return spans.map((span) =>
    span.id === 'lecture.doubts-customer' ? { ...span, edits: span.edits.map((e) => ({ ...e, text: '' })) } : span,
  );
}

/**
 * An edit that would cut into or drop quoted words (「初月無料」のご説明を「自動で外れる」と…) keeps
 * them as its topic: the quotes are the customer's facts, the rewrite only changes what is said of them.
 */
function keepQuotes(sentence: Sentence, edit: TokenEdit): TokenEdit {
  // An edit that starts inside a quote and keeps its tail (a pattern's $1 begun after a 、 in
  // 「使用感あり、かかと内側に汚れあり」) takes the quote whole.
  const inside = sentence.quoted.find(([a, b]) => a < edit.start && edit.start < b);
  if (inside && edit.text.startsWith(sentence.text.slice(edit.start, inside[1]))) {
    return { ...edit, start: inside[0], text: sentence.text.slice(inside[0], edit.start) + edit.text };
  }
  const quotes = sentence.quoted.filter(([a, b]) => b > edit.start && a < edit.end && !edit.text.includes(sentence.text.slice(a, b)));
  if (!quotes.length || !edit.text) return edit;
  const topic = quotes.map(([a, b]) => sentence.text.slice(a, b)).join('と');
  return {
    start: Math.min(edit.start, quotes[0]![0]),
    end: Math.max(edit.end, quotes[quotes.length - 1]![1]),
    text: `${topic}について、${edit.text}`,
  };
}

function structuralBlame(context: LintContext, sentence: Sentence): StructuralBlame[] {
  // 「念のため、以前ご案内した内容を…」 re-guides kindly; what was said before 念のため
  // (「確認画面でも表示しておりますので、念のため…」) still points back.
  const exception = context.matches('lecture-exception', sentence)[0];
  const found = structuralBlameIn(context, sentence);
  return exception ? found.filter((span) => span.start < exception.start && span.end <= exception.start) : found;
}

function structuralBlameIn(context: LintContext, sentence: Sentence): StructuralBlame[] {
  const found: StructuralBlame[] = context
    .matches('lecture', sentence)
    .filter((m) => !inQuotedStatement(sentence, m.start) && !wishesWell(m, sentence.text))
    .map((m) => fromMatch(m, sentence.text));
  const acts = context.matches('customer-act', sentence);
  for (const fault of context.matches('fault', sentence)) {
    const act = acts.find((a) => (a.end <= fault.start ? actBefore(sentence, a, fault) : actIsCause(sentence, fault, a)));
    if (!act) continue;
    const span = fromMatch(fault, sentence.text, { start: Math.min(act.start, fault.start), end: Math.max(act.end, fault.end) });
    // The rewrite says who did it no more (お客様が入力された → 入力された), where the manual gives the agentless form.
    const agent =
      act.entry.rewrite === undefined ? [] : [{ start: act.start, end: act.end, text: replacementFor(act, sentence.text) ?? '' }];
    found.push({ ...span, edits: [...agent, ...span.edits] });
  }
  const shapes: Array<TokenBlame | undefined> = [
    pointsBack(sentence),
    questionsCare(sentence),
    blamesCustomerAct(sentence, context.rules.settings['bare-refusal'].insert!),
    consentHeldUp(sentence),
  ];
  // A guess at the customer's own act, or telling them to read the terms or review their habits,
  // answers a complaint with blame; in an answer to a question it is a hint.
  const complaint = context.kind === 'complaint-reply' || context.kind === 'review-reply';
  if (complaint) shapes.push(suspectsCustomer(sentence, context.reply.sentences[sentence.index - 1]));
  // A worried customer who also asks something is answered, but 'read the terms' or 'our records show
  // you did it' still blames them.
  if (complaint || (context.customerLevel !== undefined && context.customerLevel !== 'calm')) {
    // Read as an answer to a complaint, the sentence's words are rewritten whole: where both start
    // together, 「規約にも記載がございますので、」 is the complaint entry's, not only a lecture's も.
    // To a worried customer's question, advice for the step the reply sets up (ショップへお越しの際は、
    // 来店予約をしていただくと待ち時間が短くなります) is a tip, not the complaint turned back on them.
    const tip = !complaint && opensWithOccasion(sentence);
    if (!tip) found.unshift(...context.matches('complaint-lecture', sentence).map((m) => fromMatch(m, sentence.text)));
    shapes.push(recordsSayCustomer(sentence, context.rules.settings['bare-refusal'].insert!), doubtsCustomer(sentence));
  }
  const general =
    complaint || (context.customerLevel !== undefined && context.customerLevel !== 'calm') ? usuallyYourSide(sentence) : undefined;
  if (general) found.push(general);
  for (const shape of shapes) if (shape) found.push(shape);
  if (!found.length) return [];
  // 「恐れ入りますが、ご購入時に同意いただいております」: a cushion does not soften consent held up; an apology does.
  const kept = softened(context, sentence, found)
    ? found.filter((f) => CUSHION_PROOF.has(f.id) && !context.has('empathy', sentence))
    : found;
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * What the next visit is wished to be (お気をつけてお越しください, お体にお気をつけてお過ごしください, ぜひ
 * …お楽しみください): a farewell, not an instruction about the customer's conduct.
 */
const WELL_WISH = /お気をつけて(?:お越し|お過ごし|お帰り|お出かけ|いってらっしゃ)|お体|ご自愛|お楽しみ|ぜひ|どうぞ(?:ごゆっくり|お気軽)/u;

function wishesWell(match: PhraseMatch, text: string): boolean {
  return match.entry.id.startsWith('lecture.future-instruction') && WELL_WISH.test(text.slice(match.start, match.end));
}

/** 〜の際は、〜場合は、〜ときは opening a sentence: a coming occasion. */
const OCCASION = /(?:際|時|とき|場合)(?:に)?は[、,]$/u;

function opensWithOccasion(sentence: Sentence): boolean {
  const first = sentence.clauses[0];
  return first !== undefined && sentence.clauses.length > 1 && OCCASION.test(sentence.text.slice(first.start, first.end));
}

/**
 * The customer's consent held up against them, their memory doubted (恐れ入りますが、お聞き違いではないかと
 * 存じます), or other customers held up to them: a cushion or a polite request does not make it considerate.
 */
const CUSHION_PROOF: ReadonlySet<string> = new Set([
  'lecture.consent-held-up',
  'complaint-lecture.consent-on-record',
  'lecture.doubt-mistake',
  'lecture.doubt-customer-did',
  // 「恐れ入りますが、お子様は本当に毎回宿題を提出されていますでしょうか」: doubt asked behind a cushion is doubt.
  'lecture.really',
  // 「多くのお客様は問題なくご利用いただいておりますので、…いただけますと幸いです」: the comparison stands behind a polite request.
  'complaint-lecture.others-compared',
]);

/**
 * An apology or cushion in the same sentence makes the words a considerate explanation. One in the
 * sentence before does not: 「お待たせして申し訳ございません。ただ、通常の範囲かと存じます」 is a token
 * apology followed by blame (so the blind held-out 5 writers labelled it). An excuse (混雑しておりました)
 * or a record of the customer's absence is redeemed by an apology right after it.
 */
function softened(context: LintContext, sentence: Sentence, found: readonly StructuralBlame[]): boolean {
  const apologises = (s: Sentence | undefined) =>
    s !== undefined && (['empathy', 'cushion-refusal', 'cushion-request'] as const).some((set) => context.has(set, s));
  if (apologises(sentence)) return true;
  const next = context.reply.sentences[sentence.index + 1];
  if (!found.every((f) => REDEEMED_BY_NEXT_APOLOGY.has(f.id)) || next === undefined) return false;
  if (context.has('empathy', next)) return true;
  // What the shop found when it looked (利用状況を調べたところ、…集中しておりました), or a cause told after an
  // apology, followed by what the shop does about it (ロッカーを増設いたします): a diagnosis, not an excuse.
  const previous = context.reply.sentences[sentence.index - 1];
  const remedy = paragraphOf(context.reply, sentence).includes(next) && context.substantive.includes(next) && tellsOwnAct(next);
  return remedy && (reportsFinding(sentence) || (previous !== undefined && context.has('empathy', previous)));
}
