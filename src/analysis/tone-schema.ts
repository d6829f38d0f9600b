/**
 * The tone result as a TypeBox schema: the HTTP layer validates and documents responses with it,
 * the core takes its type from it, so the two never drift.
 */
import { Type, type Static } from 'typebox';
import { AggregateFields, MAX_EVIDENCE_ITEMS, MAX_REASONS, OmittedCount } from './evidence-summary.js';

export const ToneLevel = Type.Union([Type.Literal('calm'), Type.Literal('concerned'), Type.Literal('angry'), Type.Literal('furious')], {
  title: 'ToneLevel',
  description:
    'calm: 通常の問い合わせ / concerned: 困りごと・軽い不安 / angry: 不満・丁寧だが苛立ち（丁寧でも怒りとして扱う）/ furious: 明確な敵意・上席対応が必要な脅し',
  examples: ['angry'],
});
export type ToneLevel = Static<typeof ToneLevel>;
export const TONE_LEVELS: readonly ToneLevel[] = ['calm', 'concerned', 'angry', 'furious'];

export const MailField = Type.Union([Type.Literal('subject'), Type.Literal('body')], {
  title: 'MailField',
  description: 'Which part of the mail the offsets refer to.',
});

export const Reason = Type.Object(
  {
    code: Type.String({
      description: 'Stable reason code, e.g. polite-but-annoyed, escalation, negated',
      examples: ['polite-but-annoyed'],
    }),
    ja: Type.String({ description: 'Short explanation in Japanese for the agent' }),
    en: Type.String({ description: 'The same explanation in English' }),
  },
  { title: 'Reason', additionalProperties: false },
);

const Span = {
  entryId: Type.String({ description: 'Dictionary entry id', examples: ['polite.douiu-koto'] }),
  category: Type.String({ description: 'Dictionary category (anger, urgency, polite-annoyance, escalation, …)' }),
  field: MailField,
  text: Type.String({ description: 'The matched text exactly as it appears in the original field' }),
  start: Type.Integer({ minimum: 0, description: '0-based UTF-16 offset into the original field (inclusive)' }),
  end: Type.Integer({ minimum: 0, description: '0-based UTF-16 offset into the original field (exclusive)' }),
};

export const Evidence = Type.Object(
  {
    ...Span,
    weight: Type.Number({ description: 'The entry weight from the dictionary (0 for politeness markers and intensifiers)' }),
    multiplier: Type.Number({ description: 'Product of intensifiers in front of the match (本当に, 何度も, …)' }),
    contribution: Type.Number({
      description:
        'What these matches added before scaling: weight × multiplier × subject weight × repeat decay, summed over the occurrences. ' +
        "Negative for a learned word common in satisfied texts (category learned): it lowers the learned words' points and, beyond them, the anger within its level, never the level nor the manual's points",
    }),
    ...AggregateFields,
  },
  { title: 'Evidence', additionalProperties: false },
);
export type Evidence = Static<typeof Evidence>;

export const NotCounted = Type.Object(
  {
    ...Span,
    why: Type.Union(
      [
        Type.Literal('negated'),
        Type.Literal('context'),
        Type.Literal('no-complaint-nearby'),
        Type.Literal('hypothetical'),
        Type.Literal('resolved'),
        Type.Literal('contrast'),
        Type.Literal('quoted'),
        Type.Literal('self'),
        Type.Literal('degree'),
        Type.Literal('joking'),
        Type.Literal('other-party'),
        Type.Literal('accepted'),
      ],
      {
        description:
          "negated: 「怒っていません」; context: e.g. passive 「怒られた」; no-complaint-nearby: ！！ in a friendly mail; hypothetical: 「壊れても」; resolved: 「困っていましたが、落ち着きました」; contrast: 「高いけど美味しい」; quoted: words in 「」『』; self: the writer's own symptoms or mistakes (ひどい肩こり, 私の説明不足), or conduct they apologise for (イライラしてしまいすみませんでした); degree: a measure of what follows (腹が立つくらいうまい); joking: a sentence ending in laughter (足りなくなってきました笑) or saying it means praise (頭おかしい（褒め言葉）, いい意味で裏切られた); other-party: trouble with another provider (別の旅行会社で…ひどい旅でした), another person's past feeling (父は…怒っておりましたが), or how another person is (父が物忘れがひどく); accepted: what the writer calls natural (まだ届かなくて当然なのですが)",
      },
    ),
    ...AggregateFields,
  },
  { title: 'NotCounted', additionalProperties: false },
);
export type NotCounted = Static<typeof NotCounted>;

export const ToneResult = Type.Object(
  {
    level: ToneLevel,
    anger: Type.Integer({ minimum: 0, maximum: 100, description: 'Anger and dissatisfaction, 0–100', examples: [58] }),
    urgency: Type.Integer({ minimum: 0, maximum: 100, description: 'How soon the customer needs an answer, 0–100', examples: [64] }),
    politeButAnnoyed: Type.Boolean({
      description:
        'Business-polite wording that carries complaint signals. Such mails are lifted to at least angry: politeness never lowers the score.',
    }),
    reasons: Type.Array(Reason, { maxItems: MAX_REASONS, description: 'Why the mail got this level, most important first' }),
    evidence: Type.Array(Evidence, {
      maxItems: MAX_EVIDENCE_ITEMS,
      description: 'The dictionary matches that counted, in text order: each entry and matched text once, with its count and first spans',
    }),
    notCounted: Type.Array(NotCounted, {
      maxItems: MAX_EVIDENCE_ITEMS,
      description: 'Matches that were found but did not count, and why (aggregated likewise)',
    }),
    omitted: Type.Optional(
      Type.Object(
        { evidence: OmittedCount, notCounted: OmittedCount },
        { additionalProperties: false, description: 'Present when a list was cut at its bound' },
      ),
    ),
    dictionaryVersion: Type.String({
      description: 'Content hash of the dictionaries that produced this result',
      examples: ['sha256:3f2a9c0d1e4b5a67'],
    }),
  },
  { title: 'ToneResult', additionalProperties: false },
);
export type ToneResult = Static<typeof ToneResult>;
