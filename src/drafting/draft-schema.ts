/** A reply draft as a TypeBox schema: the composer's output, the API's response and its documentation. */
import { Type, type Static } from 'typebox';
import { ScenarioKind } from '../analysis/scenario-schema.js';
import { ToneLevel } from '../analysis/tone-schema.js';
import { DraftKind } from './template-schema.js';

const Span = (description: string) =>
  Type.Object(
    {
      name: Type.String({ description }),
      start: Type.Integer({ minimum: 0, description: '0-based UTF-16 offset into text (inclusive)' }),
      end: Type.Integer({ minimum: 0, description: '0-based UTF-16 offset into text (exclusive)' }),
    },
    { additionalProperties: false },
  );

export const Draft = Type.Object(
  {
    kind: Type.Union([Type.Literal('reply'), DraftKind], {
      description: 'reply: an answer to the customer mail; otherwise a workflow draft',
    }),
    scenario: Type.Optional(ScenarioKind),
    level: Type.Optional(ToneLevel),
    subject: Type.String({ description: 'Subject line for the reply', examples: ['Re: 注文した商品が届きません'] }),
    text: Type.String({
      description: 'The draft, cushion first: thanks → empathy → cushioned facts → a dated next step → closing',
      examples: [
        '山田様\n\n〇〇ストア カスタマーサポートの佐藤でございます。\nこのたびはお問い合わせいただき、誠にありがとうございます。\n…',
      ],
    }),
    placeholders: Type.Array(Type.String(), {
      description: 'Facts the agent must fill in before sending, written as 【name】 in text; never invented by ondo',
      examples: [['注文番号']],
    }),
    placeholderSpans: Type.Array(Span('Placeholder name without the brackets'), { description: 'Where each 【placeholder】 is in text' }),
    sections: Type.Array(
      Span('salutation | intro | followUpApology | thanks | empathy | facts | alsoMention | nextStep | escalated | closing | signature'),
      {
        description: 'Which part of the manual each paragraph of text came from',
      },
    ),
    promiseDate: Type.Optional(
      Type.String({ description: 'The date promised in the next step (ISO 8601, Japan time)', examples: ['2026-11-27T18:00:00+09:00'] }),
    ),
  },
  { title: 'Draft', additionalProperties: false },
);
export type Draft = Static<typeof Draft>;
