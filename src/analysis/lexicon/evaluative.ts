/**
 * The broad evaluative lexicon (dictionaries/evaluative/*.yaml): hundreds of common evaluative
 * lemmas in a compact shape — one line per word, grouped by weight — expanded into ordinary
 * lexicon entries, so they share the lemma automaton, negation, frames and example tests.
 */
import { createHash } from 'node:crypto';
import { Type, type Static } from 'typebox';
import { Polarity, type CategorizedEntry } from './schema.js';

/**
 * 「pattern | example that matches」 or 「pattern | example | example that must not match」; the
 * separator is a bar between spaces, so a pattern keeps its own alternatives: 価値 (は|が) ある.
 */
const SEPARATOR = ' | ';
const EntryLine = Type.String({ pattern: '^\\S.*? \\| \\S.*$', maxLength: 300 });

export const EvaluativeFileSchema = Type.Object(
  {
    category: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }),
    description: Type.Optional(Type.String()),
    groups: Type.Array(
      Type.Object(
        {
          /** Part of each entry id: eval.<group>.<hash of the pattern>. */
          name: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }),
          note: Type.String({ minLength: 1, maxLength: 300 }),
          weight: Type.Number({ minimum: 0, maximum: 100 }),
          polarity: Type.Optional(Polarity),
          /** Each word of the group is a complaint signal on its own (最低, 詐欺), not just negative. */
          complaint: Type.Optional(Type.Boolean()),
          entries: Type.Array(EntryLine, { minItems: 1 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type EvaluativeFile = Static<typeof EvaluativeFileSchema>;

/** Stable ids without romanising: the same pattern in the same group always gets the same id. */
function idOf(group: string, pattern: string): string {
  return `eval.${group}.${createHash('sha256').update(pattern).digest('hex').slice(0, 8)}`;
}

export function expandEvaluativeFile(file: EvaluativeFile, source: string): CategorizedEntry[] {
  return file.groups.flatMap((group) =>
    group.entries.map((line): CategorizedEntry => {
      const [pattern, match, noMatch] = line.split(SEPARATOR).map((part) => part.trim()) as [string, string, string?];
      return {
        id: idOf(group.name, pattern),
        pattern,
        match: 'lemma',
        weight: group.weight,
        polarity: group.polarity ?? 'affirmative',
        complaint: group.complaint,
        note: `${group.note}（${pattern}）`.slice(0, 300),
        examples: { match: [match], ...(noMatch ? { noMatch: [noMatch] } : {}) },
        category: file.category,
        source,
      };
    }),
  );
}
