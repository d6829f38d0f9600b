/**
 * Japanese labels for the API's fixed codes. Labels that belong to the manual (tone categories,
 * scenarios, placeholder hints) are not here: the page reads them from /assets/labels.json, which
 * the server builds from the dictionaries, so a lead's new category shows with its own label.
 */
import { getJson } from './api.js';

/** @type {Record<string, string>} */
export const LEVELS = { calm: '平常', concerned: '心配', angry: '怒り', furious: '激怒' };

/** @type {Record<string, string>} */
export const LEVEL_HELP = {
  calm: '通常のお問い合わせです。',
  concerned: '困りごとや軽い不安があるご様子です。',
  angry: '不満や苛立ちがあります。丁寧な文面でも怒りとして扱います。',
  furious: '明確な敵意や、上席・外部への相談をほのめかしています。責任者の対応が必要です。',
};

/** @type {Record<string, string>} */
export const PRIORITIES = { P1: '最優先（すぐ対応）', P2: '優先', P3: '通常', P4: '低' };

/** @type {Record<string, string>} */
export const LINT_RULES = {
  'bare-refusal': 'クッション言葉のない断り',
  blame: 'お客様に非があるような言い方',
  'bare-command': '命令形の依頼',
  'vague-timing': '日時のない「追って」「近日中に」',
  'no-empathy': 'お詫び・共感がない',
  'no-thanks': 'お礼がない',
  'refusal-first': '挨拶の直後が断り・否定',
};

/** @type {Record<string, string>} */
export const SEVERITIES = { error: '要修正', warning: '注意' };

/** @type {Record<string, string>} */
export const NOT_COUNTED = {
  negated: '否定されているため数えていません（例：「怒っていません」）',
  context: '文脈から数えていません（例：受け身の「怒られた」）',
  'no-complaint-nearby': '近くに不満の表現がないため数えていません（お礼のメールの「！！」など）',
  hypothetical: '仮定の話なので数えていません（例：「壊れても」）',
  resolved: 'すでに解決したことなので数えていません（例：「困っていましたが、落ち着きました」）',
  contrast: '後ろの褒め言葉で打ち消されているため数えていません（例：「高いけど美味しい」）',
  quoted: '「」の中の引用なので数えていません',
  self: 'お客様ご自身のこと（体調や自分のミス）なので数えていません',
};

/** @type {Record<string, string>} */
export const PLACEHOLDER_HINTS = {
  会社名: '「返信の差出人」欄に会社名を入れると自動で入ります。',
  担当者名: '「返信の差出人」欄に担当者名を入れると自動で入ります。',
};

/**
 * Labels from the manual, with the code itself when the server could not be asked.
 * @typedef {{ categories: Record<string, string>, scenarios: Record<string, string>, placeholders: Record<string, Record<string, string>> }} ManualLabels
 */

/** @type {ManualLabels} */
export const manual = { categories: {}, scenarios: {}, placeholders: {} };

/** What this server has turned on, from /assets/labels.json. */
export const features = { feedback: false };

/** @param {Partial<ManualLabels> & { features?: Partial<typeof features> }} loaded */
export function setManualLabels({ features: loadedFeatures, ...loaded }) {
  Object.assign(manual, loaded);
  Object.assign(features, loadedFeatures ?? {});
}

/** Reads the manual's labels from the server; without them the page shows the codes. */
export function loadManualLabels() {
  return getJson('/assets/labels.json').then(setManualLabels, () => {});
}

/** @param {string} category */
export function categoryLabel(category) {
  return manual.categories[category] ?? category;
}

/** @param {string} scenario */
export function scenarioLabel(scenario) {
  return manual.scenarios[scenario] ?? scenario;
}

/** @param {string} name @param {string | undefined} scenario */
export function placeholderHint(name, scenario) {
  return (scenario && manual.placeholders[scenario]?.[name]) ?? PLACEHOLDER_HINTS[name] ?? '送信前に実際の内容に置き換えてください。';
}
