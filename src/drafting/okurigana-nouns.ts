/**
 * Nouns written with okurigana (「引き落とし」「締め切り」「お祝い」): a pattern that reads a noun as a
 * run of kanji and katakana would break it at its kana. One list for every noun-phrase pattern of
 * the drafts (the customer's errand, the occasion of their deadline); where one noun begins
 * another, the longer comes first (締め切り before 締め), as a regex alternation needs.
 */
export const OKURIGANA_NOUNS = [
  '引き落とし',
  '打ち合わせ',
  '締め切り',
  '申し込み',
  '支払い',
  '振り込み',
  '払い戻し',
  '受け取り',
  '手続き',
  '取り消し',
  '見積もり',
  '立ち会い',
  '引っ越し',
  '乗り換え',
  '切り替え',
  '取り付け',
  '貸し出し',
  '売り上げ',
  '差し替え',
  '取り扱い',
  '間取り',
  '写し',
  '控え',
  '下取り',
  '値引き',
  '習い事',
  '子ども',
  '締め',
  '集まり',
  'お祝い',
  'お届け',
  'お支払い',
  'お申し込み',
  'お引っ越し',
].join('|');
