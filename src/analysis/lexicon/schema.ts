/** The shape of the YAML files in dictionaries/: one TypeBox schema gives validation and types. */
import { Type, type Static } from 'typebox';

export const MatchMode = Type.Union([Type.Literal('lemma'), Type.Literal('surface'), Type.Literal('regex')], {
  description: 'lemma: dictionary forms of tokens; surface: tokens as written; regex: a JavaScript regex on the original text',
});

export const Polarity = Type.Union([Type.Literal('affirmative'), Type.Literal('negated'), Type.Literal('any')], {
  description: 'affirmative: cancelled by a following negator; negated: counts only when negated; any: negation does not matter',
});

/** Examples an entry carries: each runs through the real tokenizer (or linter) as a test. */
export const EntryExamplesSchema = Type.Object(
  {
    match: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    noMatch: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

export const LexiconEntrySchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]*$', maxLength: 80 }),
    // Room for a clause frame with gaps (条件 … 離れる行為 … 決意); a regex stays short.
    pattern: Type.String({ minLength: 1, maxLength: 400 }),
    match: MatchMode,
    weight: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    multiplier: Type.Optional(Type.Number({ minimum: 1, maximum: 3 })),
    polarity: Type.Optional(Polarity),
    notFollowedBy: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 20 })),
    standalone: Type.Optional(Type.Boolean()),
    complaint: Type.Optional(Type.Boolean()),
    /** This word alone is furious whatever its category (an insult, a plain-form ultimatum). */
    furious: Type.Optional(Type.Boolean()),
    note: Type.String({ minLength: 1, maxLength: 300 }),
    examples: Type.Optional(EntryExamplesSchema),
  },
  { additionalProperties: false },
);
export type LexiconEntry = Static<typeof LexiconEntrySchema>;

export const LexiconFileSchema = Type.Object(
  {
    category: Type.String({ pattern: '^[a-z][a-z0-9-]*(:[a-z0-9-]+)?$' }),
    description: Type.Optional(Type.String()),
    entries: Type.Array(LexiconEntrySchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type LexiconFile = Static<typeof LexiconFileSchema>;

/** An entry after loading: it knows its category and the file it came from. */
export interface CategorizedEntry extends LexiconEntry {
  category: string;
  source: string;
}
