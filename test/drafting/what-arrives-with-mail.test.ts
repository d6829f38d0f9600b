/**
 * Mail as it really arrives (issue 18): the shop's earlier reply quoted under it, an Original Message or
 * a forwarded notice below it, a business signature with a legal disclaimer. None of it is the
 * customer's errand, deadline or name, so over a sample of the tuning sets' draft mails the draft
 * must judge as it did without it, and name no topic of what was added.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnalysisEngine, type AnalysisEngine } from '../../src/analysis/analyze.js';
import { loadDrafting, type Drafting } from '../../src/drafting/drafting.js';
import { customerText } from '../../src/drafting/customer-text.js';
import { triage } from '../../src/drafting/triage.js';
import { DRAFT_SETS, judgedDraftOf, readDraftLabels } from '../../scripts/draft-evaluation.js';
import { judgeDraft, type DraftLabel } from '../../scripts/draft-judge.js';

const QUOTED_REPLY = [
  '2026年11月20日(金) 10:15 サポートセンター <support@example.jp>:',
  '> いつもご利用いただきありがとうございます。',
  '> 先日はご返金の件でご不便をおかけし、大変申し訳ございませんでした。',
  '> 解約のお手続きとクーポンの再発行につきましては、担当部署にて確認いたします。',
  '> ログインできない場合はパスワードの再設定をお試しください。',
].join('\n');
const ORIGINAL_MESSAGE = [
  '-----Original Message-----',
  'From: サポート窓口 <support@example.jp>',
  'Sent: Friday, November 20, 2026 10:15 AM',
  'To: customer@example.com',
  'Subject: 【お詫び】配送遅延について',
  '',
  '配送の遅延によりご迷惑をおかけし申し訳ございません。',
  'ご返金またはキャンセルをご希望の場合はお知らせください。お届け予定日は12月20日です。',
].join('\n');
const FORWARD = [
  '---------- Forwarded message ---------',
  'From: ショップ事務局 <shop@example.jp>',
  'Date: 2026年11月18日(水) 9:00',
  'Subject: 【発送完了のお知らせ】',
  'To: <customer@example.com>',
  '',
  'ご注文いただいた商品を発送いたしました。返品・交換をご希望の場合は商品到着後7日以内にご連絡ください。',
].join('\n');
const signature = (name: string | null) =>
  [
    '━━━━━━━━━━━━━━━━━━',
    '株式会社サンプル商事 総務部',
    ...(name ? [name] : []),
    '〒100-0001 東京都千代田区千代田1-1-1',
    'TEL: 03-1234-5678 / FAX: 03-1234-5679',
    '━━━━━━━━━━━━━━━━━━',
    '',
    'このメールは機密情報を含む場合があります。誤って受信された場合は、お手数ですが削除のうえ送信者までご連絡ください。',
  ].join('\n');

/** Words only the added text uses: a draft naming one answers what the customer did not write. */
const ADDED_TOPICS = ['ログイン', 'クーポン', '配送', 'キャンセル', '返品', '7日以内', '12月20日'];

const ADDITIONS: ReadonlyArray<[string, (label: DraftLabel) => string]> = [
  ['a quoted reply', () => QUOTED_REPLY],
  ['an Original Message', () => ORIGINAL_MESSAGE],
  ['a forwarded notice', () => FORWARD],
  ['a signature and disclaimer', (label) => signature(label.customerName)],
];

let engine: AnalysisEngine;
let drafting: Drafting;
/** Every sixth draft mail of every tuning set, with nothing quoted yet, whose draft passes every check as it is. */
let sample: Array<{ label: DraftLabel; draft: string }>;
beforeAll(async () => {
  engine = await loadAnalysisEngine();
  drafting = loadDrafting(engine.dictionaries);
  sample = DRAFT_SETS.flatMap((set) => readDraftLabels(set.path).filter((l, i) => i % 6 === 0 && customerText(l.body) === l.body)).flatMap(
    (label) => {
      const result = triage(engine, drafting, { subject: label.subject, body: label.body, receivedAt: label.receivedAt });
      return judgeDraft(label, judgedDraftOf(result)).failed.length === 0 ? [{ label, draft: result.draft.text }] : [];
    },
  );
});

describe('what arrives with the mail', () => {
  it.each(ADDITIONS)('a draft stays on the customer’s errand, deadline and name under %s', (_, added) => {
    const changed: Record<string, string> = {};
    for (const { label, draft: before } of sample) {
      const body = `${label.body}\n\n${added(label)}`;
      const { draft, ...result } = triage(engine, drafting, { subject: label.subject, body, receivedAt: label.receivedAt });
      const why = judgeDraft(label, judgedDraftOf({ draft, ...result })).why;
      const leaked = ADDED_TOPICS.filter((w) => draft.text.includes(w) && !before.includes(w));
      if (why.length > 0 || leaked.length > 0) changed[label.id] = [...why, ...leaked.map((w) => `names 「${w}」`)].join('; ');
    }
    expect(changed).toEqual({});
  });
});
