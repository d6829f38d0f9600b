/**
 * Corrections in Redis, per tenant, masked before they get here and kept FEEDBACK_RETENTION_DAYS.
 *
 * Keys (under the queue prefix): feedback:<tenant>:item:<id> (the JSON record, with a TTL) and
 * feedback:<tenant>:index (sorted set of ids by creation time), feedback:tenants (the tenants with
 * feedback, for /metrics). Index entries older than the retention are dropped on every write and
 * read, so the index never names an expired record for long.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../queue/connection.js';
import type { JobIds } from '../queue/tenants.js';
import { maskPersonalData } from './mask/mask.js';
import type { AgentLabel, FeedbackRecord, OndoVerdict } from './record.js';

export interface FeedbackInput {
  source: FeedbackRecord['source'];
  mail: { subject?: string; body: string };
  ondo: OndoVerdict;
  agent: AgentLabel;
  reviewId?: string;
  /** Makes the add idempotent: the same key in a tenant stores one record (a helpdesk retrying a webhook). */
  key?: string;
}

export interface FeedbackStoreOptions {
  prefix: string;
  retentionDays: number;
  /** Derives a keyed record's id with the server's id secret, as job ids are (queue/tenants.ts). */
  ids: JobIds;
  now?: () => Date;
}

/** The tenant of requests on a server without API keys (queue/tenants.ts). */
export { DEFAULT_TENANT } from '../queue/tenants.js';

const TENANT = /^[A-Za-z0-9_.-]{1,64}$/u;
const PAGE = 500;

/** A tenant name as a key segment: as it is when it is plain, else a hash of it (no ':' or '*' in keys). */
export function tenantSegment(tenant: string): string {
  return TENANT.test(tenant) ? tenant : `t-${createHash('sha256').update(tenant).digest('hex').slice(0, 16)}`;
}

export class FeedbackStore {
  private readonly now: () => Date;
  constructor(
    private readonly redis: RedisClient,
    private readonly options: FeedbackStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  private key(tenant: string, ...parts: string[]): string {
    return [this.options.prefix, 'feedback', tenantSegment(tenant), ...parts].join(':');
  }

  private get retentionMs(): number {
    return this.options.retentionDays * 86_400_000;
  }

  /** Masks the mail, then stores the correction; the unmasked text never reaches Redis. */
  async add(tenant: string, input: FeedbackInput): Promise<FeedbackRecord> {
    // A keyed id is an HMAC with the id secret: the same (tenant, key) finds its record again, and
    // nobody without the secret can compute another tenant's (or their own next) id.
    const id = input.key
      ? `fb-${(await this.options.ids.keyed(tenant, 'feedback', input.key)).slice(0, 24)}`
      : `fb-${randomBytes(12).toString('hex')}`;
    const existing = input.key ? await this.get(tenant, id) : undefined;
    if (existing) return existing;
    const subject = input.mail.subject ? maskPersonalData(input.mail.subject, 'subject') : undefined;
    const body = maskPersonalData(input.mail.body);
    const masked: FeedbackRecord['masked'] = { ...body.masked };
    for (const [kind, n] of Object.entries(subject?.masked ?? {})) masked[kind] = (masked[kind] ?? 0) + n;
    const createdAt = this.now();
    const record: FeedbackRecord = {
      id,
      createdAt: createdAt.toISOString(),
      source: input.source,
      mail: { ...(subject ? { subject: subject.text } : {}), body: body.text },
      masked,
      ondo: input.ondo,
      agent: input.agent,
      ...(input.reviewId ? { reviewId: input.reviewId } : {}),
    };
    await this.redis
      .multi()
      .set(this.key(tenant, 'item', record.id), JSON.stringify(record), 'PX', this.retentionMs)
      .zadd(this.key(tenant, 'index'), createdAt.getTime(), record.id)
      .pexpire(this.key(tenant, 'index'), this.retentionMs)
      .sadd(`${this.options.prefix}:feedback:tenants`, tenantSegment(tenant))
      .exec();
    await this.prune(tenant);
    return record;
  }

  private async prune(tenant: string): Promise<void> {
    await this.redis.zremrangebyscore(this.key(tenant, 'index'), '-inf', this.now().getTime() - this.retentionMs);
  }

  async count(tenant: string): Promise<number> {
    await this.prune(tenant);
    return this.redis.zcard(this.key(tenant, 'index'));
  }

  /** Newest first. */
  async list(tenant: string, limit: number, offset = 0): Promise<{ total: number; items: FeedbackRecord[] }> {
    const total = await this.count(tenant);
    const ids = await this.redis.zrevrange(this.key(tenant, 'index'), String(offset), String(offset + limit - 1));
    return { total, items: await this.read(tenant, ids) };
  }

  async get(tenant: string, id: string): Promise<FeedbackRecord | undefined> {
    return (await this.read(tenant, [id]))[0];
  }

  /** Every record, oldest first, a page at a time (for exports and the learn commands). */
  async *all(tenant: string): AsyncGenerator<FeedbackRecord> {
    await this.prune(tenant);
    for (let start = 0; ; start += PAGE) {
      const ids = await this.redis.zrange(this.key(tenant, 'index'), String(start), String(start + PAGE - 1));
      if (ids.length === 0) return;
      yield* await this.read(tenant, ids);
    }
  }

  async delete(tenant: string, id: string): Promise<boolean> {
    const [[, removed] = []] =
      (await this.redis
        .multi()
        .del(this.key(tenant, 'item', id))
        .zrem(this.key(tenant, 'index'), id)
        .exec()) ?? [];
    return Number(removed) > 0;
  }

  /** Deletes every correction of the tenant; returns how many there were. */
  async deleteAll(tenant: string): Promise<number> {
    let deleted = 0;
    for (;;) {
      const ids = await this.redis.zrange(this.key(tenant, 'index'), '0', String(PAGE - 1));
      if (ids.length === 0) break;
      await this.redis
        .multi()
        .unlink(...ids.map((id) => this.key(tenant, 'item', id)))
        .zrem(this.key(tenant, 'index'), ...ids)
        .exec();
      deleted += ids.length;
    }
    await this.redis.srem(`${this.options.prefix}:feedback:tenants`, tenantSegment(tenant));
    return deleted;
  }

  async tenants(): Promise<string[]> {
    return (await this.redis.smembers(`${this.options.prefix}:feedback:tenants`)).filter((t) => TENANT.test(t)).sort();
  }

  private async read(tenant: string, ids: string[]): Promise<FeedbackRecord[]> {
    if (ids.length === 0) return [];
    const docs = await this.redis.mget(...ids.map((id) => this.key(tenant, 'item', id)));
    return docs.flatMap((doc) => (doc ? [JSON.parse(doc) as FeedbackRecord] : []));
  }
}
