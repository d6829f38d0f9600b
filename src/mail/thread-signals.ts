/**
 * Thread signals from the subject and the quoted history: how deep the thread is, and how often
 * the customer wrote before (a customer writing for the third time is urgent even when polite).
 */
import type { QuotedMessage } from './quoted-reply.js';

export interface ThreadSignals {
  /** Replies so far: the larger of the subject's Re: count and the quoted messages. */
  replyDepth: number;
  /** The subject's own count: "Re: Re: Re:" is 3, "Re[2]:" is 2, "返信:" is 1. */
  subjectReplyDepth: number;
  /** The subject carries Fw:/Fwd:/転送:. */
  forwarded: boolean;
  /** Earlier messages found in the quoted history. */
  quotedMessages: number;
  /** Earlier customer messages among them (see countPriorContacts). */
  priorContacts: number;
}

export interface MailSender {
  name?: string;
  address?: string;
}

// Re:, RE：, Ｒｅ:, Re[2]:, Re(2):, Re^2:, 返信:, AW:/SV:/Antw: (German, Nordic, Dutch clients)
const REPLY_PREFIX = /^\s*(?:re|ｒｅ|返信|aw|sv|antw)\s*(?:\[(\d+)\]|\((\d+)\)|\^(\d+))?\s*[:：]\s*/iu;
const FORWARD_PREFIX = /^\s*(?:fwd?|ｆｗｄ?|転送|wg|tr)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;
// mailing-list and ticket tags between prefixes: "[support:01234] Re: …", "【重要】" is content
const LIST_TAG = /^\s*\[[^\]]{1,40}\]\s*/u;

export function readSubjectPrefixes(subject: string): { replyDepth: number; forwarded: boolean } {
  let rest = subject;
  let replyDepth = 0;
  let forwarded = false;
  for (;;) {
    const reply = REPLY_PREFIX.exec(rest);
    if (reply) {
      replyDepth += Number(reply[1] ?? reply[2] ?? reply[3] ?? 1);
      rest = rest.slice(reply[0].length);
      continue;
    }
    const forward = FORWARD_PREFIX.exec(rest) ?? LIST_TAG.exec(rest);
    if (!forward) break;
    if (FORWARD_PREFIX.test(forward[0])) forwarded = true;
    rest = rest.slice(forward[0].length);
  }
  return { replyDepth, forwarded };
}

function sameName(a: string | undefined, b: string | undefined): boolean {
  const squash = (name: string) => name.replace(/[\s\u3000"'（）()様さん]/gu, '').toLowerCase();
  return a !== undefined && b !== undefined && squash(a).length >= 2 && squash(a) === squash(b);
}

// A support reply thanking for an inquiry proves there was an earlier customer message
const INQUIRY = /お問い?合わせ|お問合せ|ご連絡いただ|ご指摘いただ/u;

/**
 * Earlier customer messages in the history: quoted messages the sender wrote (matched by
 * address, or by name when the quote gives no address). When no author can be matched but the
 * history mentions an お問い合わせ, that earlier inquiry counts as one.
 */
export function countPriorContacts(history: readonly QuotedMessage[], sender: MailSender | undefined): number {
  const address = sender?.address?.toLowerCase();
  const bySender = history.filter(
    (message) => (address !== undefined && message.author?.address === address) || sameName(message.author?.name, sender?.name),
  ).length;
  if (bySender > 0) return bySender;
  return history.some((message) => message.lines.some((line) => INQUIRY.test(line))) ? 1 : 0;
}

export function readThreadSignals(subject: string, history: readonly QuotedMessage[], sender: MailSender | undefined): ThreadSignals {
  const prefixes = readSubjectPrefixes(subject);
  return {
    replyDepth: Math.max(prefixes.replyDepth, history.length),
    subjectReplyDepth: prefixes.replyDepth,
    forwarded: prefixes.forwarded,
    quotedMessages: history.length,
    priorContacts: countPriorContacts(history, sender),
  };
}
