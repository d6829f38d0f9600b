/** The shape of dictionaries/lint/*.yaml: rule settings in rules.yaml, phrase sets in the other files. */
import { EntryExamplesSchema } from '../../analysis/lexicon/schema.js';
import { Type, type Static, type TOptional } from 'typebox';
import { ToneLevel } from '../../analysis/tone-schema.js';
import { LintSeverity, ReplyKind } from './finding-schema.js';

/** The file that holds severities, messages and rewrite texts; every other lint/*.yaml holds phrase sets. */
export const LINT_RULES_FILE = 'lint/rules.yaml';

/** Phrase sets the rules read; each must be defined in exactly one lint/*.yaml file. */
export const PHRASE_SET_IDS = [
  'refusal',
  'negative-fact',
  'cushion-refusal',
  'cushion-request',
  'clause-start',
  'concessive-opening',
  'blame',
  'lecture',
  'complaint-lecture',
  'customer-act',
  'fault',
  'own-fault',
  'lecture-exception',
  'slip-excused',
  'command',
  'command-exception',
  'vague-timing',
  'concrete-date',
  'date-follow-up',
  'thanks',
  'empathy',
  'salutation',
  'greeting',
  'self-introduction',
  'reply-to-many',
  'reply-answers',
  'reply-notice',
  'reply-own-error',
  'reply-announces',
  'reply-discloses-error',
  'reply-rejoices',
  'reply-receipt',
  'reply-praise-thanks',
  'mail-review',
  'mail-praise',
  'mail-complaint',
  'mail-request',
  'casual',
  'formal',
] as const;
export type PhraseSetId = (typeof PHRASE_SET_IDS)[number];

const Bilingual = Type.Object(
  { ja: Type.String({ minLength: 1, maxLength: 400 }), en: Type.String({ minLength: 1, maxLength: 400 }) },
  { additionalProperties: false },
);

export const PhraseEntrySchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]*$', maxLength: 80 }),
    pattern: Type.String({ minLength: 1, maxLength: 400 }),
    match: Type.Optional(Type.Union([Type.Literal('literal'), Type.Literal('regex')])),
    notFollowedBy: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 30 })),
    notPrecededBy: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 30 })),
    rewrite: Type.Optional(Type.String({ maxLength: 200 })),
    cushion: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    note: Type.String({ minLength: 1, maxLength: 300 }),
    examples: Type.Optional(EntryExamplesSchema),
  },
  { additionalProperties: false },
);
export type PhraseEntry = Static<typeof PhraseEntrySchema>;

const PhraseSetSchema = Type.Object(
  { description: Type.String({ minLength: 1, maxLength: 300 }), entries: Type.Array(PhraseEntrySchema, { minItems: 1 }) },
  { additionalProperties: false },
);

export const PhraseFileSchema = Type.Object(
  {
    description: Type.Optional(Type.String()),
    sets: Type.Object(
      Object.fromEntries(PHRASE_SET_IDS.map((id) => [id, Type.Optional(PhraseSetSchema)])) as Record<
        PhraseSetId,
        TOptional<typeof PhraseSetSchema>
      >,
      { additionalProperties: false, minProperties: 1 },
    ),
  },
  { additionalProperties: false },
);
export type PhraseFile = Static<typeof PhraseFileSchema>;

const RuleSettingsSchema = Type.Object(
  {
    severity: LintSeverity,
    message: Bilingual,
    /** The cushion or line a rewrite inserts (bare-refusal, bare-command, no-thanks, no-empathy, refusal-first). */
    insert: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** refusal-first: the line inserted when the opening paragraph already thanks (an apology, not a second thank-you). */
    insertAfterThanks: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** no-empathy: the customer levels that require an apology or empathy. */
    levels: Type.Optional(Type.Array(ToneLevel, { minItems: 1, maxItems: 4 })),
    /** The kinds of message the rule applies to (default: every kind). */
    kinds: Type.Optional(Type.Array(ReplyKind, { minItems: 1, maxItems: 6 })),
    note: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
);
export type RuleSettings = Static<typeof RuleSettingsSchema>;

export const LintRulesFileSchema = Type.Object(
  {
    placeholders: Type.Object({ date: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
    /** The cushion a rewrite inserts after a clause that already concedes with 〜が／〜けど (no doubled 〜ですが). */
    cushionAfterConcession: Type.String({ minLength: 1, maxLength: 40 }),
    levelLabels: Type.Object(
      { calm: Bilingual, concerned: Bilingual, angry: Bilingual, furious: Bilingual },
      { additionalProperties: false },
    ),
    rules: Type.Object(
      {
        'bare-refusal': RuleSettingsSchema,
        blame: RuleSettingsSchema,
        'bare-command': RuleSettingsSchema,
        'vague-timing': RuleSettingsSchema,
        'no-empathy': RuleSettingsSchema,
        'no-thanks': RuleSettingsSchema,
        'refusal-first': RuleSettingsSchema,
        register: RuleSettingsSchema,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type LintRulesFile = Static<typeof LintRulesFileSchema>;
