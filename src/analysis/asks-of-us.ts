/** Whether a mail asks us something: a question put to us, or a request for information or an act. */

/**
 * Sentences that only pass thanks on or close politely (「よろしくお伝えください」「また相談させてください」
 * 「お許しください」), courtesy questions a letter opens with (「いかがお過ごしでしょうか」「皆様お変わりございませんか」),
 * and exclamations shaped as questions (「可愛すぎません？」): no ask of ours.
 */
const NOT_AN_ASK = /よろしく|伝え|させて|お許し|すぎ|お過ごし|お変わり|お元気|ご健勝|ご清栄|ご壮健/u;
/**
 * A question that ends its sentence (〜でしょうか, 〜ますか, 〜ですか), a request to be told (教えてください,
 * 教えていただけると), or an act requested by its name (返金をお願いできますか, 対応お願いします).
 */
const ASKS =
  /(?:でしょうか|ますか|ですか|ませんか)[？?]?\s*[。！!]?\s*$|教えて(?:ください|下さい|いただけ|頂け|くれ|ほし|もらえ)|(?:対応|返金|交換|返品|再送|修理|確認|説明)(?:を|して)?(?:お願い(?:します|いたします|できますか)|ください|いただけ)/u;

/**
 * The sentences of the customer's own text (no quoted history), someone else's words in 「」『』 left
 * out (an answer they got, a screen message): what may ask us something. Drafting reads them too.
 */
export function ownSentences(ownText: string): string[] {
  return ownText.replace(/「[^「」\n]*」|『[^『』\n]*』/gu, '「」').split(/(?<=[。！？!?\n])/u);
}

/** Whether one sentence (NFKC, no quoted words) asks us something. */
export function isAsk(sentence: string): boolean {
  return !NOT_AN_ASK.test(sentence) && ASKS.test(sentence);
}

/** Whether the customer's own text (no quoted history) asks us something. */
export function asksOfUs(ownText: string): boolean {
  return ownSentences(ownText.normalize('NFKC')).some(isAsk);
}
