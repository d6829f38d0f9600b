/**
 * "It is usually your side": a complaint answered with what most such cases come from (多くの場合、
 * 〜の設定によるものです／お使いの回線が原因となっていることが多い／〜されている場合に不正ログインされる
 * ケースがございます). Said to this customer, the generalisation points at them without looking at
 * their case; the rewrite offers it as one possible cause, behind a cushion.
 */
import type { Sentence } from './sentences.js';

export interface GeneralCause {
  readonly id: 'lecture.usually-your-side';
  readonly start: number;
  readonly end: number;
  readonly edits: ReadonlyArray<{ start: number; end: number; text: string }>;
}

/** How often: the many cases, most of them, it happens often. */
const GENERAL = /多くは|多くの場合|ほとんど|大半|たいてい|ことが多|場合が多|場合に多く|ケースが(?:多|ほとんど|ございます|あります)/u;
/** What caused it. */
const CAUSE = /原因|要因|起因|による|により|によって|発生/u;
/** A fault of the product or the shop (この症状の多くは部品の不具合によるもので): the shop's own, not the customer's. */
const OWN_SIDE = /不具合|故障|初期不良|不良品|当社|弊社|当店|弊店|当方|障害/u;
/** A leading 「(同様のお問い合わせの)多くは、」「多くの場合、」, dropped in the rewrite. */
const LEADING = /^[^、。!?]{0,20}?(?:の多くは|多くの場合)、?/u;
/** An ending that states the cause, turned into a possibility. */
const ENDING = /(?:ことが原因|によるもの)(?:です|でございます)$/u;

export function usuallyYourSide(sentence: Sentence): GeneralCause | undefined {
  const text = sentence.text;
  const general = GENERAL.exec(text);
  const cause = CAUSE.exec(text);
  if (!general || !cause || OWN_SIDE.test(text)) return undefined;
  const body = text.replace(/[。!?！？\s]+$/u, '');
  const edits: Array<{ start: number; end: number; text: string }> = [];
  // 「同様のお問い合わせの多くは、」 → 「同様のお問い合わせでは、」; 「多くの場合、」 goes.
  const leading = LEADING.exec(body);
  const topic = leading?.[0].replace(/(?:の多くは|多くの場合)、?$/u, '');
  edits.push({ start: 0, end: leading?.[0].length ?? 0, text: `恐れ入りますが、${topic ? `${topic}では、` : ''}` });
  const ending = ENDING.exec(body);
  if (ending)
    edits.push({
      start: ending.index,
      end: body.length,
      text: `${ending[0].startsWith('こと') ? 'ことが原因' : 'によるもの'}の可能性がございます`,
    });
  return {
    id: 'lecture.usually-your-side',
    start: Math.min(general.index, cause.index),
    end: Math.max(general.index + general[0].length, cause.index + cause[0].length),
    edits,
  };
}
