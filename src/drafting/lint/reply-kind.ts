/**
 * What kind of message a reply is — an answer, a complaint reply, a notice, a review reply, a
 * proactive apology or a praise reply — from the customer's mail and level when given, else from
 * the reply itself (a notice is addressed to many and answers no one).
 */
import { normalizeText } from '../../analysis/normalize.js';
import type { ToneLevel } from '../../analysis/tone-schema.js';
import type { CompiledLintRules } from './compile.js';
import type { PhraseSetId } from './dictionary-schema.js';
import type { ReplyKind } from './finding-schema.js';
import type { ReplyText } from './sentences.js';

export interface ReplyKindInput {
  reply: ReplyText;
  rules: CompiledLintRules;
  customerMail?: string | undefined;
  customerLevel?: ToneLevel | undefined;
}

export function classifyReply({ reply, rules, customerMail, customerLevel }: ReplyKindInput): ReplyKind {
  const inReply = (set: PhraseSetId) => reply.sentences.some((s) => rules.sets[set].find(s.text).length > 0);
  const mail = customerMail?.trim() ? normalizeText(customerMail).text : undefined;
  const inMail = (set: PhraseSetId) => mail !== undefined && rules.sets[set].find(mail).length > 0;
  const upset = customerLevel === 'angry' || customerLevel === 'furious';

  if (inMail('mail-review')) return 'review-reply';
  // Praise with no complaint in it is praise, whatever level was passed (exclamation marks read hot).
  if (inMail('mail-praise') && !inMail('mail-complaint')) return 'praise-reply';
  if (upset) return 'complaint-reply';
  if (mail !== undefined) return inReply('empathy') && inMail('mail-complaint') ? 'complaint-reply' : 'inquiry-answer';
  // No mail: a message to many, or one that announces without answering anything, speaks first.
  const answers = inReply('reply-answers') && !inReply('reply-to-many');
  if (answers) return 'inquiry-answer';
  if (inReply('empathy') && inReply('reply-own-error')) return 'proactive-apology';
  return inReply('reply-to-many') || inReply('reply-notice') ? 'notice' : 'inquiry-answer';
}
