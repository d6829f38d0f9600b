/**
 * What kind of message a reply is — an answer, a complaint reply, a notice, a review reply, a
 * proactive apology or a praise reply — from the customer's mail and level when given, else from
 * the reply itself (a notice is addressed to many, or opens by announcing, and answers no one). A
 * reply to a customer's mail is never a notice, whatever its first sentence announces. The mail is read in the
 * same sentences as the reply: a mail that asks (a question or a request) wants an answer; one that
 * only reports a problem is a complaint, however politely it is put.
 */
import type { Tokenizer } from '../../analysis/tokenizer/index.js';
import type { ToneLevel } from '../../analysis/tone-schema.js';
import type { CompiledLintRules } from './compile.js';
import type { PhraseSetId } from './dictionary-schema.js';
import type { ReplyKind } from './finding-schema.js';
import { hasPredicate, splitReply, type ReplyText, type Sentence } from './sentences.js';

export interface ReplyKindInput {
  reply: ReplyText;
  rules: CompiledLintRules;
  tokenizer: Tokenizer;
  customerMail?: string | undefined;
  customerLevel?: ToneLevel | undefined;
}

export function classifyReply({ reply, rules, tokenizer, customerMail, customerLevel }: ReplyKindInput): ReplyKind {
  const found = (set: PhraseSetId, sentences: readonly Sentence[]) => sentences.some((s) => rules.sets[set].find(s.text).length > 0);
  const inReply = (set: PhraseSetId) => found(set, reply.sentences);
  const upset = customerLevel === 'angry' || customerLevel === 'furious';
  if (!customerMail?.trim()) {
    // Thanks for kind words without an apology answers praise, whatever level was passed.
    if ((inReply('reply-praise-thanks') || inReply('reply-rejoices')) && !inReply('empathy')) return 'praise-reply';
    // No mail: a message to many, a receipt, or one that announces without answering anything, speaks first.
    const toMany = inReply('reply-to-many');
    if (inReply('reply-answers') && !toMany) return upset ? 'complaint-reply' : 'inquiry-answer';
    const opening = bodyOpening(reply, rules);
    const notice = toMany || found('reply-receipt', opening) || inReply('reply-notice') || found('reply-announces', opening);
    // An upset customer is answered with an apology; a notice with none (a deadline, a receipt) and a
    // message to many answer no complaint.
    if (upset && !toMany) return notice && !inReply('empathy') ? 'notice' : 'complaint-reply';
    if (inReply('empathy') && inReply('reply-own-error')) return 'proactive-apology';
    return notice ? 'notice' : 'inquiry-answer';
  }
  const mail = splitReply(customerMail, tokenizer).sentences;
  const inMail = (set: PhraseSetId) => found(set, mail);
  if (inMail('mail-review')) return 'review-reply';
  // Praise with no complaint in it is praise, whatever level was passed (exclamation marks read hot).
  const asks = mail.some((s) => s.question);
  if (inMail('mail-praise') && !inMail('mail-complaint') && !asks) return 'praise-reply';
  // An upset reading of a mail the reply is only glad of (嬉しく思っております, no apology) is praise read hot.
  if (upset) return inReply('reply-rejoices') && !inReply('empathy') && !inMail('mail-complaint') ? 'praise-reply' : 'complaint-reply';
  // A reply that tells of its own error unprompted is an apology whatever the mail asked. A reply to
  // a customer is never a notice (a notice is what the shop sends unprompted), however its body opens:
  // 「年末年始の発送についてお知らせいたします」 in answer to 「発送スケジュールを教えてください」 answers.
  if (!inMail('mail-complaint') && inReply('reply-discloses-error') && inReply('empathy')) return 'proactive-apology';
  const statements = mail.filter((s) => !s.question && !found('mail-request', [s]));
  if (statements.length < mail.length) return 'inquiry-answer';
  // Nothing asked: a report of a problem (the level says so, or its words do) is a complaint, and a
  // calm mail with no problem in it is a thank-you (肩こりがなくなりました, 友達に褒められました).
  const problem = found('mail-complaint', statements);
  if (customerLevel === 'concerned' || (!customerLevel && problem)) return 'complaint-reply';
  return customerLevel === 'calm' && !problem ? 'praise-reply' : 'inquiry-answer';
}

/**
 * The first two sentences of the body: past the salutation, greeting, introduction and thanks, and
 * past lines with no predicate (a company name above the addressee).
 */
function bodyOpening(reply: ReplyText, rules: CompiledLintRules): readonly Sentence[] {
  const courtesy: readonly PhraseSetId[] = ['salutation', 'greeting', 'self-introduction', 'thanks'];
  return reply.sentences.filter((s) => hasPredicate(s) && !courtesy.some((set) => rules.sets[set].find(s.text).length > 0)).slice(0, 2);
}
