/**
 * Contact data and reference numbers as patterns, each with the typed placeholder that replaces
 * it. Every pattern has bounded quantifiers and no nested repetition, so a pass is linear in the
 * text; they run on NFKC text (full-width digits and letters are ASCII by then).
 */

export type PersonalDataKind = 'name' | 'address' | 'phone' | 'email' | 'url' | 'order' | 'account' | 'card';

/** What a kind becomes in stored text; brackets the tokenizer reads as one symbol each side. */
export const PLACEHOLDERS: Record<PersonalDataKind, string> = {
  name: '〔氏名〕',
  address: '〔住所〕',
  phone: '〔電話番号〕',
  email: '〔メールアドレス〕',
  url: '〔URL〕',
  order: '〔注文番号〕',
  account: '〔会員番号〕',
  card: '〔カード番号〕',
};

export interface MaskPattern {
  kind: PersonalDataKind;
  pattern: RegExp;
  /** The capture group that is personal data (default: the whole match); text around it is kept. */
  group?: number;
}

const AT = String.raw`(?:@|\s?\[at\]\s?|\s?\(at\)\s?|\s?アットマーク\s?|\s?あっとまーく\s?)`;
const DOT = String.raw`(?:\.|\s?\[dot\]\s?|\s?\(dot\)\s?|\s?ドット\s?)`;
const LABEL_SEPARATOR = String.raw`\s{0,3}(?:[:：は]|は、)?\s{0,3}[#＃№]?\s{0,2}`;
const ORDER_LABEL = String.raw`(?:ご?注文|受注|取引|伝票|追跡|送り状|お問い?合わせ|問合せ|受付|予約|申込|申し込み|購入)\s?(?:番号|No\.?|NO\.?|ID|id|コード)`;
const ACCOUNT_LABEL = String.raw`(?:会員|お客様|顧客|契約|証券|アカウント|ユーザー|ユーザ|利用者|ログイン|口座|保険証|免許証|マイナンバー)\s?(?:番号|No\.?|NO\.?|ID|id|名|コード)|(?:ユーザー|ログイン)\s?ID|Order\s?(?:No\.?|ID|#)|Account\s?(?:No\.?|ID)|(?<![A-Za-z])ID`;
/** A reference value: letters, digits and joiners, at least one digit or 4 characters long. */
const REFERENCE = String.raw`([A-Za-z0-9][A-Za-z0-9_.\-/]{0,40}(?:\s?-\s?[A-Za-z0-9]{1,20}){0,4})`;

// A prefecture, or a city / ward / town / village and what follows it up to the end of the address.
const PREFECTURE = String.raw`(?:北海道|東京都|京都府|大阪府|[一-龥]{2,3}県)`;
const ADDRESS_TAIL = String.raw`[一-龥々ぁ-んァ-ヶー0-9\-丁目番地号の]{0,40}(?:[\s　]{0,2}[A-Za-z一-龥々ァ-ヶー0-9-]{1,30}(?:号室|階|F|棟))?`;

export const CONTACT_PATTERNS: readonly MaskPattern[] = [
  { kind: 'email', pattern: new RegExp(String.raw`[A-Za-z0-9._%+-]{1,64}${AT}[A-Za-z0-9-]{1,63}(?:${DOT}[A-Za-z0-9-]{1,63}){1,6}`, 'g') },
  { kind: 'url', pattern: /(?:https?|ftp):\/\/[^\s<>"'「」（）()、。]{1,2000}/gi },
  { kind: 'url', pattern: /\bwww\.[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}(?:\/[^\s<>"'「」（）()、。]{0,2000})?/gi },
  // bare domains: example.co.jp, shop.example.com/path (a TLD of letters after a dot)
  {
    kind: 'url',
    pattern:
      /\b[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.(?:com|net|org|jp|io|info|biz|shop|store|app|dev|me|co|us|uk|cn|kr|tw)\b(?:\/[^\s<>"'「」（）()、。]{0,2000})?/gi,
  },
  // card numbers: 4-4-4-4 (Visa, Master, JCB), 4-6-5 (Amex), or 14–16 digits in one run
  { kind: 'card', pattern: /(?<![\d-])(?:\d{4}[\s-]\d{4}[\s-]\d{4}[\s-]\d{1,4}|\d{4}[\s-]\d{6}[\s-]\d{4,5}|\d{14,16})(?![\d-])/g },
  { kind: 'order', pattern: new RegExp(String.raw`(?:${ORDER_LABEL})${LABEL_SEPARATOR}${REFERENCE}`, 'gi'), group: 1 },
  { kind: 'account', pattern: new RegExp(String.raw`(?:${ACCOUNT_LABEL})${LABEL_SEPARATOR}${REFERENCE}`, 'gi'), group: 1 },
  // the second of 「注文番号 7781 と 7782」
  { kind: 'order', pattern: /(?<=〔(?:注文|会員)番号〕\s?(?:と|、|,|\/|及び|および)\s?)[#]?[A-Za-z0-9][A-Za-z0-9-]{2,20}/g },
  // Japanese phone numbers: 0X…, +81 …, with -, spaces or brackets; digits or the x of a redacted one
  {
    kind: 'phone',
    pattern: /(?<![\dA-Za-z])(?:\+81[\s-]?\(?0?\)?\d{1,4}|\(?0\d{1,4}\)?)[\s)-]?[\dXx]{1,4}[\s-]?[\dXx]{3,4}(?![\dA-Za-z])/g,
  },
  {
    kind: 'phone',
    pattern: /(?:電話|TEL|Tel|tel|携帯|連絡先|FAX|Fax)(?:番号)?\s{0,3}[:：は]?\s{0,3}([\dXx()\-+\s]{6,20}[\dXx])/g,
    group: 1,
  },
  {
    kind: 'address',
    pattern: new RegExp(String.raw`(?:〒\s?\d{3}-?\d{4}|(?<![\d-])\d{3}-\d{4}(?![\d-]))(?:[\s　]{0,2}${PREFECTURE}${ADDRESS_TAIL})?`, 'g'),
  },
  { kind: 'address', pattern: new RegExp(String.raw`${PREFECTURE}[一-龥々ぁ-んァ-ヶー]{1,12}?[市区町村郡]${ADDRESS_TAIL}`, 'g') },
  {
    kind: 'address',
    pattern: new RegExp(
      String.raw`[一-龥々ァ-ヶー]{1,10}[市区町村][一-龥々ぁ-んァ-ヶー]{0,12}\d{1,4}(?:丁目|-)\d{1,4}${ADDRESS_TAIL}`,
      'g',
    ),
  },
  { kind: 'address', pattern: /(?:新?住所|お届け先|送付先|配送先|届け先|所在地)\s{0,3}[:：]\s{0,3}([^\n]{1,120})/g, group: 1 },
  // Reference-looking ids on their own: ZK-0091, #884120, 4410-2287 (not prices: no 円 after)
  { kind: 'order', pattern: /(?<![A-Za-z0-9])[A-Z0-9]{0,4}[A-Z]-\d{3,10}(?:-\d{1,10})?(?![A-Za-z0-9])/g },
  { kind: 'order', pattern: /[#＃]\d{4,12}(?!\d)/g },
  { kind: 'order', pattern: /(?<![\d,.])\d{3,8}-\d{3,8}(?:-\d{1,8})?(?![\d,.]|\s?円)/g },
  { kind: 'order', pattern: /(?<![\d,.])\d{7,13}(?![\d,.]|\s?円)/g },
];
