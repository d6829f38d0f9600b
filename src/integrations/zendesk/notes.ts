/**
 * Zendesk back: the draft as an internal note (PUT /api/v2/tickets/{id}.json with a comment whose
 * public is false), optionally with priority and additional_tags in the same update; the latest
 * public comment read back for fetchComment (as it is: the delivery job reads it); earlier notes searched for ondo's reference id.
 */
import type { TriageResult } from '../../drafting/triage-schema.js';
import { basicAuthorization, callOutbound, type OutboundOptions } from '../delivery.js';
import { routingTags, type DraftNote } from '../note.js';
import type { ZendeskIntegration } from '../../config/integrations.js';
import type { FetchedMailSource, NoteContext, NoteSink } from '../sink.js';
import { OutboundError } from '../errors.js';

const PRIORITY: Record<string, string> = { P1: 'urgent', P2: 'high', P3: 'normal', P4: 'low' };

interface ZendeskComment {
  id: number;
  body?: string;
  plain_body?: string;
  html_body?: string;
  public?: boolean;
}

export function zendeskNotes(integration: ZendeskIntegration, options: OutboundOptions): NoteSink {
  const base = integration.baseUrl.replace(/\/+$/, '');
  // API token auth: "{email}/token:{api_token}" (developer.zendesk.com, API token authentication).
  const headers = {
    authorization: basicAuthorization(`${integration.email}/token`, integration.apiToken),
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const ticketUrl = (ticketId: string) => `${base}/api/v2/tickets/${encodeURIComponent(ticketId)}.json`;
  const commentsUrl = (ticketId: string) => `${base}/api/v2/tickets/${encodeURIComponent(ticketId)}/comments.json?sort_order=desc`;
  const comments = async (ticketId: string): Promise<ZendeskComment[]> => {
    const { json } = await callOutbound(integration, 'GET', commentsUrl(ticketId), { headers }, options);
    return ((json as { comments?: ZendeskComment[] } | undefined)?.comments ?? []).filter((c) => typeof c?.id === 'number');
  };

  return {
    async postNote({ ticketId }: NoteContext, note: DraftNote, result: TriageResult) {
      const ticket: Record<string, unknown> = { comment: { body: note.text, public: false } };
      const update = integration.note?.setPriority || integration.note?.setTags;
      if (integration.note?.setPriority) ticket.priority = PRIORITY[result.routing.priority];
      if (integration.note?.setTags) {
        const tags = routingTags(result);
        if (tags.length > 0) ticket.additional_tags = tags;
      }
      const { json } = await callOutbound(integration, 'PUT', ticketUrl(ticketId), { headers, body: JSON.stringify({ ticket }) }, options);
      const audit = (json as { audit?: { id?: number; events?: { id?: number; type?: string }[] } } | undefined)?.audit;
      const commentEvent = audit?.events?.find((e) => e.type === 'Comment');
      const noteId = commentEvent?.id ?? audit?.id;
      return { noteId: noteId !== undefined ? String(noteId) : `ticket-${ticketId}`, ticketUpdated: Boolean(update) };
    },

    async findNote({ ticketId }: NoteContext, marker: string) {
      const found = (await comments(ticketId)).find((c) => c.public === false && (c.plain_body ?? c.body ?? '').includes(marker));
      return found ? String(found.id) : undefined;
    },

    async fetchMessage({ ticketId }) {
      const [{ json }, list] = await Promise.all([
        callOutbound(integration, 'GET', ticketUrl(ticketId), { headers }, options),
        comments(ticketId),
      ]);
      const subject = (json as { ticket?: { subject?: string } } | undefined)?.ticket?.subject;
      const latest = list.find((c) => c.public !== false);
      if (!latest) throw new OutboundError('permanent', `ticket ${ticketId} has no public comment to triage`);
      const text = latest.plain_body ?? latest.body;
      // Read later, size first: converting or cleaning it here would run unchecked on the worker's event loop.
      const source: FetchedMailSource =
        text === undefined || text.trim() === ''
          ? { kind: 'html', subject, html: latest.html_body ?? '' }
          : { kind: 'text', subject, body: text, clean: true };
      return { messageKey: `comment-${latest.id}`, source };
    },
  };
}
