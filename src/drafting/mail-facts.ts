/**
 * What the customer already told us: order and contract numbers, dates, amounts, products,
 * attachments, account, address, phone. The draft fills its 【placeholders】 from these and never
 * asks for one of them again.
 */

export const FACT_KINDS = [
  'order-number',
  'contract-number',
  'date',
  'amount',
  'product-name',
  'photo',
  'account-id',
  'address',
  'phone',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface MailFacts {
  /** Kinds of fact the mail gives, whether or not the value itself could be read. */
  given: ReadonlySet<FactKind>;
  /** Values read exactly enough to put into the reply. */
  values: Partial<Record<FactKind, string>>;
}

const MAX_BODY = 20_000;
const CODE = '([A-Za-z0-9][A-Za-z0-9-]{2,29})';
/**
 * Every repeat is bounded: an unbounded one retried from each position of a long run (33,000 「怒」,
 * digits, spaces after 「注文」) made reading the facts quadratic, seconds for one mail. A mention
 * pattern only needs its shortest form to be found, so its bounds change nothing it finds.
 */
const GAP = '\\s{0,3}';

const ORDER_REFERENCE = '(?:お?申込み?|お?申し込み|ご?予約|受付|取引|支援|見積(?:もり)?|購入|伝票|チケット)(?:番号|No\\.?|ID)';

/** Per kind: a pattern whose first group (when present) is the value, and patterns that only show the kind is given. */
const READERS: Record<FactKind, { value?: RegExp; mention?: RegExp }> = {
  // The customer's reference for what they bought or booked, under whatever name the shop gives it
  // (申込番号, 予約番号, 支援番号, 取引番号): the number a draft would otherwise ask for as 注文番号.
  'order-number': {
    value: new RegExp(`(?:注文番号|注文No\\.?|注文ID|オーダー番号|受注番号|${ORDER_REFERENCE}|注文)${GAP}(?:は|:|：|#)?${GAP}${CODE}`, 'u'),
    mention: new RegExp(`注文番号|オーダー番号|受注番号|${ORDER_REFERENCE}`, 'u'),
  },
  'contract-number': {
    value: new RegExp(`(?:契約番号|お客様番号|顧客番号|会員番号|契約ID|契約No\\.?)${GAP}(?:は|:|：|#)?${GAP}${CODE}`, 'u'),
    mention: /契約番号|お客様番号|顧客番号|会員番号/u,
  },
  'account-id': {
    value:
      /(?:ログインID|ユーザーID|ユーザー名|アカウントID|アカウント名|会員ID|ID)\s{0,3}(?:は|:|：)?\s{0,3}([A-Za-z0-9][A-Za-z0-9._@-]{2,59})/u,
    mention:
      /[A-Za-z0-9._%+-]@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2}|登録(?:の|した)?メールアドレス|このメールの送信元|このアドレス|送信元のアドレス/u,
  },
  date: {
    mention: /\d{1,2}月\d{1,2}日|\d{4}[/-]\d{1,2}[/-]\d{1,2}|\d{1,2}\/\d{1,2}|昨日|一昨日|先週|先月|今朝|本日|今日|[月火水木金土日]曜/u,
  },
  amount: { value: /((?:¥|￥)\s?[\d,]{1,20}|[\d,]{1,20}\s?円)/u },
  // 「「ロキソニンS」を買いました」「「ソロライト2」の購入を考えています」: a name in brackets the customer
  // bought, ordered or is weighing up, not a message or someone's words (「準備中」のまま, 「仕様です」と言われ).
  'product-name': {
    value: /「([^「」\n。、！？!?]{2,30})」\s?(?:を|の)?\s?(?=購入|買|注文|頼ん|頼み|検討)/u,
    mention:
      /型番|品番|[A-Z]-?\d{2}|「[^」]{2,30}」|(?:注文|購入)した[一-龥ァ-ヶー]{2}|[一-龥ァ-ヶーA-Za-z]{2}(?:を|の)(?:注文|購入)|プラン|サービス/u,
  },
  photo: { mention: /写真|画像|スクリーンショット|スクショ|動画/u },
  // A postcode, not the middle of a longer number (申込番号 2611-0048-7721).
  address: {
    value: /((?:〒\s?)?(?<![\d-])\d{3}-\d{4}(?![\d-])[^\n。]{0,40})/u,
    mention: /新しい住所|住所は|[都道府県][^\n。]{1,8}[市区町村郡]/u,
  },
  phone: { value: /(0\d{1,4}-\d{1,4}-\d{3,4})/u, mention: /電話番号は/u },
};

export function readMailFacts(subject: string | undefined, body: string): MailFacts {
  const text = `${subject ?? ''}\n${body.slice(0, MAX_BODY)}`.normalize('NFKC');
  const given = new Set<FactKind>();
  const values: MailFacts['values'] = {};
  for (const kind of FACT_KINDS) {
    const { value, mention } = READERS[kind];
    const found = value?.exec(text)?.[1];
    if (found && (kind === 'account-id' || kind === 'product-name' || /\d/.test(found))) values[kind] = found.trim();
    if (values[kind] || mention?.test(text)) given.add(kind);
  }
  return { given, values };
}
