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
    caseTitle: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'What the case is about', examples: ['ロゴデザインのご依頼'] })),
    lastContactAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'reminders/closing: when we last wrote to the customer — the message still unanswered (default: now)', examples: ['2026-11-20T15:00:00+09:00'] }),
    ),
    closeAfterDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'Close after this many days without contact (default from workflows.yaml)', examples: [7] })),
    revisionLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'revision-batching: revisions included (default from workflows.yaml)', examples: [3] })),
    proposedDate: Type.Optional(Type.String({ format: 'date', description: 'ask-for-date: the example date offered to the customer', examples: ['2026-12-02'] })),
    now: Type.Optional(Type.String({ format: 'date-time', description: 'The time the draft is written (default: now); fixes dates in tests and previews' })),
  },
  { additionalProperties: false },
);
export type KindDraftRequest = Static<typeof KindDraftRequest>;

export const FollowUpSchedule = Type.Object(
  {
    reminder1At: Type.String({ description: 'When reminder-1 is sent (ISO 8601, Japan time)' }),
    reminder2At: Type.String({ description: 'reminder-2: the business day before closing' }),
    closeAt: Type.String({ description: 'When the case closes and closing-notice is sent' }),
  },
  { additionalProperties: false, description: 'The follow-up schedule the reminder texts refer to' },
);
export type FollowUpSchedule = Static<typeof FollowUpSchedule>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reminder 1 now, reminder 2 on the business day before closing, closing at the close of business. */
export function followUpSchedule(lastContact: Date, closeAfterDays: number, now: Date, calendar: BusinessCalendar) {
  const closeAt = calendar.addBusinessDays(new Date(lastContact.getTime() + closeAfterDays * DAY_MS), 0);
  const reminder2At = calendar.nextBusinessDayBefore(closeAt);
  return { reminder1At: now, reminder2At: reminder2At < now ? now : reminder2At, closeAt };
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
  const values: Record<string, string | undefined> = {
    // Templates write 「{{customerName}}様」, which reads 「お客様」 when the name is unknown.
    customerName: request.customerName ?? 'お客',
    companyName: request.companyName ?? '【会社名】',
    agentName: request.agentName ?? '【担当者名】',
    caseTitle: request.caseTitle ?? '【案件名】',
    lastContactDate: calendar.formatDate(lastContact),
    closeAfterDays: String(closeAfterDays),
    closeDateTime: calendar.formatDateTime(schedule.closeAt),
    reminderDate: calendar.formatDate(schedule.reminder2At),
    revisionLimit: String(request.revisionLimit ?? config.revisions.limit),
    proposedDate: proposed,
  };
  const text = fillTemplate(template.body, values).trim();
  const draft: Draft = {
    kind,
    subject: fillTemplate(template.subject, values),
    text,
    ...placeholdersOf(text),
    sections: [],
  };
  const isFollowUp = kind === 'reminder-1' || kind === 'reminder-2' || kind === 'closing-notice';
  return isFollowUp
    ? {
        draft,
        schedule: {
          reminder1At: calendar.formatIso(schedule.reminder1At),
          reminder2At: calendar.formatIso(schedule.reminder2At),
          closeAt: calendar.formatIso(schedule.closeAt),
        },
      }
    : { draft };
}
