/** What a mail is about: the scenario kinds ondo knows, and the detection result as a TypeBox schema. */
import { Type, type Static } from 'typebox';
import { AggregateFields, MAX_EVIDENCE_ITEMS } from './evidence-summary.js';

export const SCENARIO_KINDS = [
  'delivery-delay',
  'damaged-item',
  'wrong-item',
  'return-refund',
  'cancellation',
  'billing',
  'expired-coupon',
  'account-login',
  'no-reply-followup',
  'phone-unreachable',
  'revision-request',
  'customer-silent',
  'product-question',
  'thanks',
  'service-outage',
  'receipt-invoice',
  'plan-change',
  'subscription-cancellation',
  'address-change',
  'account-deletion',
  'contract-claim',
  'other',
] as const;

export const ScenarioKind = Type.Enum(SCENARIO_KINDS, {
  title: 'ScenarioKind',
  description:
    'delivery-delay 配送遅延・未着 / damaged-item 破損・不良 / wrong-item 誤配送 / return-refund 返品・返金 / cancellation キャンセル / ' +
    'billing 請求・二重請求 / expired-coupon クーポン・キャンペーン期限切れ / account-login アカウント・ログイン / ' +
    'no-reply-followup 返信がない（催促）/ phone-unreachable 電話がつながらない / revision-request 納品物の修正依頼 / ' +
    'customer-silent お客様からの返信が途絶えた（担当者側の催促）/ product-question 商品・仕様の質問 / thanks お礼・称賛 / ' +
    'service-outage サービス障害・停止 / receipt-invoice 領収書・請求書の発行 / plan-change プラン変更 / ' +
    'subscription-cancellation 月額・サブスクの解約 / address-change お届け先・登録情報の変更 / ' +
    'account-deletion アカウント・個人情報の削除 / contract-claim 法人契約にもとづく請求・損害賠償 / other その他',
  examples: ['delivery-delay'],
});
export type ScenarioKind = Static<typeof ScenarioKind>;

export function isScenarioKind(value: unknown): value is ScenarioKind {
  return typeof value === 'string' && (SCENARIO_KINDS as readonly string[]).includes(value);
}

/**
 * The project's mail fixtures (test/fixtures/emails*.jsonl) were labelled before these scenarios
 * existed, with the coarser kind each one was split from; a prediction of the finer kind counts as that label.
 */
const SPLIT_FROM: Partial<Record<ScenarioKind, readonly ScenarioKind[]>> = {
  'receipt-invoice': ['billing'],
  'subscription-cancellation': ['cancellation'],
  'account-deletion': ['cancellation', 'other'],
  'plan-change': ['billing', 'product-question', 'other'],
  'address-change': ['other', 'delivery-delay'],
  'service-outage': ['account-login', 'other'],
  'contract-claim': ['other'],
};

/** True when `fine` was split from `coarse` (receipt-invoice from billing): naming it names the coarser kind too. */
export function isSplitFrom(fine: ScenarioKind, coarse: ScenarioKind): boolean {
  return SPLIT_FROM[fine]?.includes(coarse) === true;
}

/** True for a kind split from a coarser one (service-outage from other): mails labelled before the split never name it. */
export function hasCoarserKind(kind: ScenarioKind): boolean {
  return SPLIT_FROM[kind] !== undefined;
}

/** A prediction as a fixture label of the coarser taxonomy would name it. */
export function asFixtureLabel(predicted: ScenarioKind, label: ScenarioKind): ScenarioKind {
  return SPLIT_FROM[predicted]?.includes(label) ? label : predicted;
}

export const ScenarioEvidence = Type.Object(
  {
    scenario: ScenarioKind,
    entryId: Type.String({ description: 'Scenario dictionary entry id' }),
    field: Type.Union([Type.Literal('subject'), Type.Literal('body')]),
    text: Type.String({ description: 'Matched text as it appears in the original field' }),
    start: Type.Integer({ minimum: 0, description: '0-based UTF-16 offset (inclusive)' }),
    end: Type.Integer({ minimum: 0, description: '0-based UTF-16 offset (exclusive)' }),
    weight: Type.Number({
      description: 'What these matches added to the scenario score (subject matches weigh more), summed over the occurrences',
    }),
    ...AggregateFields,
  },
  { title: 'ScenarioEvidence', additionalProperties: false },
);

export const ScenarioResult = Type.Object(
  {
    primary: ScenarioKind,
    secondary: Type.Array(ScenarioKind, {
      description: 'Other things the mail is also about, strongest first',
      examples: [['return-refund']],
    }),
    scores: Type.Array(Type.Object({ scenario: ScenarioKind, score: Type.Number() }, { additionalProperties: false }), {
      description: 'Every scenario with any evidence, strongest first',
    }),
    evidence: Type.Array(ScenarioEvidence, {
      maxItems: MAX_EVIDENCE_ITEMS,
      description: 'Dictionary matches behind the scenarios, in text order, each entry and text once',
    }),
    confidence: Type.Number({
      minimum: 0,
      maximum: 1,
      description:
        'How sure the primary scenario is: high when its score is strong and well ahead of the next one; 1 when an agent chose it',
      examples: [0.82],
    }),
    source: Type.Union([Type.Literal('detected'), Type.Literal('agent')], {
      description: 'detected from the mail, or chosen by the agent (request `scenario`)',
    }),
    learned: Type.Optional(
      Type.Object(
        {
          scenario: ScenarioKind,
          probability: Type.Number({
            minimum: 0,
            maximum: 1,
            description: 'The learned reading’s share for its scenario (tempered softmax)',
          }),
          words: Type.Array(Type.String(), { maxItems: 5, description: 'Lemmas and bigrams that pointed to it most, strongest first' }),
          decided: Type.Boolean({
            description: 'True when the learned reading chose the primary (the manual was not confident, or found nothing)',
          }),
        },
        {
          additionalProperties: false,
          description:
            'The learned signal (dictionaries/learned/scenarios.yaml, fitted on the labelled mails), read when the manual is not confident',
        },
      ),
    ),
    generalDraft: Type.Boolean({
      description:
        'True when confidence is below scoring.yaml scenarios.minConfidence (or nothing matched): the draft is the safe general reply; re-draft with one of `scores` as `scenario`',
    }),
  },
  { title: 'Scenario', additionalProperties: false },
);
export type ScenarioResult = Static<typeof ScenarioResult>;

/**
 * The id of a scenario entry `ondo learn suggest` writes from a team's corrections, and its test:
 * such an entry was written after the learned counts were fitted, so detection lets it decide.
 */
export function teamScenarioEntryId(kind: ScenarioKind, hash: string): string {
  return `sc.${kind}.learned-${hash}`;
}
export const isTeamScenarioEntry = (entryId: string): boolean => /^sc\.[a-z-]+\.learned-/u.test(entryId);
