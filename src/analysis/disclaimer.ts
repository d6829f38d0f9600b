/**
 * The legal disclaimer a company's mail system adds under a signature (本メールは機密情報を含みます…
 * 誤って受信された場合は直ちに削除してください): boilerplate nobody wrote to this reader, so neither its
 * words of urgency (直ちに) nor its formulas (いかなる損害についても) say how the writer feels.
 */

/**
 * What a disclaimer says, one cue a clause: the mail is confidential, meant for its addressee only,
 * to be deleted if received in error, not to be copied or forwarded. A customer's own sentence may
 * hold one (「誤って削除してしまいました」); a disclaimer holds two or more.
 */
const DISCLAIMER_CUES: readonly RegExp[] = [
  /機密|秘密情報|守秘|confidential|privileged/iu,
  /誤って(?:受信|送信|配信|届|本メール|このメール)|誤送信|お心当たりのない|in error|by mistake/iu,
  /(?:削除|破棄)(?:の上|のうえ|して(?:いただ|頂|くださ|下さ)|(?:を)?(?:お願い|願い))|delete|destroy/iu,
  /(?:転送|複製|転載|開示|配布|使用|利用)(?:を|は|すること)?(?:禁|固く|お断り|ご遠慮)|prohibited|strictly/iu,
  /(?:宛先|名宛)(?:人|の方)?(?:以外|のみ)|intended (?:only )?for|intended recipient|addressee/iu,
  /免責|disclaimer|送信専用|返信(?:いただいても|されても)(?:お答え|回答|対応)でき/iu,
];

/** A paragraph (lines between blank lines) holding two or more disclaimer cues, never the mail's first paragraph. */
export function disclaimerRanges(body: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let first = true;
  for (const m of body.matchAll(/[^\n]+(?:\n[ \t]*[^\s][^\n]*)*/gu)) {
    const paragraph = m[0];
    if (paragraph.trim() === '') continue;
    if (!first && paragraph.length <= 1_500 && DISCLAIMER_CUES.filter((cue) => cue.test(paragraph)).length >= 2) {
      ranges.push([m.index, m.index + paragraph.length]);
    }
    first = false;
  }
  return ranges;
}
