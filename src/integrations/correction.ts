/**
 * An agent's correction carried by a helpdesk ticket's tags (Zendesk drop-down fields and tags
 * alike): ondo-level:calm — or ondo-level_calm, ondo_level_calm, as a drop-down field writes its
 * tag — with ondo-scenario:<kind> and ondo-polite-annoyed beside it.
 */
import { SCENARIO_KINDS, type ScenarioKind } from '../analysis/scenario-schema.js';
import { TONE_LEVELS, type ToneLevel } from '../analysis/tone-schema.js';
import { WebhookPayloadError } from './errors.js';
import { providerText, sha256Hex, type InboundMessage } from './inbound.js';

export interface TicketCorrection {
  level: ToneLevel;
  politeButAnnoyed?: boolean;
  scenario?: ScenarioKind;
}

const LEVEL_TAG = /^ondo[-_]level[:_-]([a-z]+)$/u;
const SCENARIO_TAG = /^ondo[-_]scenario[:_-]([a-z_-]+)$/u;
const POLITE_TAG = /^ondo[-_]polite[-_]annoyed$/u;

/** The correction in a ticket's tags ({{ticket.tags}}: space- or comma-separated); a payload error when no one level is named. */
export function correctionFromTags(tags: string): TicketCorrection {
  const words = tags
    .toLowerCase()
    .split(/[\s,]+/u)
    .filter(Boolean);
  const levels = [
    ...new Set(words.flatMap((w) => LEVEL_TAG.exec(w)?.[1] ?? []).filter((l): l is ToneLevel => TONE_LEVELS.includes(l as ToneLevel))),
  ];
  if (levels.length !== 1)
    throw new WebhookPayloadError(
      `ondo_correction must name exactly one level tag (ondo-level:calm, …:concerned, …:angry or …:furious); found ${levels.length}`,
    );
  const scenario = words
    .map((w) => SCENARIO_TAG.exec(w)?.[1]?.replaceAll('_', '-'))
    .find((s): s is ScenarioKind => (SCENARIO_KINDS as readonly string[]).includes(s ?? ''));
  return {
    level: levels[0]!,
    ...(words.some((w) => POLITE_TAG.test(w)) ? { politeButAnnoyed: true } : {}),
    ...(scenario ? { scenario } : {}),
  };
}

/** The message of a correction trigger: the label from the tags, about the ticket's first message (the mail ondo triaged). */
export function correctionMessage(
  fields: { tags: string; subject?: string; text?: string; html?: boolean },
  ticketId: string,
  deliveryId: string,
): InboundMessage {
  const correction = correctionFromTags(fields.tags);
  const { text } = fields;
  if (text === undefined || text.trim() === '')
    throw new WebhookPayloadError('a correction needs the mail: send description ({{ticket.description}})');
  return {
    ticketId,
    messageKey: `correction-${correction.level}-${sha256Hex(text).slice(0, 24)}`,
    deliveryId,
    mail: providerText(fields.subject, fields.html ? undefined : text, fields.html ? text : undefined),
    correction,
  };
}
