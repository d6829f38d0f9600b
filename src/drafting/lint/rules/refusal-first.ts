/**
 * refusal-first: the first sentence after the salutation, greeting and self-introduction refuses or
 * states a negative fact (お受けできません, 不具合ではございません, 対象外となります) before any thanks
 * or empathy — even behind a cushion (あいにく…). A thank-you that closes the opening paragraph
 * (「〇〇の島田です。ご連絡ありがとうございます。」, 「いつも〜をご利用いただき、ありがとうございます。」)
 * belongs to the greeting: the body that follows it must still not open with the refusal.
 */
import { reportBefore, type LintContext, type LintRule } from '../context.js';
import { predicateStart, type Sentence } from '../sentences.js';

/** Kinds whose customer is owed an apology, not a second thank-you, before the refusal. */
const APOLOGY_KINDS: ReadonlySet<string> = new Set(['complaint-reply', 'review-reply']);

export const refusalFirst: LintRule = {
  id: 'refusal-first',
  inReply(context) {
    const body = bodyOpening(context);
    const opening = body?.sentence;
    if (!opening || context.has('thanks', opening) || context.has('empathy', opening)) return [];
    // A calm customer's question, thanked for, is answered: the no is the answer (bare-refusal still
    // asks for its cushion). A worried or upset one is owed an apology before it.
    if (body.thanked && context.kind === 'inquiry-answer' && context.customerLevel === 'calm') return [];
    // After a thank-you the customer's words are received: a negative fact there is the answer; a
    // refusal of what they asked still comes before any apology.
    const negative = [...context.matches('refusal', opening), ...(body.thanked ? [] : context.matches('negative-fact', opening))];
    const first = negative.sort((a, b) => a.start - b.start)[0];
    if (!first) return [];
    const quote = context.original(opening, predicateStart(opening.text, first.start), first.end);
    const { settings } = context.rules;
    // After a thank-you the customer's words are received; what is missing is the apology.
    const line = !body.thanked
      ? settings['refusal-first'].insert!
      : APOLOGY_KINDS.has(context.kind)
        ? settings['no-empathy'].insert!
        : (settings['refusal-first'].insertAfterThanks ?? settings['no-empathy'].insert!);
    return [reportBefore(context, opening, line, quote)];
  },
};

/**
 * The first substantive sentence, passing over thank-you sentences that end the opening paragraph
 * (the next substantive sentence starts after a blank line). A thank-you inside the body paragraph
 * comes before what follows it and is the opening itself.
 */
function bodyOpening(context: LintContext): { sentence: Sentence; thanked: boolean } | undefined {
  const { substantive } = context;
  let thanked = false;
  for (let i = 0; i < substantive.length; i++) {
    const sentence = substantive[i]!;
    const next = substantive[i + 1];
    if (!next || !thanksOnly(context, sentence) || !startsParagraph(context, next)) return { sentence, thanked };
    thanked = true;
  }
  return undefined;
}

function thanksOnly(context: LintContext, sentence: Sentence): boolean {
  return context.has('thanks', sentence) && !(['empathy', 'refusal', 'negative-fact'] as const).some((set) => context.has(set, sentence));
}

/** A blank line separates the sentence from the one before it. */
function startsParagraph(context: LintContext, sentence: Sentence): boolean {
  const previous = context.reply.sentences[sentence.index - 1];
  return !previous || /\n[^\S\n]*\n/.test(context.reply.normalized.text.slice(previous.end, sentence.start));
}
