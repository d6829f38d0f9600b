/**
 * Redis records that make webhooks and notes idempotent: which HTTP deliveries were already
 * accepted (with a TTL covering the providers' retry windows), and for each (integration, ticket,
 * message) whether its note is being posted or was posted, with the note id.
 */
import type { RedisClient } from '../queue/connection.js';
import { sha256Hex } from './inbound.js';

export interface AcceptedDelivery {
  jobId: string;
  deliveryJobId: string;
}

export class DeliveryDedupe {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key(integrationKey: string, deliveryId: string): string {
    return `${this.prefix}:integrations:delivery:${sha256Hex(integrationKey, deliveryId).slice(0, 40)}`;
  }

  /** What the first acceptance of this delivery was answered with; undefined when it was not seen yet. */
  async seen(integrationKey: string, deliveryId: string): Promise<AcceptedDelivery | undefined> {
    const previous = await this.redis.get(this.key(integrationKey, deliveryId));
    return previous ? (JSON.parse(previous) as AcceptedDelivery) : undefined;
  }

  /**
   * Records an accepted delivery. Called only after its jobs are queued: a record written first
   * would outlive a Redis restart between the two and make the provider's retry look like a
   * duplicate of a delivery whose job was never queued.
   */
  async record(integrationKey: string, deliveryId: string, accepted: AcceptedDelivery): Promise<void> {
    await this.redis.set(this.key(integrationKey, deliveryId), JSON.stringify(accepted), 'EX', this.ttlSeconds);
  }
}

export interface NoteRecord {
  state: 'posting' | 'posted';
  noteId?: string;
  /** Priority and tags were set (when the integration asks for it). */
  ticketUpdated?: boolean;
  at: string;
}

export class NoteLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  /** The reference id printed in the note: the same message always gets the same one. */
  static marker(integrationKey: string, ticketId: string, messageKey: string): string {
    return `ondo-${sha256Hex(integrationKey, ticketId, messageKey).slice(0, 20)}`;
  }

  private key(marker: string): string {
    return `${this.prefix}:integrations:note:${marker}`;
  }

  async get(marker: string): Promise<NoteRecord | undefined> {
    const fields = await this.redis.hgetall(this.key(marker));
    if (!fields.state) return undefined;
    return {
      state: fields.state as NoteRecord['state'],
      ...(fields.noteId ? { noteId: fields.noteId } : {}),
      ...(fields.ticketUpdated === '1' ? { ticketUpdated: true } : {}),
      at: fields.at ?? '',
    };
  }

  /** Written before the helpdesk call: a later attempt that finds it looks for the note before posting again. */
  async posting(marker: string, now: Date): Promise<void> {
    await this.write(marker, { state: 'posting', at: now.toISOString() });
  }

  async posted(marker: string, noteId: string, now: Date, ticketUpdated = false): Promise<void> {
    await this.write(marker, { state: 'posted', noteId, at: now.toISOString(), ...(ticketUpdated ? { ticketUpdated: '1' } : {}) });
  }

  async ticketUpdated(marker: string): Promise<void> {
    await this.write(marker, { ticketUpdated: '1' });
  }

  private async write(marker: string, fields: Record<string, string>): Promise<void> {
    const key = this.key(marker);
    await this.redis.multi().hset(key, fields).expire(key, this.ttlSeconds).exec();
  }
}
