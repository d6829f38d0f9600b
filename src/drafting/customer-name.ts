/**
 * Reads the customer's family name from how Japanese mail introduces its writer (「山田です」
 * 「経理担当の木村と申します」) or signs off (a last line that is just a name). Only a name found
 * this way is used; anything doubtful falls back to 「お客様」, because a wrong name is worse than none.
 */

const NAME = '[一-龥々]{1,4}(?:[ 　][一-龥々]{1,4})?';
/** 「山田です。」「木村と申します」 at the start of a line or after 「の」 (経理担当の木村です). */
const SELF_INTRODUCTION = new RegExp(`(?:^|[\\n。、の]|です。)\\s*(${NAME})(?:と申します|でございます|です)(?:[。、！\\s]|$)`, 'u');
/** A last non-empty line that is only a name (optionally with a company before it). */
const SIGN_OFF = new RegExp(`^(?:.*[社店所]\\s+)?(${NAME})$`, 'u');

/** Words that look like a name in these positions but are not one. */
const NOT_NAMES = new Set(['担当', '敬具', '草々', '拝', '何卒', '大至急', '早急', '感謝', '失礼', '乱文', '追伸', '私', '本人', '以上', '購入者', '注文者', '返品', '至急', '初めて', '申込者', '契約者', '会員', '利用者', '当方', '弊社', '当社', '個人', '者', '送信元', '連絡', '母', '父', '娘', '息子', '家族', '主人', '妻', '夫', '孫']);

export function readCustomerName(body: string): string | undefined {
  const head = body.split('\n').slice(0, 6).join('\n');
  const introduced = SELF_INTRODUCTION.exec(head)?.[1];
  const candidate = introduced ?? lastLine(body);
  if (!candidate) return undefined;
  const family = candidate.split(/[ 　]/)[0]!;
  return NOT_NAMES.has(family) || NOT_NAMES.has(candidate) ? undefined : family;
}

function lastLine(body: string): string | undefined {
  const lines = body.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  const last = lines.at(-1);
  return last ? SIGN_OFF.exec(last)?.[1] : undefined;
}
