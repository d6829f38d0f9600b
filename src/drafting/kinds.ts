/**
 * Workflow drafts from experienced sellers: reminders and a closing notice for a customer who has
 * gone silent, batching revision requests, and asking for a date instead of 「進捗いかがでしょうか」.
 */
import { Type, type Static } from 'typebox';
import type { BusinessCalendar } from './calendar.js';
import { placeholdersOf } from './compose.js';
import type { Draft } from './draft-schema.js';
import { fillTemplate } from './render.js';
import type { DraftKind } from './template-schema.js';
import type { Templates } from './templates.js';

export const WorkflowConfigSchema = Type.Object(
  {
    followUp: Type.Object({ closeAfterDays: Type.Integer({ minimum: 1, maximum: 90 }) }, { additionalProperties: false }),
    revisions: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 20 }) }, { additionalProperties: false }),
    askForDate: Type.Object({ proposeInBusinessDays: Type.Integer({ minimum: 1, maximum: 30 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type WorkflowConfig = Static<typeof WorkflowConfigSchema>;

export const KindDraftRequest = Type.Object(
  {
    customerName: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Family name without 様', examples: ['山田'] })),
    agentName: Type.Optional(Type.String({ minLength: 1, maxLength: 60, examples: ['佐藤'] })),
    companyName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, examples: ['〇〇デザイン事務所'] })),
    caseTitle: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'What the case is about', examples: ['ロゴデザインのご依頼'] }),
    ),
    lastContactAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'reminders/closing: when we last wrote to the customer — the message still unanswered (default: now)',
        examples: ['2026-11-20T15:00:00+09:00'],
      }),
    ),
    closeAfterDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 90,
        description: 'Close after this many days without contact (default from workflows.yaml)',
        examples: [7],
      }),
    ),
    revisionLimit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 20,
        description: 'revision-batching: revisions included (default from workflows.yaml)',
        examples: [3],
      }),
    ),
    proposedDate: Type.Optional(
      Type.String({ format: 'date', description: 'ask-for-date: the example date offered to the customer', examples: ['2026-12-02'] }),
    ),
    now: Type.Optional(
      Type.String({ format: 'date-time', description: 'The time the draft is written (default: now); fixes dates in tests and previews' }),
    ),
  },
  { title: 'WorkflowDraftRequest', additionalProperties: false },
);
export type KindDraftRequest = Static<typeof KindDraftRequest>;

export const FollowUpSchedule = Type.Object(
  {
    reminder1At: Type.String({
      description: 'When reminder-1 is sent (ISO 8601, Japan time): now, or the next opening when now is outside business hours',
    }),
    reminder2At: Type.String({ description: 'reminder-2: the business day before closing, at least two business days after reminder-1' }),
    closeAt: Type.String({ description: 'When the case closes and closing-notice is sent' }),
    shifts: Type.Optional(
      Type.Array(Type.String({ maxLength: 200 }), {
        description: 'Why a time moved from the plain rule (outside business hours, reminders too close together), for the agent',
        examples: [['reminder-1: 12月6日（日）は日曜日のため、12月7日（月）9:00に送ります']],
      }),
    ),
  },
  { title: 'FollowUpSchedule', additionalProperties: false, description: 'The follow-up schedule the reminder texts refer to' },
);
export type FollowUpSchedule = Static<typeof FollowUpSchedule>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Reminders closer than this read as pressure, not care. */
const MIN_BUSINESS_DAYS_BETWEEN_REMINDERS = 2;

export interface FollowUpTimes {
  reminder1At: Date;
  reminder2At: Date;
  closeAt: Date;
  /** Why a time moved, in the agent's words. */
  shifts: string[];
}

/**
 * Reminder 1 at the next business-hours moment, reminder 2 on the business day before closing and
 * closing at the close of business — but reminder 2 never less than two business days after reminder 1:
 * when the plain rule would bunch them, reminder 2 and the closing date move later, and `shifts` says so.
 */
export function followUpSchedule(lastContact: Date, closeAfterDays: number, now: Date, calendar: BusinessCalendar): FollowUpTimes {
  const shifts: string[] = [];
  const reminder1At = calendar.addBusinessHours(now, 0);
  if (reminder1At.getTime() !== now.getTime()) {
    const off = calendar.dayOffReason(now);
    const why = off ? `${calendar.formatDate(now)}は${off}` : `${calendar.formatDateTime(now)}は営業時間外`;
    shifts.push(`reminder-1: ${why}のため、${calendar.formatDateTime(reminder1At)}に送ります`);
  }
  let closeAt = plainCloseAt(lastContact, closeAfterDays, calendar);
  let reminder2At = calendar.nextBusinessDayBefore(closeAt);
  // Opening of the second business day after reminder 1's day.
  const earliest = calendar.nextBusinessDayBefore(
    new Date(calendar.addBusinessDays(reminder1At, MIN_BUSINESS_DAYS_BETWEEN_REMINDERS).getTime() + DAY_MS),
  );
  if (reminder2At < earliest) {
    reminder2At = earliest;
    closeAt = calendar.addBusinessDays(reminder2At, 1);
    shifts.push(
      `reminder-2: 1通目から${MIN_BUSINESS_DAYS_BETWEEN_REMINDERS}営業日あけるため${calendar.formatDateTime(reminder2At)}に送り、` +
        `クローズを${calendar.formatDateTime(closeAt)}に延ばします`,
    );
  }
  return { reminder1At, reminder2At, closeAt, shifts };
}

/** The close by the plain rule: the close of business once closeAfterDays have passed since our last message. */
function plainCloseAt(lastContact: Date, closeAfterDays: number, calendar: BusinessCalendar): Date {
  return calendar.addBusinessDays(new Date(lastContact.getTime() + closeAfterDays * DAY_MS), 0);
}

/** The schedule as the API shows it: ISO times, and the reasons only when something moved. */
export function describeSchedule(times: FollowUpTimes, calendar: BusinessCalendar): FollowUpSchedule {
  return {
    reminder1At: calendar.formatIso(times.reminder1At),
    reminder2At: calendar.formatIso(times.reminder2At),
    closeAt: calendar.formatIso(times.closeAt),
    ...(times.shifts.length > 0 && { shifts: times.shifts }),
  };
}

export function composeKind(
  kind: DraftKind,
  request: KindDraftRequest,
  templates: Templates,
  calendar: BusinessCalendar,
  config: WorkflowConfig,
): { draft: Draft; schedule?: FollowUpSchedule } {
  const template = templates.kinds.get(kind)!;
  const now = request.now ? new Date(request.now) : new Date();
  const lastContact = request.lastContactAt ? new Date(request.lastContactAt) : now;
  const closeAfterDays = request.closeAfterDays ?? config.followUp.closeAfterDays;
  const schedule = followUpSchedule(lastContact, closeAfterDays, now, calendar);
  const proposed = request.proposedDate
    ? calendar.formatDate(new Date(`${request.proposedDate}T12:00:00+09:00`))
    : calendar.formatDate(calendar.addBusinessDays(now, config.askForDate.proposeInBusinessDays));
  // A closing notice written once the close is due (the queue writes it then) reports the close as done,
  // at the moment it is written; written earlier, it announces the scheduled close in future forms.
  const closedAt = kind === 'closing-notice' && now >= plainCloseAt(lastContact, closeAfterDays, calendar) ? now : undefined;
  const values: Record<string, string | undefined> = {
    // Templates write 「{{customerName}}様」, which reads 「お客様」 when the name is unknown.
    customerName: request.customerName ?? 'お客',
    companyName: request.companyName ?? '【会社名】',
    agentName: request.agentName ?? '【担当者名】',
    caseTitle: request.caseTitle ?? '【案件名】',
    lastContactDate: calendar.formatDate(lastContact),
    closeAfterDays: String(closeAfterDays),
    closeDateTime: calendar.formatDateTime(closedAt ?? schedule.closeAt),
    reminderDate: calendar.formatDate(schedule.reminder2At),
    revisionLimit: String(request.revisionLimit ?? config.revisions.limit),
    proposedDate: proposed,
  };
  const beforeEvent = kind === 'closing-notice' && !closedAt;
  const text = fillTemplate((beforeEvent && template.bodyBeforeEvent) || template.body, values).trim();
  const draft: Draft = {
    kind,
    subject: fillTemplate(template.subject, values),
    text,
    ...placeholdersOf(text),
    sections: [],
  };
  const isFollowUp = kind === 'reminder-1' || kind === 'reminder-2' || kind === 'closing-notice';
  return isFollowUp ? { draft, schedule: describeSchedule(schedule, calendar) } : { draft };
}
