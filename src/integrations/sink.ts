/** Where a draft goes back to: the helpdesk's private note API, or a signed callback. One per integration. */
import type { MailSource } from '../mail/index.js';
import type { TriageResult } from '../drafting/triage-schema.js';
import type { OutboundOptions } from './delivery.js';
import type { DraftNote } from './note.js';
import type { Integration } from '../config/integrations.js';

export interface PostedNote {
  noteId: string;
  /** Priority and tags were set in the same call. */
  ticketUpdated: boolean;
}

/** A comment as the helpdesk gave it: the delivery job checks its size, then the analysis pool converts and cleans it. */
export type FetchedMailSource = Extract<MailSource, { kind: 'text' | 'html' }>;

export interface FetchedMessage {
  /** The comment's own id: the message key of the note ledger and of the triage job. */
  messageKey: string;
  source: FetchedMailSource;
  requester?: string;
}

export interface NoteContext {
  /** The delivery's stable id (the callback's webhook-id). */
  deliveryId: string;
  integration: Integration;
  ticketId: string;
  messageKey: string;
}

export interface NoteSink {
  postNote(context: NoteContext, note: DraftNote, result: TriageResult): Promise<PostedNote>;
  /** Looks for a note carrying the marker (a previous attempt may have posted it and died before recording it). */
  findNote(context: NoteContext, marker: string): Promise<string | undefined>;
  /** Priority and tags, when the helpdesk needs a call of its own for them. */
  updateTicket?(context: NoteContext, result: TriageResult): Promise<void>;
  /** Reads the ticket's latest customer comment (Zendesk with fetchComment). */
  fetchMessage?(context: Omit<NoteContext, 'messageKey'>): Promise<FetchedMessage>;
}

export type NoteSinkFactory = (integration: Integration, options: OutboundOptions) => NoteSink;
