/**
 * Freshdesk back: the draft as a private note (POST /api/v2/tickets/{id}/notes, private: true,
 * HTML body → 201 with the note id); priority and tags, when switched on, through the ticket
 * update (tags are replaced there, so the current ones are read and kept).
 */
import type { TriageResult } from '../../drafting/triage-schema.js';
import { basicAuthorization, callOutbound, type OutboundOptions } from '../delivery.js';
import { routingTags, type DraftNote } from '../note.js';
import type { FreshdeskIntegration } from '../../config/integrations.js';
import type { NoteContext, NoteSink } from '../sink.js';

/** Freshdesk priorities: 1 low, 2 medium, 3 high, 4 urgent. */
const PRIORITY: Record<string, number> = { P1: 4, P2: 3, P3: 2, P4: 1 };

export function freshdeskNotes(integration: FreshdeskIntegration, options: OutboundOptions): NoteSink {
  const base = integration.baseUrl.replace(/\/+$/, '');
  // API key auth: the key as the user name, any password ("X" in Freshdesk's own examples).
  const headers = {
    authorization: basicAuthorization(integration.apiKey, 'X'),
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const ticketUrl = (ticketId: string) => `${base}/api/v2/tickets/${encodeURIComponent(ticketId)}`;
  const needsUpdate = Boolean(integration.note?.setPriority || integration.note?.setTags);

  return {
    async postNote({ ticketId }: NoteContext, note: DraftNote) {
      const { json } = await callOutbound(
        integration,
        'POST',
        `${ticketUrl(ticketId)}/notes`,
        { headers, body: JSON.stringify({ body: note.html, private: true }) },
        options,
      );
      const id = (json as { id?: number } | undefined)?.id;
      return { noteId: id !== undefined ? String(id) : `ticket-${ticketId}`, ticketUpdated: !needsUpdate };
    },

    async findNote({ ticketId }: NoteContext, marker: string) {
      const { json } = await callOutbound(integration, 'GET', `${ticketUrl(ticketId)}/conversations`, { headers }, options);
      const list = Array.isArray(json) ? (json as { id?: number; private?: boolean; body?: string; body_text?: string }[]) : [];
      const found = list.find((c) => c.private !== false && (c.body_text ?? c.body ?? '').includes(marker));
      return found?.id !== undefined ? String(found.id) : undefined;
    },

    async updateTicket({ ticketId }: NoteContext, result: TriageResult) {
      if (!needsUpdate) return;
      const update: Record<string, unknown> = {};
      if (integration.note?.setPriority) update.priority = PRIORITY[result.routing.priority];
      const tags = integration.note?.setTags ? routingTags(result) : [];
      if (tags.length > 0) {
        const { json } = await callOutbound(integration, 'GET', ticketUrl(ticketId), { headers }, options);
        const current = (json as { tags?: string[] } | undefined)?.tags ?? [];
        update.tags = [...new Set([...current, ...tags])];
      }
      if (Object.keys(update).length === 0) return;
      await callOutbound(integration, 'PUT', ticketUrl(ticketId), { headers, body: JSON.stringify(update) }, options);
    },
  };
}
