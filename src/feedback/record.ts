/** A team correction as TypeBox schemas: what clients send, what is stored (masked), what is listed and exported. */
import { Type, type Static } from 'typebox';
import { ScenarioKind } from '../analysis/scenario-schema.js';
import { ToneLevel } from '../analysis/tone-schema.js';

export const FeedbackSource = Type.Union(
  [Type.Literal('api'), Type.Literal('review'), Type.Literal('playground'), Type.Literal('helpdesk')],
  { title: 'FeedbackSource', description: 'Where the correction came from' },
);

/** What the agent says the mail really was. */
export const AgentLabel = Type.Object(
  {
    level: ToneLevel,
    politeButAnnoyed: Type.Optional(Type.Boolean({ description: 'Polite wording carrying a complaint (丁寧だが苛立ち)' })),
    scenario: Type.Optional(ScenarioKind),
  },
  { title: 'AgentLabel', additionalProperties: false, description: "The agent's reading of the mail" },
);
export type AgentLabel = Static<typeof AgentLabel>;

/** What ondo answered, from the response the client holds. */
export const OndoVerdict = Type.Object(
  {
    level: ToneLevel,
    politeButAnnoyed: Type.Optional(Type.Boolean()),
    scenario: Type.Optional(ScenarioKind),
    dictionaryVersion: Type.String({
      pattern: '^sha256:[0-9a-f]{16}$',
      description: 'dictionaryVersion of the answer being corrected',
      examples: ['sha256:3f2a9c0d1e4b5a67'],
    }),
  },
  { title: 'OndoVerdict', additionalProperties: false, description: "ondo's answer being corrected" },
);
export type OndoVerdict = Static<typeof OndoVerdict>;

export const MaskedCounts = Type.Object(
  Object.fromEntries(
    ['name', 'address', 'phone', 'email', 'url', 'order', 'account', 'card'].map((kind) => [
      kind,
      Type.Optional(Type.Integer({ minimum: 1 })),
    ]),
  ),
  {
    title: 'MaskedCounts',
    additionalProperties: false,
    description: 'How many values of each kind of personal data were masked before storing',
  },
);

export const FeedbackId = Type.String({
  title: 'FeedbackId',
  pattern: '^fb-[0-9a-f]{24}$',
  description: 'Feedback id',
  examples: ['fb-5f0c1a2b3c4d5e6f7a8b9c0d'],
});

export const FeedbackRecord = Type.Object(
  {
    id: FeedbackId,
    createdAt: Type.String({ format: 'date-time' }),
    source: FeedbackSource,
    mail: Type.Object(
      { subject: Type.Optional(Type.String()), body: Type.String() },
      {
        additionalProperties: false,
        description: 'The mail with personal data replaced by typed placeholders (〔氏名〕, 〔電話番号〕, …)',
      },
    ),
    masked: MaskedCounts,
    ondo: OndoVerdict,
    agent: AgentLabel,
    reviewId: Type.Optional(Type.String({ description: 'The review-queue draft the correction was given on' })),
  },
  { title: 'FeedbackRecord', additionalProperties: false, description: 'A stored correction' },
);
export type FeedbackRecord = Static<typeof FeedbackRecord>;

/** Agreement on the level is the headline: the scenario and the polite-but-annoyed flag are reported beside it. */
export function agrees(record: Pick<FeedbackRecord, 'ondo' | 'agent'>): boolean {
  return record.ondo.level === record.agent.level;
}
