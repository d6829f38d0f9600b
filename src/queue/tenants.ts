/**
 * Tenants and the ids of what they store. Every stored id starts with its tenant's tag, so a
 * request is checked by its id alone and a listing filters ids without reading jobs. The rest of an
 * id is random, or an HMAC with the server's id secret when it must follow from its input (an
 * Idempotency-Key, a Message-ID, a helpdesk message): nobody without the secret can compute it.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { RedisClient } from './connection.js';

export { DEFAULT_TENANT } from '../config/integrations.js';

/** Who is asking: a tenant sees only its own; `all` (an admin key, or a server without keys) sees every tenant's. */
export interface TenantScope {
  tenant: string;
  all: boolean;
}

/**
 * What an id follows from; each is its own namespace, so a client's key can never name a webhook's
 * job. `feedback` is a helpdesk correction's key (feedback/store.ts).
 */
export type DerivedIdKind = 'key' | 'msg' | 'hook' | 'note' | 'feedback';

/**
 * A short tag for a tenant name. Not a secret (a tenant sees it in every id it gets): the part after
 * it is what cannot be guessed. Tenant names come from the operator's configuration, never a client.
 */
export function tenantTag(tenant: string): string {
  return `t${createHash('sha256').update(`ondo-tenant\0${tenant}`).digest('hex').slice(0, 12)}`;
}

/** The tag an id starts with ('' when it has none). */
export function tagOfId(id: string): string {
  const dash = id.indexOf('-');
  return dash > 0 ? id.slice(0, dash) : '';
}

/** Whether the scope may see the id: its own tenant's, or any for `all`. */
export function canSee(scope: TenantScope, id: string): boolean {
  return scope.all || tagOfId(id) === tenantTag(scope.tenant);
}

/** The tag a listing filters on; undefined lists every tenant's. */
export function listingTag(scope: TenantScope): string | undefined {
  return scope.all ? undefined : tenantTag(scope.tenant);
}

export class JobIds {
  constructor(private readonly secret: () => Promise<Buffer>) {}

  /** The same (tenant, kind, parts) always give the same id; without the secret nobody can compute it. */
  async derived(tenant: string, kind: DerivedIdKind, ...parts: string[]): Promise<string> {
    return `${tenantTag(tenant)}-${kind}-${(await this.keyed(tenant, kind, ...parts)).slice(0, 32)}`;
  }

  /** The HMAC behind derived(), in hex, for ids of another shape (a feedback record's `fb-…`). */
  async keyed(tenant: string, kind: DerivedIdKind, ...parts: string[]): Promise<string> {
    const hmac = createHmac('sha256', await this.secret());
    for (const part of [tenant, kind, ...parts]) hmac.update(part).update('\0');
    return hmac.digest('hex');
  }

  /** A fresh random id (no idempotency wanted). */
  random(tenant: string, kind: string): string {
    return `${tenantTag(tenant)}-${kind}-${randomUUID()}`;
  }
}

/**
 * The id secret: ID_SECRET when set; otherwise one random secret kept in Redis (SET NX), so every
 * API and worker process on the same Redis derives the same ids across restarts, which a secret
 * made up per process would not (a retried request would then make a second job).
 */
export function idSecret(redis: RedisClient, prefix: string, configured?: string): () => Promise<Buffer> {
  if (configured) {
    const fixed = Buffer.from(configured, 'utf8');
    return async () => fixed;
  }
  const key = `${prefix}:id-secret`;
  let cached: Promise<Buffer> | undefined;
  return () => {
    cached ??= (async () => {
      await redis.set(key, randomBytes(32).toString('hex'), 'NX');
      const stored = await redis.get(key);
      if (!stored) throw new Error('the id secret could not be read from Redis');
      return Buffer.from(stored, 'hex');
    })().catch((err: unknown) => {
      cached = undefined; // Redis was away: try again on the next call
      throw err;
    });
    return cached;
  };
}
