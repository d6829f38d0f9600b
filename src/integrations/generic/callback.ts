/**
 * The signed callback: the draft POSTed as JSON to the integration's configured URL, signed the
 * Standard Webhooks way with the first callback secret. webhook-id is stable per message, so a
 * receiver that remembers ids gets each draft once even when ondo has to send it again.
 */
import type { TriageResult } from '../../drafting/triage-schema.js';
import { callOutbound, type OutboundOptions } from '../delivery.js';
import type { DraftNote } from '../note.js';
import type { Integration } from '../../config/integrations.js';
import { signStandardWebhook } from '../signature.js';
import type { NoteContext, NoteSink } from '../sink.js';

type CallbackIntegration = Extract<Integration, { callback: unknown }>;

export interface DraftCallbackBody {
  type: 'draft.created';
  integration: { provider: string; id: string; tenant?: string };
  ticket: { id: string };
  message: { key: string };
  note: { text: string; marker: string };
  triage: Pick<TriageResult, 'routing' | 'draft'> & {
    level: TriageResult['tone']['level'];
    reasons: TriageResult['tone']['reasons'];
    anger: number;
    urgency: number;
  };
}

export function callbackNotes(integration: CallbackIntegration, options: OutboundOptions & { now?: () => number }): NoteSink {
  return {
    async postNote(context: NoteContext, note: DraftNote, result: TriageResult) {
      const body: DraftCallbackBody = {
        type: 'draft.created',
        integration: { provider: integration.provider, id: integration.id, ...(integration.tenant ? { tenant: integration.tenant } : {}) },
        ticket: { id: context.ticketId },
        message: { key: context.messageKey },
        note: { text: note.text, marker: note.marker },
        triage: {
          level: result.tone.level,
          anger: result.tone.anger,
          urgency: result.tone.urgency,
          reasons: result.tone.reasons,
          routing: result.routing,
          draft: result.draft,
        },
      };
      const text = JSON.stringify(body);
      const timestamp = Math.floor((options.now?.() ?? Date.now()) / 1000);
      const id = note.marker;
      const { json } = await callOutbound(
        integration,
        'POST',
        integration.callback.url,
        {
          headers: {
            'content-type': 'application/json',
            'webhook-id': id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signStandardWebhook(integration.callback.secrets[0]!, id, timestamp, text),
          },
          body: text,
        },
        options,
      );
      const given = (json as { noteId?: unknown } | undefined)?.noteId;
      return { noteId: typeof given === 'string' || typeof given === 'number' ? String(given) : id, ticketUpdated: true };
    },
    // A callback cannot be searched; sending again with the same webhook-id is the receiver's to dedupe.
    async findNote() {
      return undefined;
    },
  };
}
