/**
 * Tricky personal data, written for the masking test: each case lists the values that must not
 * survive masking, and (optionally) words that must (the complaint itself stays readable).
 * Every name, number and address here is invented.
 */
export interface MaskingCase {
  name: string;
  text: string;
  secrets: string[];
  keep?: string[];
}

export const MASKING_CASES: readonly MaskingCase[] = [
  {
    name: 'name after a role told with 〜しております',
    text: 'お世話になっております。管理組合の理事をしております中村です。\n保険の見積もりをお願いします。',
    secrets: ['中村'],
    keep: ['理事をしております'],
  },
  {
    name: 'mail address',
    text: '返信は yamada.taro+shop@example.co.jp までお願いします。',
    secrets: ['yamada.taro', 'example.co.jp'],
    keep: ['返信は'],
  },
  {
    name: 'full-width mail address',
    text: '連絡先：ｈａｎａｋｏ＿ｓ＠ｍａｉｌ．ｅｘａｍｐｌｅ．ｃｏｍ',
    secrets: ['hanako_s', 'mail.example'],
  },
  { name: 'obfuscated mail address', text: 'メールは kenji.w [at] example [dot] com です', secrets: ['kenji.w', 'example [dot] com'] },
  { name: 'katakana at mark', text: 'sato-h アットマーク example.ne.jp に送ってください', secrets: ['sato-h', 'example.ne.jp'] },
  {
    name: 'URL with query',
    text: '注文画面 https://shop.example.com/orders/88123?user=suzuki_k が開けません',
    secrets: ['shop.example.com', 'suzuki_k', '88123'],
    keep: ['開けません'],
  },
  { name: 'bare domain', text: 'ブログ（hanako-diary.jp/entry/12）にも書きました', secrets: ['hanako-diary'] },
  { name: 'www URL', text: 'www.example-store.jp を見て購入しました', secrets: ['example-store'] },
  { name: 'mobile phone', text: '電話番号は090-1234-5678です。', secrets: ['090-1234-5678', '1234-5678'] },
  { name: 'full-width phone with long-vowel dashes', text: '折り返しは０８０ー９８７６ー５４３２まで', secrets: ['9876', '5432'] },
  { name: 'landline in brackets', text: 'TEL（03）1234-5678 平日のみ', secrets: ['1234-5678'] },
  { name: 'international phone', text: 'Tel: +81 90 2222 3333', secrets: ['2222', '3333'] },
  { name: 'phone without separators', text: '携帯 09011112222 にお願いします', secrets: ['09011112222'] },
  { name: 'card number in groups', text: 'カード番号 4111 1111 1111 1111 で決済しました', secrets: ['4111 1111', '1111 1111'] },
  { name: 'card number with hyphens', text: '4980-1234-5678-9012 のカードです', secrets: ['4980', '9012'] },
  { name: 'Amex card', text: 'AMEX 3782 822463 10005 を登録', secrets: ['822463', '10005'] },
  { name: 'card number run', text: '番号は5555666677778888です', secrets: ['5555666677778888'] },
  { name: 'order number with label', text: '注文番号：ZK-20931 の件です', secrets: ['ZK-20931', '20931'] },
  { name: 'order number in words', text: 'ご注文番号は A1B2C3D4 です', secrets: ['A1B2C3D4'] },
  { name: 'order number with hash', text: '取引ID：#381920 について', secrets: ['381920'] },
  { name: 'bare order id at the end', text: '早く返金しろ\n注文番号 WG-6604', secrets: ['WG-6604'], keep: ['返金'] },
  { name: 'digits-only order id', text: '注文番号は 4410-2287 です。', secrets: ['4410-2287'] },
  { name: 'member id with letters', text: '会員ID：mk_0422', secrets: ['mk_0422'] },
  { name: 'account id with hyphens', text: 'アカウントID：yk-suzuki-0921', secrets: ['yk-suzuki-0921', 'suzuki'] },
  { name: 'customer number', text: 'お客様番号：0098-221-3345', secrets: ['0098', '3345'] },
  { name: 'tracking number', text: '追跡番号 1234-5678-9012 で調べても出てきません', secrets: ['5678', '9012'], keep: ['出てきません'] },
  {
    name: 'postcode and address',
    text: '新住所：〒150-0001 東京都渋谷区神宮前1-2-3 メゾン神宮前405号室',
    secrets: ['150-0001', '渋谷区', '神宮前1-2-3', '405'],
  },
  { name: 'address without prefecture', text: '横浜市中区山下町12-3に届けてください', secrets: ['山下町12-3'] },
  { name: 'address with chome', text: '大阪府大阪市北区梅田3丁目1番5号 まで', secrets: ['梅田3丁目', '1番5号'] },
  { name: 'address label', text: 'お届け先：札幌のマンション、ハイツ北斗203', secrets: ['ハイツ北斗203'] },
  { name: 'salutation with surname', text: '久保様\n\n納品予定について確認です。', secrets: ['久保'], keep: ['納品予定'] },
  { name: 'salutation with full name', text: '佐藤 花子さま\nいつもありがとうございます。', secrets: ['佐藤', '花子'] },
  { name: 'hiragana given name salutation', text: 'はるか様\n素敵なイラストをありがとうございました！', secrets: ['はるか'] },
  { name: 'katakana name', text: 'ユウキ様、先日はどうも。', secrets: ['ユウキ'] },
  {
    name: 'staff named in the text',
    text: '担当の高橋さんから「確認します」と言われたきりです。',
    secrets: ['高橋'],
    keep: ['言われたきり'],
  },
  { name: 'self introduction', text: '株式会社ミナトデザインの井上と申します。', secrets: ['井上'] },
  {
    name: 'family names ending in an organisation unit (服部, 阿部) beside a real unit',
    text: 'よろしくお願いいたします。\n株式会社かもめ食品 営業部 阿部\n服部',
    secrets: ['阿部', '服部'],
    keep: ['営業部'],
  },
  { name: 'latin self introduction', text: 'はじめまして、Emily Clark と申します。', secrets: ['Emily', 'Clark'] },
  { name: 'name then desu at the start', text: '近藤です。いつもお世話になっております。', secrets: ['近藤'] },
  { name: 'name after a role', text: 'お世話になっております。経理担当の木村です。', secrets: ['木村'] },
  { name: 'handle after a role', text: '出品者の tsubasa_illust です。', secrets: ['tsubasa_illust'] },
  { name: 'name after past verb', text: 'お世話になっております。\n先日返品の手続きをさせていただいた伊藤です。', secrets: ['伊藤'] },
  {
    // Found by posting the fault suite's mails: a bracket after 「です」 hid the name (NFKC turns （ into ().
    name: 'name before a bracketed order number',
    text: 'お世話になっております。\n先日、返品の手続きをさせていただいた村瀬です（注文番号：R-55120）。',
    secrets: ['村瀬', 'R-55120'],
    keep: ['返品の手続き'],
  },
  {
    name: 'signature with company and name',
    text: 'よろしくお願いいたします。\n\n株式会社かもめ食品 情報システム課\n大橋 直樹',
    secrets: ['大橋', '直樹'],
  },
  { name: 'signature surname only', text: '今日中に返事ください。\n石川', secrets: ['石川'], keep: ['返事ください'] },
  {
    name: 'signature after separator',
    text: 'ご確認ください。\n--\n山田 太郎\nyamada@example.com\n090-1111-2222',
    secrets: ['山田', '太郎', 'yamada', '1111-2222'],
  },
  { name: 'latin signature', text: 'Thank you.\nTaro Yamada', secrets: ['Taro', 'Yamada'] },
  { name: 'name field', text: '氏名：西園寺 麗子\n内容：返品希望', secrets: ['西園寺', '麗子'] },
  {
    name: 'signature with department and number line',
    text: 'ご対応をお願いします。\n株式会社ヤマト総研 管理部 斎藤\n注文番号：K-20817',
    secrets: ['斎藤', 'K-20817'],
  },
  {
    name: 'several kinds together',
    text: '田中です。注文番号 B-77120、電話 070-5555-6666、メール tanaka@example.org、住所は京都府京都市左京区岩倉1-1。',
    secrets: ['田中', 'B-77120', '5555', 'tanaka@', '岩倉1-1'],
  },
];

/**
 * Detectors written independently of the masker (simpler and broader): what they find in a masked
 * fixture mail is a leak. Role words before 様/さん are not names.
 */
const ROLES = /^(?:お?客|ご?担当者?|皆|みな|運営|出品者|購入者|依頼者|翻訳者|デザイナー|スタッフの皆|[^\s]*(?:事務局|部|課|社|店|者))$/u;
export const LEAKS: Array<[string, (text: string) => string | undefined]> = [
  ['mail address', (t) => /[\w.+-]+@[\w-]+\.[\w.]+/u.exec(t)?.[0]],
  ['URL', (t) => /https?:\/\/\S+|www\.\S+/iu.exec(t)?.[0]],
  ['phone', (t) => /0\d{1,4}-[\dXx]{1,4}-[\dXx]{3,4}|0[789]0\d{8}/u.exec(t)?.[0]],
  // A postcode is its own run of digits: 「No.2026-1187」 (an order number) holds 026-1187 but no postcode.
  ['postcode', (t) => /〒\s?\d|(?<!\d)\d{3}-\d{4}(?!\d)/u.exec(t)?.[0]],
  ['card', (t) => /\d{4}[ -]\d{4}[ -]\d{4}/u.exec(t)?.[0]],
  [
    'labelled reference',
    (t) => /(?:注文|取引|会員|契約|予約|受付|申込|お客様|証券|伝票)(?:番号|ID)\s*[:：は]?\s*#?[A-Za-z0-9]/u.exec(t)?.[0],
  ],
  ['bare reference', (t) => /[A-Z]{1,4}-\d{4,}(?![A-Za-z0-9])/u.exec(t)?.[0]], // not model numbers (MB-10000P)
  ['self-introduction', (t) => /[一-龥ァ-ヴ]{1,4}\s?と申します/u.exec(t)?.[0]],
  [
    'salutation',
    (t) => {
      const first =
        t
          .split('\n')
          .find((line) => line.trim() !== '')
          ?.trim() ?? '';
      const m = /^([一-龥ァ-ヴぁ-ゖー]{1,8})\s?(?:様|さま|さん|殿)$/u.exec(first);
      return m && !ROLES.test(m[1]!) ? first : undefined;
    },
  ],
  ['honorific in the text', (t) => [...t.matchAll(/(?:担当の|添乗員の)([一-龥]{1,4})(?:様|さん|先生)/gu)].map((m) => m[0])[0]],
  [
    'signature name',
    (t) => {
      const last =
        t
          .split('\n')
          .filter((line) => line.trim() !== '')
          .at(-1)
          ?.trim() ?? '';
      return /^[一-龥]{1,4}(?:[ 　][一-龥]{1,4})?$/u.test(last) && !/^(?:敬具|草々|以上|不一)$/u.test(last) ? last : undefined;
    },
  ],
];

/** The detectors that apply to a subject: one line with no signature, so no 'signature name' (「領収書」 is a topic). */
export const SUBJECT_LEAKS = LEAKS.filter(([kind]) => kind !== 'signature name');
