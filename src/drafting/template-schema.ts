/** The shape of dictionaries/templates/*.yaml: the support manual's reply templates. */
import { Type, type Static } from 'typebox';
import { ScenarioKind } from '../analysis/scenario-schema.js';

const Text = Type.String({ minLength: 1, maxLength: 2000 });

/** Facts the agent must supply, as 【name】 in the texts, with a hint each. */
const Placeholders = Type.Record(Type.String({ minLength: 1, maxLength: 30 }), Type.String({ maxLength: 200 }));

/** A text with optional per-level variants; `default` is used for levels without their own. */
export const LevelVariants = Type.Object(
  {
    default: Text,
    calm: Type.Optional(Text),
    concerned: Type.Optional(Text),
    angry: Type.Optional(Text),
    furious: Type.Optional(Text),
  },
  { additionalProperties: false },
);
export type LevelVariants = Static<typeof LevelVariants>;

export const CommonTemplateSchema = Type.Object(
  {
    salutation: Type.Object({ named: Text, anonymous: Text }, { additionalProperties: false }),
    intro: Text,
    /** For a follow-up (the customer is writing again): apologise for the wait before anything else. */
    followUpApology: Text,
    thanks: LevelVariants,
    /** Thanks for an opinion about the service (「貴重なご意見」): only when the mail is feedback. */
    thanksForFeedback: Text,
    empathy: LevelVariants,
    /** Put before the next step when the mail states its own deadline: 「{{customerDeadline}}に間に合うよう、」. */
    deadlineAck: Text,
    /** Instead of deadlineAck when business hours leave no time to meet the deadline: no promise to meet it. */
    deadlineAtRisk: Text,
    /** Instead of deadlineAck for an occasion the mail gives no date for (「卒業式の前日」): acknowledged, no date promised. */
    deadlineUndated: Text,
    /** Added for a secondary scenario: 「あわせて、{{also}}についても確認いたします。」 */
    alsoMention: Text,
    /**
     * What the customer's asking sentence is about, named when the draft has not named it yet:
     * 「お尋ねの「{{asked}}」につきましても…」 for a question, a request's own line for a request.
     */
    askedToo: Type.Object({ question: Text, request: Text }, { additionalProperties: false }),
    /**
     * The general draft's line quoting the customer's first asking clause (asked-clause.ts):
     * 「「{{asked}}」とのお尋ねにつきまして…」, so a draft on a guessed scenario still answers what was asked.
     */
    askedClause: Type.Object({ question: Text, request: Text }, { additionalProperties: false }),
    /** What a suggestion in the mail is about, when the mail asks nothing: 「ご提案いただいた「{{suggested}}」の件は…」. */
    suggestedToo: Text,
    escalated: Text,
    closing: LevelVariants,
    signature: Text,
  },
  { additionalProperties: false },
);
export type CommonTemplate = Static<typeof CommonTemplateSchema>;

export const ScenarioTemplateSchema = Type.Object(
  {
    scenario: ScenarioKind,
    label: Type.String({ minLength: 1, maxLength: 40 }),
    /** The customer's concern, reflected back before any fact: 「{{concern}}」とのこと. */
    concern: Text,
    /** A short noun phrase for 「あわせて、〜についても」 when this scenario is a secondary one. */
    topic: Type.String({ minLength: 1, maxLength: 60 }),
    /** Overrides the common empathy line (a thank-you mail needs gratitude, not an apology). */
    empathy: Type.Optional(LevelVariants),
    facts: LevelVariants,
    nextStep: LevelVariants,
    /** Business days until the promised next contact: the date written into nextStep as {{promiseDate}}. */
    promiseBusinessDays: Type.Integer({ minimum: 0, maximum: 20 }),
    placeholders: Type.Optional(Placeholders),
  },
  { additionalProperties: false },
);
export type ScenarioTemplate = Static<typeof ScenarioTemplateSchema>;

export const DRAFT_KINDS = ['reminder-1', 'reminder-2', 'closing-notice', 'revision-batching', 'ask-for-date'] as const;
export const DraftKind = Type.Enum(DRAFT_KINDS, {
  title: 'DraftKind',
  description:
    'reminder-1 / reminder-2 (前日) / closing-notice: お客様からの返信が途絶えたときの催促とクローズ連絡; ' +
    'revision-batching: 修正依頼をまとめていただくお願い; ask-for-date: 「進捗いかがでしょうか」の代わりに確認日を伺う',
});
export type DraftKind = Static<typeof DraftKind>;

export const KindTemplateSchema = Type.Object(
  {
    kind: DraftKind,
    label: Type.String({ minLength: 1, maxLength: 40 }),
    subject: Text,
    body: Type.String({ minLength: 1, maxLength: 4000 }),
    /**
     * The body when the draft is written before the event it reports (a closing notice prepared before
     * the close time): the same message in future forms, so it never says 「クローズいたしました」 too early.
     */
    bodyBeforeEvent: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    placeholders: Type.Optional(Placeholders),
  },
  { additionalProperties: false },
);
export type KindTemplate = Static<typeof KindTemplateSchema>;
