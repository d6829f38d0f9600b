/** POST /v1/triage request context and response, as TypeBox schemas. */
import { Type, type Static } from 'typebox';
import { ScenarioKind, ScenarioResult } from '../analysis/scenario-schema.js';
import { ToneLevel, ToneResult } from '../analysis/tone-schema.js';
import { Draft } from './draft-schema.js';
import { LintFinding } from './lint/index.js';
import { RoutingResult } from './routing.js';

export const TriageContext = {
  customerName: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 60,
      description: 'Customer family name without 様; read from the mail when omitted',
      examples: ['山田'],
    }),
  ),
  agentName: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'The agent signing the reply', examples: ['佐藤'] })),
  companyName: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'Shop or company name used in the reply', examples: ['〇〇ストア'] }),
  ),
  receivedAt: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'When the mail arrived (ISO 8601); default now. replyBy and the dates in the draft count from it',
      examples: ['2026-11-26T10:15:00+09:00'],
    }),
  ),
  /** The agent's choice of what the mail is about: the draft is re-composed for it (scenario.source becomes agent). */
  scenario: Type.Optional(ScenarioKind),
  /** The agent's choice of level for the draft and routing, when ondo read the tone wrong. */
  level: Type.Optional(ToneLevel),
  locale: Type.Optional(
    Type.Literal('ja-JP', { description: 'Business calendar: ja-JP = Japan time, Japanese public holidays, routing.yaml business hours' }),
  ),
};

export const Customer = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'Family name used in the salutation' })),
    nameSource: Type.Union([Type.Literal('given'), Type.Literal('mail'), Type.Literal('none')], {
      description: 'given: from customerName; mail: read from the mail (「山田です」, a sign-off line); none: 「お客様」 is used',
    }),
  },
  { title: 'Customer', additionalProperties: false },
);

export const TriageResult = Type.Object(
  {
    tone: ToneResult,
    scenario: ScenarioResult,
    routing: RoutingResult,
    customer: Customer,
    draft: Draft,
    lint: Type.Array(LintFinding, { description: "The reply linter's findings on the draft: empty for every draft ondo composes" }),
  },
  { title: 'TriageResult', additionalProperties: false },
);
export type TriageResult = Static<typeof TriageResult>;
