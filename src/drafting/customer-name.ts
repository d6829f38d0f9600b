/**
 * Reads the customer's family name from how Japanese mail introduces its writer (「山田です」
 * 「経理担当の木村と申します」「坂本ゆいの母です」) or signs off (a last line that is a name, perhaps
 * after a shop and a role). Only a name found this way is used; anything doubtful falls back to
 * 「お客様」, because a wrong name is worse than none.
 */
import { withoutQuotedHistory } from '../analysis/quoted-history.js';
import { SIGNATURE_DETAIL } from './customer-text.js';
import type { Tokenizer } from '../analysis/tokenizer/index.js';

const FAMILY = '[一-龥々]{1,4}';
const NAME = `${FAMILY}(?:[ 　][一-龥々]{1,4})?`;
/**
 * 「山田です。」「大川といいます」 at the start of a line or sentence (group 1), or after 「の」 or a
 * clause or the writer named as such (「撮影番号 PS-20881 の藤井です」「手続きをしております西村です」
 * 「わたくしは山田と申す者です」「名前は林です」「契約番号 K-5520196 井上です」「ミドリ商会 野村と申します」). In the
 * second position the same shape is often the errand (「用件は修理の日程調整です」「1行の変更です」), so
 * there a word ending in an action noun is no name.
 */
const SELF_INTRODUCTION = new RegExp(
  `(?:(^|[\\n。、])|(の)|た|いる|てる|とる|(?:おり|い)ます|(?:私|わたくし|わたし|僕|小生|名前|なまえ)は|[0-9A-Za-z-](?=[ 　])|[一-龥々ァ-ヶー](?=[ 　]))\\s*(${NAME})(?:と申します|と申す(?:者|もの)です|といいます|と言います|でございます|です)(?=[。、！（(\\s]|$)`,
  'gu',
);
/**
 * 「キムと申します」「グエンといいます」: a name in katakana, only with a verb of naming at the start
 * of a sentence (「SIMカードです」 is a thing, not a writer).
 */
const KATAKANA_INTRODUCTION = /(?:^|[\n。、])\s*([ァ-ヶー]{2,6})(?:と申します|といいます|と言います)/u;
/**
 * 「わたしはジョーンズです」: a katakana name as what the writer is, when kuromoji knows it as a proper
 * noun (「私はファンです」「私は学生です」 say what they are, not who).
 */
const PRONOUN_INTRODUCTION = /(?:^|[\n。、])\s*(?:私|わたし|僕|ぼく)は\s*([ァ-ヶー]{2,8})です(?=[。、！\s]|$)/u;
/** 「私の名前はリーです」: what the writer is called, said as such; any katakana word. */
const NAMED_AS = /(?:名前|なまえ)は\s*([ァ-ヶー]{2,8})(?:です|と申します|といいます)(?=[。、！\s]|$)/u;
/** 「うちは吉田です」: the household named, at the start of a sentence; the name must be one kuromoji knows. */
const HOUSEHOLD = new RegExp(`(?:^|[\\n。、])\\s*(?:うち|我が家|わが家)は\\s*(${FAMILY})です(?=[。、！\\s]|$)`, 'u');
/**
 * 「有限会社大西工務店 大西」 as one of the first lines: a business signature put at the top, a company
 * with its legal form, perhaps a department, then the name.
 */
const COMPANY_HEADER = /^[^ 　\n]*(?:株式会社|有限会社|合同会社|[（(][株有][）)]|法人)[^ 　\n]*[ 　]/u;
/** 「（会員名義 真田 葵）」: a bracketed line that labels the writer's name. */
const BRACKETED_NAME_LINE = new RegExp(`^[（(][^）)\\s]{0,4}(?:名義|氏名|名前)[：:]?[ 　]*(${NAME})[）)]$`, 'u');
/** 「山根や。」: the Kansai copula, trusted only as the mail's very first words. */
const PLAIN_INTRODUCTION = new RegExp(`^\\s*(${FAMILY})(?:や|やけど)[。、]`, 'u');
/** 「坂本ゆいの母です」: the writer shares the family name of the person they write for. */
const FAMILY_OF = new RegExp(
  `(?:^|[\\n。、のはた]|いる)\\s*(${FAMILY})[ぁ-ん一-龥々]{0,4}の(?:母|父|母親|父親|妻|夫|家族|娘|息子)(?:です|でございます|と申します)`,
  'u',
);
/**
 * 「グエン・ヴァン・ナムです」: a foreign full name, its parts joined by 「・」, at the start of a sentence;
 * the salutation takes its first part, as a form with the family name first is read.
 */
const FOREIGN_FULL_NAME = /(?:^|[\n。、])\s*([ァ-ヶー]{2,8})(?:・[ァ-ヶー]{1,8}){1,3}(?:です|と申します|といいます)(?=[。、！\s]|$)/u;
/**
 * 「新しい氏名：佐藤 美咲」「お名前：田中」「【お名前】山口 恵子」「契約者：松田 翔」「ご担当者：原田」
 * 「090-…　名義：池田 正」: a field that labels the writer's name, as forms and signatures write it — with a
 * form's bullet (■・●), its brackets (【】[]［］), a note on the label (「お名前（漢字）」「氏名(必須)」), and
 * the value after a colon, a space, the closing bracket or on the next line (「■お名前\n西田 美穂」).
 * Not a value followed by 様 or さん (someone addressed), nor a field for the reading (フリガナ).
 */
const NAME_LABEL =
  '(?:(?:新しい|変更後の|ご?契約者|ご?依頼者|お?申込者?|ご?利用者)?(?:氏名|お名前|名前)|ご?芳名|ご?契約者名?|ご?担当者名?|ご?依頼者名|お?申込者名|代表者名?|名義人?)';
const LABEL_NOTE = '(?:[（(][^）)\\n]{1,8}[）)])?';
const NAME_LINE = new RegExp(
  // From the start of a line or of a run of spaces only, so a long run is not walked again from each of its characters.
  `(?:^[ \\t　]*|(?<![ \\t　])[ \\t　]+)(?![ \\t　])[■□●○◆◇▼▽▶►・*＊※-]?[ \\t　]*` +
    `(?:[【\\[［〔〈《<][ \\t　]*${NAME_LABEL}${LABEL_NOTE}[ \\t　]*[】\\]］〕〉》>](?:[ \\t　]*[：:])?|${NAME_LABEL}${LABEL_NOTE}(?:[ \\t　]*[：:＝=]|[ \\t　]+(?=[一-龥々])|[ \\t　]*(?=\\n)))` +
    `[ \\t　]*(?:\\n[ \\t　]*)?(${FAMILY}(?:[ 　][一-龥々ぁ-んァ-ヶー]{1,5})?)(?=[ \\t　]*(?:[\\n（(]|$))`,
  'gmu',
);
/** 「お名前（フリガナ）」「氏名(カナ)」: a field for the reading, not the name. */
const READING_NOTE = /[（(](?:フリガナ|ふりがな|カナ|かな|よみ|ヨミ)[）)]/u;
/**
 * Lines a signature may carry after the name: a note in brackets (「（診察券番号　００３１７５）」), a phone
 * number, an address line or an id, an e-mail address. They are stepped over to reach the name.
 */
const AFTER_NAME =
  /^(?:[（(][^）)]*[）)]|(?:TEL|Tel|tel|FAX|電話番号?|携帯|ID|[^\s：:]{0,6}番号)?\s*[：:]?\s*[\d()+xX*＊\s-]{6,}|[\w.+-]+@[\w.-]+)$/u;
/** A last non-empty line that is a name (「杉浦 亮」, 「佐々木 トミ」 with a given name in katakana). */
const SIGN_OFF = new RegExp(`^(${FAMILY}(?:[ 　][一-龥々ぁ-んァ-ヶー]{1,4})?)$`, 'u');
/**
 * A role or department between a company and the name (「総務部」「店主」「看護師」), or a role a person
 * signs with that has no such ending (「新郎」「幹事」「総務」).
 */
const ROLE = /(?:部|課|係|室|長|主|者|局|店|社|所|担当|員|師|士|婦)$|^(?:新郎|幹事|総務|人事|秘書|事務|会計|庶務)$/u;

/** Words that look like a name in these positions but are not one. */
const NOT_NAMES = new Set([
  '担当',
  '敬具',
  '草々',
  '拝',
  '何卒',
  '大至急',
  '早急',
  '感謝',
  '失礼',
  '乱文',
  '追伸',
  '私',
  '本人',
  '以上',
  '購入者',
  '注文者',
  '返品',
  '至急',
  '初めて',
  '申込者',
  '契約者',
  '会員',
  '利用者',
  '当方',
  '弊社',
  '当社',
  '個人',
  '者',
  '送信元',
  '連絡',
  '母',
  '父',
  '娘',
  '息子',
  '家族',
  '主人',
  '妻',
  '夫',
  '孫',
  '代表',
  '店主',
  '事務局',
  '総務部',
  '経理',
  '無理',
  '残念',
  '不満',
  '不安',
  '心配',
  '以上です',
  '問題',
  '本当',
  '大変',
  '同様',
  '同じ',
  '必要',
  '可能',
  '不可能',
  '限界',
  '困難',
  '最悪',
  '迷惑',
  '結構',
  '今',
  '再度',
  '何度目',
  '予定',
  '件',
  '状況',
  '様子',
  '状態',
  '次第',
  '所存',
  '模様',
  '限り',
  '通り',
  '方',
  '旨',
  '事',
  '物',
  '者様',
  // What a form's name field holds when it names nobody, and what a writer is rather than who.
  '匿名',
  '無記名',
  '不明',
  '未記入',
  '未入力',
  '新規',
  '初回',
  '法人',
  '常連',
  '素人',
  '初心者',
  '別件',
  '予約者',
  '保護者',
  '本人様',
  // 「私はリピーターです」: kuromoji knows it as a proper noun.
  'リピーター',
  // 「新築してまだ3か月の家です」: things a sentence can end on after 「の」.
  '家',
  '子',
  '部屋',
  '自宅',
  '実家',
  // 「衣装も全部その中です」: where something is, after 「の」.
  '中',
  '上',
  '下',
  '外',
  '内',
  '奥',
  '横',
  '隣',
]);

/**
 * What kuromoji says of a candidate word: an errand, role or status is no name (an action noun such
 * as 調整 or 広報, an adjective stem, 元会員 with a prefix, 入居者 with a suffix); a proper noun
 * (グエン, 原田) may be one where a common word would not.
 */
export interface NameWords {
  notName(word: string): boolean;
  properNoun(word: string): boolean;
  /** One token: 「荒木」, not 「光回線」 (光|回線). */
  oneWord(word: string): boolean;
  /** The family name of a full name kuromoji reads as two proper nouns (森田|蓮), else undefined (佐々木, 長谷川). */
  familyPart(word: string): string | undefined;
  /** Two or more tokens, nouns (or an opening interjection) only: 「おおたけ」 read as おお|たけ. */
  onlyNouns(word: string): boolean;
  /** Its last token is a noun (「たなか」 read as た|なか): no verb, adverb or greeting ends it (「またね」「いそぎます」). */
  endsInNoun(word: string): boolean;
}

const NOT_NAME_ENDINGS = new Set(['サ変接続', 'ナイ形容詞語幹', '形容動詞語幹', '接尾']);

export function nameWords(tokenizer: Pick<Tokenizer, 'tokenize'>): NameWords {
  return {
    notName(word) {
      const tokens = tokenizer.tokenize(word);
      return tokens[0]?.pos === '接頭詞' || NOT_NAME_ENDINGS.has(tokens.at(-1)?.posDetail ?? '');
    },
    properNoun(word) {
      const tokens = tokenizer.tokenize(word);
      return tokens.length === 1 && tokens[0]!.posDetail === '固有名詞';
    },
    oneWord(word) {
      return tokenizer.tokenize(word).length === 1;
    },
    familyPart(word) {
      const tokens = tokenizer.tokenize(word);
      const proper = tokens.length === 2 && tokens.every((t) => t.posDetail === '固有名詞');
      return proper && tokens[0]!.surface.length >= 2 ? tokens[0]!.surface : undefined;
    },
    endsInNoun(word) {
      const tokens = tokenizer.tokenize(word);
      return tokens.at(-1)?.pos === '名詞' && !tokens.some((t) => t.pos === '感動詞' || t.pos === '副詞');
    },
    onlyNouns(word) {
      const tokens = tokenizer.tokenize(word);
      return (
        tokens.length >= 2 &&
        tokens.every((t, i) => (t.pos === '名詞' && !NOT_NAME_ENDINGS.has(t.posDetail)) || (i === 0 && t.pos === '感動詞'))
      );
    },
  };
}

/** The end of an organisation's name or a unit of it: 「…会計事務所」「…商店」「…営業部」. */
const ORGANISATION_END = /(?:会社|事務所|商店|商会|工務店|工房|[社店部課室局院園校所]|チーム|グループ|[A-Za-z])$/u;

/** What a writer is (「大学生です」「会社員です」「主婦です」), said where a name would stand. */
const STATUS = /(?:学生|年生|院生|受験生|会社員|公務員|社会人|主婦|主夫|自営業|高齢者)$/u;

export function readCustomerName(body: string, words: NameWords): string | undefined {
  const name = readName(body, words);
  // 「森田蓮の母です」: three kanji without a space that kuromoji reads as a family name and a given name.
  return name && /^[一-龥々]{3}$/u.test(name) ? (words.familyPart(name) ?? name) : name;
}

function readName(body: string, words: NameWords): string | undefined {
  const head = body.split('\n').slice(0, 6).join('\n');
  for (const m of head.matchAll(SELF_INTRODUCTION)) {
    const candidate = m[3]!;
    // 「大学生です」「会社員です」: what the writer is, not who.
    if (STATUS.test(candidate)) continue;
    const name = familyOf(candidate);
    // 「住所 …2-14-7 の光回線です」: after 「の」 the shape names a thing as often as a writer
    // (「撮影番号 PS-20881 の藤井です」), so there the family name must be one word, not a compound (光|回線).
    if (m[2] !== undefined && name && !words.oneWord(name) && !words.properNoun(name)) continue;
    // 「ミドリ商会 野村と申します」: after a word and a space, only a name kuromoji knows (not 「この商品 不良です」).
    if (/^[一-龥々ァ-ヶー][ 　]/u.test(m[0]) && !(name && words.properNoun(name))) continue;
    // 「一生に一度の日です」「2回目の件です」: one kanji after a clause is a thing unless kuromoji knows it as a
    // name (林, 辻) or an organisation is named before it (「ミナミ会計事務所の南です」).
    const organisationBefore = m[2] !== undefined && ORGANISATION_END.test(head.slice(Math.max(0, m.index - 8), m.index));
    if (m[1] === undefined && name?.length === 1 && !words.properNoun(name) && !organisationBefore) continue;
    // At the start of a line the shape is trusted, except four kanji that kuromoji reads as a noun
    // of state (「初期不良です」), which a name written without a space never is. After 「。」 it ends
    // a judgement as often (「最低です。」「大満足です！」「製品の欠陥です」): there the family name must
    // be one kuromoji knows as a proper noun.
    const lineStart = m[1] === '' || m[1] === '\n';
    // At a line start too, an action noun or an adjective's stem is what the line is (「質問です。」「緊急です。」).
    const trusted =
      m[1] !== undefined &&
      !/^[一-龥々]{4}$/u.test(candidate) &&
      (lineStart
        ? !words.notName(candidate) || (name !== undefined && words.properNoun(name))
        : name !== undefined && words.properNoun(name));
    if (name && (trusted || (!words.notName(candidate) && (m[1] === undefined || words.properNoun(name))))) return name;
  }
  const household = HOUSEHOLD.exec(head)?.[1];
  if (household && words.properNoun(household)) return familyOf(household);
  const header = head
    .split('\n')
    .slice(0, 3)
    .filter((line) => COMPANY_HEADER.test(line.trim()))
    .map((line) => nameAfterCompany(line.trim(), words))
    .find((n) => n !== undefined);
  if (header) return header;
  const namedAs = NAMED_AS.exec(head)?.[1];
  if (namedAs && !NOT_NAMES.has(namedAs)) return namedAs;
  const pronoun = PRONOUN_INTRODUCTION.exec(head)?.[1];
  if (pronoun && words.properNoun(pronoun) && !NOT_NAMES.has(pronoun)) return pronoun;
  const katakana = KATAKANA_INTRODUCTION.exec(head)?.[1] ?? FOREIGN_FULL_NAME.exec(head)?.[1];
  if (katakana) return katakana;
  const labelled = labelledName(body, words);
  if (labelled) return labelled;
  const plain = PLAIN_INTRODUCTION.exec(head)?.[1];
  if (plain && familyOf(plain)) return familyOf(plain);
  // The writer's own signature beats 「陽太の母です」, whose name may be the child's given name.
  const parent = FAMILY_OF.exec(head)?.[1];
  return lastLine(body, words) ?? (parent && familyOf(parent)) ?? roleLine(body, words);
}

/** The first form or signature field that labels the writer's name (NAME_LINE), if any. */
function labelledName(body: string, words: NameWords): string | undefined {
  for (const m of body.slice(0, 20_000).matchAll(NAME_LINE)) {
    if (READING_NOTE.test(m[0])) continue;
    const value = m[1]!;
    // 「ご担当者：佐藤 様」: someone the writer addresses.
    if (/[ 　](?:様|殿)$/u.test(value)) continue;
    // 「お名前：山田商店」「ご担当者名：総務部」: a business or a department, not a person.
    if (!/[ 　]/u.test(value) && ORGANISATION_END.test(value) && !words.properNoun(value)) continue;
    const family = familyOf(value);
    if (family) return family;
  }
  return undefined;
}

/**
 * 「代表 村上」「広報　三浦」: a line of the writer's own that is a role and a name, signed in the middle
 * of a mail whose last lines are still talking.
 */
function roleLine(body: string, nameWords: NameWords): string | undefined {
  for (const line of withoutQuotedHistory(body.slice(0, 20_000)).split('\n')) {
    const m = ROLE_AND_NAME.exec(line.trim());
    if (m && isRoleWord(m[1]!, nameWords) && !isRoleWord(m[2]!, nameWords)) return familyOf(m[2]!);
  }
  return undefined;
}

const ROLE_AND_NAME = new RegExp(`^([一-龥々ァ-ヶー]{2,8})[ 　]+(${FAMILY})(?:[ 　][一-龥々ぁ-ん]{1,4})?$`, 'u');

function isRoleWord(word: string, nameWords: NameWords): boolean {
  // 渡部, 阿部, 岡部, 服部: a family name, not a department (総務部, 営業部).
  if (/^[一-龥々]部$/u.test(word) && !/^[本支局]部$/u.test(word)) return NOT_NAMES.has(word) || nameWords.notName(word);
  return ROLE.test(word) || NOT_NAMES.has(word) || nameWords.notName(word);
}

/**
 * Whom the writer speaks of or for, by relation or title (「上司」「母親」「担当者」「部長」): never the writer's
 * name, whether they relay that person's words (「上司が…と申しております」) or sign with it.
 */
const RELATION_OR_TITLE =
  /^(?:上司|部下|同僚|先輩|後輩|友人|知人|親戚|親族|両親|母親|父親|祖母|祖父|兄|姉|弟|妹|叔母|叔父|伯母|伯父|義母|義父|家内|嫁|旦那|先生|顧客|取引先|先方|担当者?|店員|社員|職員|上長|主任|会長|社長|部長|課長|係長|店長|室長|所長|院長|園長|校長|専務|常務|取締役|理事|者様?|御中|各位|殿)$/u;

/** The family name of a candidate, or undefined when it is no name (「担当」「連絡」「上司」). */
function familyOf(candidate: string): string | undefined {
  const spaced = candidate.split(/[ 　]/u);
  // 「高木恵美」 written without a space: most family names are two kanji.
  const family =
    spaced.length > 1 ? spaced[0]! : /^[一-龥々]{4}$/u.test(candidate) ? candidate.slice(0, 2) : candidate.replace(/[ぁ-ん]+$/u, '');
  if (!family || /[ぁ-ん]/u.test(family) || NOT_NAMES.has(family) || NOT_NAMES.has(candidate) || RELATION_OR_TITLE.test(family))
    return undefined;
  return family;
}

function lastLine(body: string, nameWords: NameWords): string | undefined {
  const lines = body
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // A reply written above the mail it quotes signs above the quote: the 「>」 lines under it are not the writer's.
  if (lines.length === 0) return undefined;
  while (lines.length > 1 && /^[>＞]/u.test(lines.at(-1)!)) lines.pop();
  const bracketed = BRACKETED_NAME_LINE.exec(lines.at(-1)!.normalize('NFKC'))?.[1];
  if (bracketed) return familyOf(bracketed);
  // Step over up to three lines of contact details or notes under the name, and a title or branch in
  // English under a name in kanji (「近藤 由紀」 then 「IT Manager, Japan Branch」).
  let end = lines.length;
  const stepOver = (line: string, above: string) =>
    AFTER_NAME.test(line.normalize('NFKC')) || (LATIN_LINE.test(line) && SIGN_OFF.test(above));
  while (end > 1 && lines.length - end < 3 && stepOver(lines[end - 1]!, lines[end - 2]!)) end--;
  // A business signature's frame and contact block under the name (━━━━, 〒…, TEL: … / FAX: …, Mail: …, URL).
  while (end > 1 && lines.length - end < 8 && SIGNATURE_DETAIL.test(lines[end - 1]!.normalize('NFKC'))) end--;
  // 「杉山 健一 / 株式会社トウヨウ建設 工務部 / TEL …」: the name above its company and department lines.
  let above = end;
  while (above > 1 && end - above < 3 && organisationLine(lines[above - 1]!, nameWords)) above--;
  if (above < end && above > 1 && SIGN_OFF.test(lines[above - 1]!) && !organisationLine(lines[above - 1]!, nameWords)) end = above;
  const last = lines[end - 1];
  if (!last || end < 2) return undefined;
  // 「Best regards,」 then 「Emily Miller」: a Western name, family name last.
  const western = LATIN_NAME.exec(last);
  if (western && ENGLISH_CLOSING.test(lines[end - 2]!)) return western[1];
  // 「母：遠藤 和子（代理で息子が送っています）」: a label before the name and a note after it;
  // 「遠藤 080-4471-9026」: a phone number after it.
  const unlabelled = last.replace(/^[^：:]{1,8}[：:]\s*/u, '');
  // 「出品者名：hinata_design（小林）」: a handle, and the name in brackets.
  const bracketedName = HANDLE_AND_NAME.exec(unlabelled)?.[1];
  if (bracketedName) return familyOf(bracketedName);
  const line = unlabelled
    .replace(/[（(][^）)]*[）)]$/u, '')
    .replace(TRAILING_PHONE, '')
    .trim();
  // 「山田太郎拝」「山田より」: the closing word an older letter signs with (「一利用者より」 signs no name).
  const closed = CLOSING_WORD.test(line) ? line.replace(CLOSING_WORD, '').trimEnd() || undefined : undefined;
  if (closed) return SIGN_OFF.test(closed) && !ROLE.test(closed) && !NOT_NAMES.has(closed) ? familyOf(closed) : undefined;
  const isRole = (w: string) => isRoleWord(w, nameWords);
  const whole = SIGN_OFF.exec(line)?.[1];
  if (whole) {
    // 「元会員 加藤」「広報 原田」「新郎 佐々木」「北海道 斉藤」: a status, role or prefecture first, then the name.
    const [first, second] = whole.split(/[ 　]/u);
    const lives = PREFECTURE.test(first!) && second !== undefined && /^[一-龥々]{2,4}$/u.test(second);
    // 「斎藤工房　斎藤」「山田商店 山田」: a business named after the family, then the writer's name.
    const shop = second !== undefined && first!.length > second.length && first!.startsWith(second);
    return second !== undefined && (isRole(first!) || lives || shop) ? familyOf(second) : familyOf(whole);
  }
  // 「グエン」: a katakana line alone is a name only when kuromoji knows it as one.
  if (/^[ァ-ヶー]{2,8}$/u.test(line) && nameWords.properNoun(line)) return line;
  // 「グエン・ティ・ラン」: a foreign full name; the salutation takes its first part.
  const foreign = FOREIGN_SIGN_OFF.exec(line)?.[1];
  if (foreign) return foreign;
  const kana = kanaName(line, nameWords, lines[end - 2]!);
  if (kana) return kana;
  return nameAfterCompany(line, nameWords);
}

/** A signature line naming a company or its department, and no person: 「株式会社トウヨウ建設 工務部」「営業部 課長」. */
function organisationLine(line: string, nameWords: NameWords): boolean {
  if (line.length > 40 || /[。！？、]/u.test(line)) return false;
  if (COMPANY.test(line)) return nameAfterCompany(line, nameWords) === undefined;
  const words = line.split(/[ 　／/]+/u);
  return words.every((w) => isRoleWord(w, nameWords) && !nameWords.properNoun(w));
}
const COMPANY = /株式会社|有限会社|合同会社|[（(][株有][）)]|法人|Co\.,? ?Ltd|Inc\./u;

/**
 * 「株式会社アオバ 総務部 佐々木」「宿泊者 村上 誠」: the first name-like word after the company,
 * or after the role when there is one (「喫茶 灯 店主 田村」: 灯 is the shop's name).
 */
function nameAfterCompany(line: string, nameWords: NameWords): string | undefined {
  if (line.length > 40 || /[。！？、]/u.test(line)) return undefined;
  const isRole = (w: string) => isRoleWord(w, nameWords);
  const words = line.split(/[ 　／/]+/u).slice(1);
  const role = words.findLastIndex(isRole);
  const family = words.slice(role + 1).find((w) => new RegExp(`^${FAMILY}$`, 'u').test(w) && !isRole(w));
  return family && familyOf(family);
}

/**
 * Where the writer lives, signed before the name (「岩手 菅原」「北海道 斉藤」): a prefecture with its 都道府県,
 * or one that is no common family name (長野, 石川, 千葉 are names too).
 */
const PREFECTURE =
  /^(?:(?:北海道|青森|岩手|宮城|秋田|山形|福島|茨城|栃木|群馬|埼玉|千葉|東京|神奈川|新潟|富山|石川|福井|山梨|長野|岐阜|静岡|愛知|三重|滋賀|京都|大阪|兵庫|奈良|和歌山|鳥取|島根|岡山|広島|山口|徳島|香川|愛媛|高知|福岡|佐賀|長崎|熊本|大分|宮崎|鹿児島|沖縄)[都道府県]|北海道|岩手|茨城|栃木|群馬|埼玉|神奈川|愛知|兵庫|和歌山|鹿児島|沖縄)$/u;
/** The closing word alone, found from the end of the line (a lazy match of what comes before it was quadratic on a run of spaces). */
const CLOSING_WORD = /(?:拝|より|敬白)$/u;
/** A line in Latin letters only: a title, a branch or a company under the name. */
const LATIN_LINE = /^[A-Za-z][A-Za-z0-9 .,&'()/-]*$/u;
/** 「Emily Miller」「John A. Smith」: given name first, the family name (group 1) last. */
const LATIN_NAME = /^[A-Z][a-z]+(?: [A-Z][a-z]*\.?)? ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)$/u;
/** An English closing on the line above a signature. */
const ENGLISH_CLOSING =
  /^(?:(?:best|kind|warm|warmest)? ?regards|sincerely(?: yours)?|yours(?: sincerely| truly)?|thanks?(?: again)?|thank you|cheers|best(?: wishes)?)[,.!]?$/iu;

/** 「hinata_design（小林）」: a handle in ASCII, then the writer's name in brackets. */
const HANDLE_AND_NAME = new RegExp(`^[!-~]+\\s*[（(](${NAME})[）)]$`, 'u');
// From the start of a run of spaces, the label or the number right after it: a long run is walked once.
const TRAILING_PHONE = /(?<![ 　])[ 　]+(?:(?:TEL|Tel|tel|電話)[：:]?[ 　]*|[：:][ 　]*)?[\d()+-]{9,}$/u;
const FOREIGN_SIGN_OFF = /^([ァ-ヶー]{2,8})(?:・[ァ-ヶー]{1,8}){1,3}$/u;

/**
 * 「やまもと きみこ」「おおたけ」: a signature in hiragana, as some older writers sign. Only a line of
 * one or two words of nouns (an interjection may open a word: おお|たけ) and no verb, particle or
 * adverb (「よろしく」「またね」), and a single word only when kuromoji knows it as a proper noun.
 */
function kanaName(line: string, nameWords: NameWords, above: string): string | undefined {
  const m = /^([ぁ-ゖー]{2,6})(?:[ 　]([ぁ-ゖー]{2,6}))?$/u.exec(line);
  if (!m) return undefined;
  const family = m[1]!;
  if (nameWords.properNoun(family)) return family;
  if (nameWords.onlyNouns(family)) return family;
  // 「たなか」「きむら」「わたなべ ともこ」, which kuromoji splits into other words: a name when it
  // signs under the letter's closing line and ends in a noun (no 「またね」, 「かしこ」 or 「いじょう」).
  return CLOSING_LINE.test(above.normalize('NFKC')) && !KANA_CLOSINGS.has(family) && nameWords.endsInNoun(family) ? family : undefined;
}

/** A letter's closing line, above a signature: 「よろしく おねがいします」「ありがとうございました」「以上です」. */
const CLOSING_LINE = /(?:よろしく|宜しく|おねがい|お願い|ありがと|有難|すみません|失礼|以上|敬具|かしこ)[^\n]{0,12}$/u;
/** Hiragana words a letter ends with that are no name. */
const KANA_CLOSINGS = new Set(['かしこ', 'いじょう', 'おわり', 'まる', 'けいぐ', 'そうそう']);
