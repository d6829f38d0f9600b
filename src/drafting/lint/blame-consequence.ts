/**
 * What a blaming sentence goes on to: the refusal or the request for acceptance drawn from it
 * (お客様のご確認不足によるものと存じます。そのため、返金はいたしかねます。何卒ご理解ください。). Such a
 * refusal or request carries the blame on, and the blame is its one problem: bare-refusal and
 * bare-command leave it to the blame rule, which offers the sentence's cushioned rewrite.
 */
import { blameIn } from './blame-structure.js';
import type { PhraseMatch } from './compile.js';
import type { LintContext } from './context.js';
import { paragraphOf, predicateStart, type Sentence } from './sentences.js';

/** A sentence opening that carries on from the one before (そのため、このため、したがって、その場合は). */
export const CONSEQUENCE =
  /^(?:そのため|このため|したがって|従いまして|従って|したがいまして|よって|そのような(?:理由|事情)から|以上の(?:理由|こと)から|以上により|その場合(?:は|には|、))/u;

/** A request for understanding or acceptance (ご了承ください, ご理解いただけますと幸いです, ご協力ください). */
export const ACCEPTANCE = /ご(?:了承|理解|容赦|協力|納得)|お許し/u;

function previousInParagraph(context: LintContext, sentence: Sentence): Sentence | undefined {
  return paragraphOf(context.reply, sentence).find((s) => s.index === sentence.index - 1);
}

/** The sentence blames, or draws its consequence from the blaming sentence right before it in its paragraph. */
export function carriesBlame(context: LintContext, sentence: Sentence): boolean {
  if (blameIn(context, sentence).length) return true;
  if (drawsOn(context, sentence)) return true;
  const previous = previousInParagraph(context, sentence);
  const commands = context.matches('command', sentence);
  const acceptanceOnly = commands.length > 0 && commands.every((m) => isAcceptance(sentence, m));
  return previous !== undefined && acceptanceOnly && carriesBlame(context, previous);
}

function isAcceptance(sentence: Sentence, command: PhraseMatch): boolean {
  return ACCEPTANCE.test(sentence.text.slice(predicateStart(sentence.text, command.start), command.end));
}

/**
 * The refusal is the blame's own words (メールでのご依頼は受け付けておりません as the wrong channel), or
 * the sentence draws it from the blame before it (そのため、返金はいたしかねます), or it is already in
 * the manual's polite form (いたしかねます, 対象外となっております) and argued for in its sentence (〜ため、
 * 規約のとおり、) in a reply that blames: what is wrong there is the case made against the customer, and
 * the blame rule reports the refusal with its cushion, one problem once. A blunt できません／対象外です,
 * or a polite refusal on its own (違約金の返金はいたしかねます), is a fault of its own.
 */
export function refusalFromBlame(context: LintContext, sentence: Sentence, refusal: PhraseMatch): boolean {
  if (blameIn(context, sentence).some((span) => span.start < refusal.end && refusal.start < span.end)) return true;
  if (isPoliteRefusal(sentence, refusal) && groundedBefore(sentence, refusal) && replyBlames(context)) return true;
  return drawsOn(context, sentence);
}

/** Grounds given before a refusal in its sentence: a reason (ので, ため), a rule cited (規約のとおり), a condition (場合). */
const GROUNDS = /(?:ので|ため|から|とおり|通り|に基づ|にかかわらず|に関わらず|場合|によるもの|により|ており|ますが)[はも]?[、,]/u;

/** The refusal's sentence argues for it before it: the refusal is the end of the blame's case. */
function groundedBefore(sentence: Sentence, refusal: PhraseMatch): boolean {
  return GROUNDS.test(sentence.text.slice(0, refusal.start));
}

/**
 * A refusal already in the manual's polite form: 〜いたしかねます／沿いかねます／応じかねます, 〜となります／〜とさせていただいております.
 * A flat ご利用いただけません／承っておりません stays a bare refusal beside the blame: it returns the
 * ball even once the blame is gone.
 */
const POLITE_REFUSAL = /かねます|とな(?:ります|っております)|とさせていただ|でございます/u;

function isPoliteRefusal(sentence: Sentence, refusal: PhraseMatch): boolean {
  // The predicate whole: a かねます match alone does not show whether it is いたしかねます or 沿いかねます.
  return POLITE_REFUSAL.test(sentence.text.slice(predicateStart(sentence.text, refusal.start), refusal.end));
}

/** Some sentence of the reply blames the customer (by its shapes); worked out once a reply. */
function replyBlames(context: LintContext): boolean {
  return context.once('reply-blames', () => context.reply.sentences.some((s) => blameIn(context, s).length > 0));
}

/** The sentence opens by drawing on the one before it (そのため、), across a paragraph break too, and that one blames. */
function drawsOn(context: LintContext, sentence: Sentence): boolean {
  const previous = context.reply.sentences[sentence.index - 1];
  return previous !== undefined && CONSEQUENCE.test(sentence.text) && carriesBlame(context, previous);
}

/**
 * 「〜ので、ご了承ください」 in a reply that has blamed the customer, in this sentence or before it,
 * asks them to accept the blame.
 */
export function acceptanceOfBlame(context: LintContext, sentence: Sentence, command: PhraseMatch): boolean {
  if (!isAcceptance(sentence, command)) return false;
  return context.reply.sentences.some((s) => s.index <= sentence.index && blameIn(context, s).length > 0);
}
