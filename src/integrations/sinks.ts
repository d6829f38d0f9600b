/** Picks the note sink of an integration: Zendesk and Freshdesk post notes, the others call back. */
import type { OutboundOptions } from './delivery.js';
import { freshdeskNotes } from './freshdesk/notes.js';
import { callbackNotes } from './generic/callback.js';
import type { Integration } from '../config/integrations.js';
import type { NoteSink } from './sink.js';
import { zendeskNotes } from './zendesk/notes.js';

export function noteSinkFor(integration: Integration, options: OutboundOptions): NoteSink {
  switch (integration.provider) {
    case 'zendesk':
      return zendeskNotes(integration, options);
    case 'freshdesk':
      return freshdeskNotes(integration, options);
    default:
      return callbackNotes(integration, options);
  }
}
