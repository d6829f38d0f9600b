/**
 * bare-refusal: できません・致しかねます… with no cushion (恐れ入りますが, あいにく…) earlier in the same
 * sentence, and nothing around it in its paragraph that softens it: a cushioned sentence it follows
 * from (〜。そのため、), a cushioned request for understanding right after it (恐れ入りますが、ご了承
 * いただけますと幸いです), or, for a refusal already in its polite form, an alternative offered (代わりに
 * …承ります). In a notice, what cannot be done
 * under a condition (メンテナンス中は…できません, 期限を過ぎた場合、対象外となります) states a rule and
 * refuses nobody's request.
 */
import { CONSEQUENCE, refusalFromBlame } from '../blame-consequence.js';
import type { PhraseMatch } from '../compile.js';
import { sentenceRule, type LintContext } from '../context.js';
import { paragraphOf, predicateStart, type Sentence } from '../sentences.js';

/** Refusals in the sentence that no cushion precedes, and that nothing in their paragraph softens. */
export function uncushionedRefusals(context: LintContext, sentence: Sentence): PhraseMatch[] {
  const cushions = context.matches('cushion-refusal', sentence);
  let found = context.matches('refusal', sentence).filter((refusal) => !cushions.some((c) => c.end <= refusal.start));
  if (!found.length || softenedAround(context, sentence)) return [];
  // An alternative softens a refusal already in its polite form (いたしかねます: the manual has no
  // softer wording for it), not a blunt できません.
  if (offersAlternative(context, sentence)) found = found.filter((m) => m.entry.rewrite !== undefined);
  // 「変更はできかねますが、お届け後に無料で交換いたします」: the polite refusal goes on, in its sentence, to what is done instead.
  found = found.filter((m) => m.entry.rewrite !== undefined || !OFFER_AFTER.test(sentence.text.slice(m.end)));
  // A refusal given as the reason for what the sentence goes on to say (〜できませんので、現在は…止まって
  // いる状態です／〜できませんので、前日までに…) explains; the sentence's own predicate is what it asks or tells.
  found = found.filter((m) => !givesReason(sentence, m));
  // 「本来、再発行はお受けしておりません。今回に限り…お送りいたします」: the rule is told to say what is waived.
  if (waivedAfter(context, sentence)) found = found.filter((m) => !USUAL_RULE.test(sentence.text.slice(0, m.start)));
  // 「責任を負いかねます」「弊社の責任とは判断しかねます」, already in the polite form, disclaims fault rather than
  // refusing a request: the case against the customer, blame's to report. A blunt 責任は負えません stays.
  found = found.filter(
    (m) => !(m.entry.id === 'refusal.kanemasu' && DISCLAIMER.test(sentence.text.slice(Math.max(0, m.start - 16), m.start))),
  );
  return context.kind === 'notice' ? found.filter((m) => !RULE_CONDITION.test(sentence.text.slice(0, m.start))) : found;
}

/**
 * A sentence that is sorry for not granting what was asked, and only that (ご期待に沿えず申し訳ございません。):
 * one that goes on after its cushion (沿えず心苦しいのですが、…明記しております) cushions its own words.
 */
const REFUSAL_APOLOGY =
  /(?:ご(?:期待|希望|要望|意向)に(?:沿え|添え|お応えでき)ず|お力にな(?:れ|り)ず)[^。!?]{0,16}?(?:申し訳|心苦しい|残念|お詫び)[^、。!?]{0,16}[。!?]?$/u;
/** A request for understanding (ご了承ください, ご理解いただけますと幸いです). */
const UNDERSTANDING = /ご(?:了承|理解|容赦)|お許し/u;
/**
 * An alternative offered: 代わりに／別の方法, or 〜でしたら／〜であれば, followed by what can be done; or
 * another way asked for with a cushion where the need arises (〜が必要になった場合は、お手数ですが、受付へ
 * お電話いただけますと幸いです).
 */
const ALTERNATIVE =
  /(?:代わりに|かわりに|代替|その代わり|別の方法|ほかの方法|他の方法|でしたら|であれば)[^。!?]{0,40}?(?:可能で|できます|承ります|承って(?:おり|い)ます|いたします|ご用意して|お手配|ご利用いただけます)|場合(?:は|には)、?(?:お手数|恐れ入り)[^。!?]{0,60}?(?:いただけ|ください|お願い)/u;
/** What the sentence goes on to do instead after a refusal's が、 (…いたします, 承ります, 可能です), not a request (お願いいたします). */
const OFFER_AFTER =
  /^[^。!?]{0,4}?が、[^。!?]{0,40}?(?:(?<!お願い|お詫び|申し上げ|ご理解|ご了承)いたします|承ります|可能です|できます|ご用意いたします|お手配いたします)/u;
/** A condition that makes the sentence a rule (〜場合は, メンテナンス中は, 期間中は, 以降は, 上記の時間帯は). */
const RULE_CONDITION = /場合(?:は|には|、)|中は|間は|以降は|時間帯は|期間は/u;

/** What is usually so (本来は, 通常は, 原則として): a refusal under it states the rule the reply goes on to waive. */
const USUAL_RULE = /本来|(?:通常|原則)(?:は|として|、)/u;
/** The waiver: this once, as a special case (今回に限り, 今回は特別に, 例外的に). */
const WAIVER = /今回(?:に限り|限り|のみ|だけ|は特別|は例外)|特別に|例外的に|特例として/u;
/** Fault disclaimed rather than a request refused: 責任を負いかねます, 弊社の責任とは判断しかねます. */
const DISCLAIMER = /責任(?:を|は|とは|とも|も|について(?:は)?)[^、。!?]{0,6}$/u;

/** The sentence itself, after its refusal, or the next sentence grants an exception. */
function waivedAfter(context: LintContext, sentence: Sentence): boolean {
  const next = context.reply.sentences[sentence.index + 1];
  return WAIVER.test(sentence.text) || (next !== undefined && WAIVER.test(next.text));
}

/** The refusal ends a reason clause (〜ので、〜ため、) that another clause follows. */
function givesReason(sentence: Sentence, refusal: PhraseMatch): boolean {
  const clause = sentence.clauses.find((c) => c.start <= refusal.start && refusal.start < c.end);
  if (!clause || clause === sentence.clauses[sentence.clauses.length - 1]) return false;
  return /^(?:ん|ませ?ん)?(?:ので|ため)、/u.test(sentence.text.slice(refusal.end, clause.end + 1));
}

function softenedAround(context: LintContext, sentence: Sentence): boolean {
  const paragraph = paragraphOf(context.reply, sentence);
  const previous = paragraph.find((s) => s.index === sentence.index - 1);
  const next = paragraph.find((s) => s.index === sentence.index + 1);
  const cushioned = (s: Sentence) => context.has('cushion-refusal', s) || context.has('cushion-request', s);
  if (previous && CONSEQUENCE.test(sentence.text) && context.has('cushion-refusal', previous)) return true;
  // 「ご期待に沿えず申し訳ございません。開封済みの商品は…」: the sentence before or right after says sorry
  // for the refusal itself (…払い戻しもいたしかねます。ご希望に沿えず、申し訳ございません。), not for
  // something else (ご返信が遅くなり申し訳ございません).
  if ([previous, next].some((s) => s !== undefined && REFUSAL_APOLOGY.test(s.text))) return true;
  return next !== undefined && cushioned(next) && UNDERSTANDING.test(next.text);
}

/** An alternative in the refusal's sentence or after it in its paragraph, or opening the next one (a notice's list, then the way round it). */
function offersAlternative(context: LintContext, sentence: Sentence): boolean {
  const next = context.reply.sentences[sentence.index + 1];
  if (next !== undefined && ALTERNATIVE.test(next.text)) return true;
  return paragraphOf(context.reply, sentence).some((s) => s.index >= sentence.index && ALTERNATIVE.test(s.text));
}

// A refusal that is the blame's own words, or that a sentence draws from the blame before it
// (〜ご確認不足によるものと存じます。そのため、返金はいたしかねます), is the blame's: the blame rule reports it.
export const bareRefusal = sentenceRule('bare-refusal', (context, sentence) => {
  return uncushionedRefusals(context, sentence)
    .filter((m) => !refusalFromBlame(context, sentence, m))
    .map((m) => ({ start: predicateStart(sentence.text, m.start), end: m.end }));
});
