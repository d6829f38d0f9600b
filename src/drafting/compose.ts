/**
 * Composes a cushion-first reply from the manual (dictionaries/templates/): thanks and
 * acknowledgement, empathy that reflects the customer's concern, facts only behind a cushion,
 * a next step with a real date, and a closing matched to the level.
 */
import type { ScenarioResult } from '../analysis/scenario-schema.js';
import type { ToneResult } from '../analysis/tone-schema.js';
import type { BusinessCalendar } from './calendar.js';
import type { Draft } from './draft-schema.js';
import { fillTemplate, findPlaceholders } from './render.js';
import type { RoutingResult } from './routing.js';
import { forLevel, type Templates } from './templates.js';

export interface ReplyContext {
  tone: Pick<ToneResult, 'level' | 'evidence'>;
  scenarios: Pick<ScenarioResult, 'primary' | 'secondary'>;
  routing: Pick<RoutingResult, 'escalate' | 'replyByLabel'>;
  receivedAt: Date;
  calendar: BusinessCalendar;
  subject?: string;
  customerName?: string;
  agentName?: string;
  companyName?: string;
}

/** Sections in the order the manual asks for; a section left out is simply skipped. */
type SectionName = Draft['sections'][number]['name'];

export function composeReply(context: ReplyContext, templates: Templates): Draft {
  const { tone, scenarios, routing, calendar } = context;
  const level = tone.level;
  const scenario = templates.scenarios.get(scenarios.primary)!;
  const promise = calendar.addBusinessDays(context.receivedAt, scenario.promiseBusinessDays);
  const values: Record<string, string | undefined> = {
    customerName: context.customerName,
    companyName: context.companyName ?? '【会社名】',
    agentName: context.agentName ?? '【担当者名】',
    concern: scenario.concern,
    topic: scenario.topic,
    promiseDate: calendar.formatDate(promise),
    replyBy: routing.replyByLabel,
  };
  const { common } = templates;
  const isFollowUp =
    scenarios.primary === 'no-reply-followup' ||
    scenarios.secondary.includes('no-reply-followup') ||
    tone.evidence.some((e) => e.category === 'repeated-contact');
  const secondary = scenarios.secondary
    .filter((kind) => kind !== 'other' && kind !== 'no-reply-followup')
    .slice(0, 2)
    .map((kind) => templates.scenarios.get(kind)!);

  const paragraphs: Array<[SectionName, string | undefined]> = [
    ['salutation', context.customerName ? common.salutation.named : common.salutation.anonymous],
    ['intro', common.intro],
    ['followUpApology', isFollowUp ? common.followUpApology : undefined],
    ['thanks', forLevel(common.thanks, level)],
    ['empathy', forLevel(scenario.empathy ?? common.empathy, level)],
    ['facts', forLevel(scenario.facts, level)],
    ...secondary.map((s): [SectionName, string] => ['alsoMention', fillTemplate(common.alsoMention, { topic: s.topic })]),
    ['nextStep', forLevel(scenario.nextStep, level)],
    ['escalated', routing.escalate ? common.escalated : undefined],
    ['closing', forLevel(common.closing, level)],
    ['signature', common.signature],
  ];
  // A blank line after the salutation and before the signature, as Japanese business mail is laid out.
  const blankLineAfter = new Set<SectionName>(['salutation', 'closing']);
  let text = '';
  const sections: Draft['sections'] = [];
  for (const [name, template] of paragraphs) {
    if (template === undefined) continue;
    const start = text.length;
    text += fillTemplate(template, values).trim();
    sections.push({ name, start, end: text.length });
    text += blankLineAfter.has(name) ? '\n\n' : '\n';
  }
  text = text.trimEnd();
  return {
    kind: 'reply',
    scenario: scenarios.primary,
    level,
    subject: replySubject(context.subject, scenario.label),
    ...placeholdersOf(text),
    sections,
    text,
    promiseDate: calendar.formatIso(promise),
  };
}

/** 「Re: 元の件名」 without stacking Re: prefixes; the scenario label when the mail had no subject. */
export function replySubject(subject: string | undefined, fallback: string): string {
  const original = subject?.replace(/^(\s*(re|fw|fwd)(\[\d+\])?\s*[:：]\s*)+/i, '').trim();
  return `Re: ${original || fallback}`;
}

export function placeholdersOf(text: string): Pick<Draft, 'placeholders' | 'placeholderSpans'> {
  const placeholderSpans = findPlaceholders(text);
  return { placeholders: [...new Set(placeholderSpans.map((p) => p.name))], placeholderSpans };
}
