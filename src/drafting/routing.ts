/** Routing: from a tone result and the time a mail arrived to a priority, an escalation decision and a reply-by deadline. */
import { LineCounter, parseDocument } from 'yaml';
import { Type, type Static } from 'typebox';
import { DictionaryError } from '../analysis/lexicon/errors.js';
import { locate, parseYaml, type YamlSource } from '../analysis/lexicon/yaml-file.js';
import { ToneLevel, type Evidence, type ToneResult } from '../analysis/tone-schema.js';
import { BusinessCalendarConfigSchema, calendarConfigProblems, type BusinessCalendar } from './calendar.js';
import type { CustomerDeadline, PromisePlan } from './customer-deadline.js';

export const Priority = Type.Union([Type.Literal('P1'), Type.Literal('P2'), Type.Literal('P3'), Type.Literal('P4')], {
  title: 'Priority',
  description: 'P1: 最優先（すぐ対応）/ P2: 優先 / P3: 通常 / P4: 低',
  examples: ['P2'],
});
export type Priority = Static<typeof Priority>;

const Sla = Type.Union([
  Type.Object(
    { businessHours: Type.Number({ exclusiveMinimum: 0, maximum: 200, description: 'Business hours to the deadline' }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      businessDays: Type.Integer({
        minimum: 0,
        maximum: 30,
        description: 'Deadline is the close of this many business days later',
      }),
    },
    { additionalProperties: false },
  ),
]);

const LevelRouting = Type.Object(
  {
    priority: Priority,
    /** Used instead of priority when the tone's urgency reaches urgentAt. */
    urgentPriority: Type.Optional(Priority),
    sla: Sla,
  },
  { additionalProperties: false },
);

/** A Japanese sentence for the agent; {terms} becomes the matched words: 「弁護士」「訴訟」. */
const ReasonTemplate = Type.String({ minLength: 1, maxLength: 200 });

export const RoutingConfigSchema = Type.Object(
  {
    calendar: BusinessCalendarConfigSchema,
    /** Urgency (0–100) from which a level's urgentPriority applies. */
    urgentAt: Type.Integer({ minimum: 0, maximum: 100 }),
    levels: Type.Object(
      { calm: LevelRouting, concerned: LevelRouting, angry: LevelRouting, furious: LevelRouting },
      { additionalProperties: false },
    ),
    escalation: Type.Object(
      {
        /** Levels that always go to a supervisor, with the reason shown. */
        levels: Type.Object(
          {
            calm: Type.Optional(ReasonTemplate),
            concerned: Type.Optional(ReasonTemplate),
            angry: Type.Optional(ReasonTemplate),
            furious: Type.Optional(ReasonTemplate),
          },
          { additionalProperties: false },
        ),
        /** Evidence categories (tone/*.yaml `category`) any match of which escalates. */
        categories: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), ReasonTemplate),
        /** Evidence whose entry id starts with one of a rule's prefixes escalates with that rule's reason (legal, consumer centre). */
        entryIds: Type.Array(
          Type.Object(
            {
              prefixes: Type.Array(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]*$', maxLength: 80 }), {
                minItems: 1,
                maxItems: 100,
              }),
              reason: ReasonTemplate,
            },
            { additionalProperties: false },
          ),
          { maxItems: 50 },
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type RoutingConfig = Static<typeof RoutingConfigSchema>;

export const RoutingResult = Type.Object(
  {
    priority: Priority,
    escalate: Type.Boolean({ description: 'A supervisor should own this case (責任者対応)', examples: [true] }),
    escalateReasons: Type.Array(Type.String(), {
      description: 'Why the case is escalated, in Japanese; empty when escalate is false',
      examples: [['警察・法的手段への言及「弁護士」があります。法務と連携し、責任者が対応してください。']],
    }),
    replyBy: Type.String({
      format: 'date-time',
      description: 'Reply deadline from the SLA of the level, in business time, with the calendar offset',
      examples: ['2026-11-26T10:30:00+09:00'],
    }),
    replyByLabel: Type.String({ description: 'The deadline as an agent reads it', examples: ['11月26日（木）10:30まで'] }),
    customerDeadline: Type.Optional(
      Type.Object(
        {
          text: Type.String({ description: "The customer's words for it", examples: ['本日15時の集荷まで'] }),
          at: Type.Optional(
            Type.String({
              format: 'date-time',
              description: 'The latest moment the customer can use the answer; absent for an occasion the mail gives no date for',
            }),
          ),
          label: Type.String({ examples: ['12月4日（金）15時の集荷'] }),
          atRisk: Type.Boolean({ description: 'Business hours leave no time before it: priority is P1 and reason says why' }),
          reason: Type.Optional(
            Type.String({ examples: ['お客様の期限に間に合わない恐れがあります（12月4日（金）15時の集荷）。すぐに対応してください。'] }),
          ),
        },
        {
          additionalProperties: false,
          description: 'A deadline stated in the mail: replyBy and the promise come before it, or the case is P1',
        },
      ),
    ),
    sla: Type.Object(
      {
        level: ToneLevel,
        businessHours: Type.Optional(Type.Number({ description: 'Business hours allowed for this level', examples: [4] })),
        businessDays: Type.Optional(Type.Integer({ description: 'Business days allowed for this level', examples: [1] })),
      },
      { additionalProperties: false, description: 'The SLA the deadline was computed from' },
    ),
  },
  { title: 'Routing', additionalProperties: false },
);
export type RoutingResult = Static<typeof RoutingResult>;

/** What routing reads from a tone result; a full ToneResult fits. */
export type RoutingInput = Pick<ToneResult, 'level' | 'urgency'> & {
  evidence: readonly Pick<Evidence, 'category' | 'entryId' | 'text'>[];
};

/** Validates routing.yaml: schema errors and calendar problems both name the file and the line. */
export function parseRoutingConfig(source: YamlSource): RoutingConfig {
  const config = parseYaml(source, RoutingConfigSchema);
  const problem = calendarConfigProblems(config.calendar)[0];
  if (problem) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(source.text, { lineCounter });
    const pointer = `/calendar${problem.pointer}`;
    const { line } = locate(doc, lineCounter, pointer);
    throw new DictionaryError(source.name, `${pointer}: ${problem.message}`, undefined, line);
  }
  return config;
}

export function route(tone: RoutingInput, receivedAt: Date, calendar: BusinessCalendar, config: RoutingConfig): RoutingResult {
  const rule = config.levels[tone.level];
  const priority = rule.urgentPriority && tone.urgency >= config.urgentAt ? rule.urgentPriority : rule.priority;
  const escalateReasons = escalationReasons(tone, config.escalation);
  const replyBy =
    'businessHours' in rule.sla
      ? calendar.addBusinessHours(receivedAt, rule.sla.businessHours)
      : calendar.addBusinessDays(receivedAt, rule.sla.businessDays);
  return {
    priority,
    escalate: escalateReasons.length > 0,
    escalateReasons,
    replyBy: calendar.formatIso(replyBy),
    replyByLabel: `${calendar.formatDateTime(replyBy)}まで`,
    sla: { level: tone.level, ...rule.sla },
  };
}

/**
 * Reasons in order: the level, then each entry-id rule, then each category. A category reason
 * quotes only words no entry-id rule has already explained, so 「弁護士」 is not given twice.
 */
function escalationReasons(tone: RoutingInput, rules: RoutingConfig['escalation']): string[] {
  const reasons: string[] = [];
  const levelReason = rules.levels[tone.level];
  if (levelReason) reasons.push(fillTerms(levelReason, []));
  const explained = new Set<(typeof tone.evidence)[number]>();
  for (const { prefixes, reason } of rules.entryIds) {
    const hits = tone.evidence.filter((e) => prefixes.some((prefix) => e.entryId.startsWith(prefix)));
    hits.forEach((e) => explained.add(e));
    if (hits.length > 0) reasons.push(fillTerms(reason, hits));
  }
  for (const [category, reason] of Object.entries(rules.categories)) {
    const hits = tone.evidence.filter((e) => e.category === category && !explained.has(e));
    if (hits.length > 0) reasons.push(fillTerms(reason, hits));
  }
  return reasons;
}

/** Same convention as the tone reasons: up to three distinct matched words, each in 「」. */
function fillTerms(template: string, evidence: readonly { text: string }[]): string {
  const terms = [...new Set(evidence.map((e) => e.text))].slice(0, 3);
  return template.replace('{terms}', terms.map((t) => `「${t}」`).join(''));
}

/**
 * The customer's deadline wins over the SLA: replyBy moves to the promise made before it; when
 * business hours leave no time, the case becomes P1 with a reason so a person acts now.
 */
export function meetCustomerDeadline(
  routing: RoutingResult,
  deadline: CustomerDeadline | undefined,
  promise: PromisePlan,
  calendar: BusinessCalendar,
): RoutingResult {
  if (!deadline) return routing;
  const replyBy = new Date(Math.min(Date.parse(routing.replyBy), promise.at.getTime()));
  // An occasion without a date (「卒業式の前日」) may be tomorrow: a person finds out now.
  const reason = !promise.atRisk
    ? undefined
    : deadline.at
      ? `お客様の期限に間に合わない恐れがあります（${deadline.label}）。すぐに対応してください。`
      : `お客様の期限に間に合わない恐れがあります（${deadline.label}、日付の記載なし）。日付を確かめ、すぐに対応してください。`;
  return {
    ...routing,
    priority: promise.atRisk ? 'P1' : routing.priority,
    replyBy: calendar.formatIso(replyBy),
    replyByLabel: `${calendar.formatDateTime(replyBy)}まで`,
    customerDeadline: {
      text: deadline.text,
      ...(deadline.at ? { at: calendar.formatIso(deadline.at) } : {}),
      label: deadline.label,
      atRisk: promise.atRisk,
      ...(reason ? { reason } : {}),
    },
  };
}
