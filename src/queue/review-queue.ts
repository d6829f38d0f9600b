/**
 * The review queue: finished drafts waiting for an agent, ordered by priority then replyBy. An
 * agent claims a draft with a lease (a Redis key set NX with an expiry, inside a Lua script, so two
 * agents never hold the same draft); approving or rejecting needs the lease's token; a lapsed
 * lease puts the draft back in front of the next agent.
 *
 * Keys (under the queue prefix): review:pending (sorted set of ids), review:pending:<tenant tag>
 * (the same, one tenant's: what its agents list and claim from), review:item:<id> (hash:
 * doc, status, claimedBy, decision), review:lease:<id> (the token, with a TTL). The scripts build
 * item and lease keys from the prefix: fine on Redis Cluster too, since the prefix is a hash tag and
 * every key of an installation shares one slot (src/queue/README.md).
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from './connection.js';
import type { Priority } from '../drafting/routing.js';
import { PRIORITY_RANK } from './priority.js';
import { QueueError } from './errors.js';
import { tagOfId } from './tenants.js';
import type { Lease, ReviewDecision, ReviewDraftInput, ReviewItem } from './review-schema.js';

/** Priority first, then the earlier deadline: rank × 10^13 + replyBy in ms (exact in a double until the year 2286). */
export function reviewScore(priority: Priority, replyBy: string): number {
  return PRIORITY_RANK[priority] * 1e13 + new Date(replyBy).getTime();
}

// KEYS: item, pending, the tenant's pending. ARGV: doc, score, id. A job that runs twice (a stalled worker) adds it once.
const ADD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'status', 'pending')
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
return 1`;

// KEYS: pending (every tenant's, or one tenant's). ARGV: item prefix, lease prefix, token, agent, lease ms, wanted id ('' = the first free one).
const CLAIM = `
local itemPrefix, leasePrefix, token, agent, ms, wanted = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6]
local function take(id)
  if redis.call('SET', leasePrefix .. id, token, 'NX', 'PX', ms) then
    redis.call('HSET', itemPrefix .. id, 'claimedBy', agent)
    return true
  end
  return false
end
if wanted ~= '' then
  local status = redis.call('HGET', itemPrefix .. wanted, 'status')
  if not status then return {'not-found'} end
  if status ~= 'pending' then return {'decided', status} end
  if redis.call('GET', leasePrefix .. wanted) == token then
    redis.call('PEXPIRE', leasePrefix .. wanted, ms)
    return {'claimed', wanted}
  end
  if take(wanted) then return {'claimed', wanted} end
  return {'taken', redis.call('HGET', itemPrefix .. wanted, 'claimedBy') or ''}
end
local start = 0
while true do
  local ids = redis.call('ZRANGE', KEYS[1], start, start + 99)
  if #ids == 0 then return {'empty'} end
  for _, id in ipairs(ids) do
    if take(id) then return {'claimed', id} end
  end
  start = start + 100
end`;

// KEYS: item, lease, pending, the tenant's pending. ARGV: token ('' = no lease needed), status, decision, id, keep seconds.
const DECIDE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'not-found' end
if status ~= 'pending' then return 'decided' end
if ARGV[1] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[1] then return 'lease-lost' end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'decision', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('ZREM', KEYS[3], ARGV[4])
redis.call('ZREM', KEYS[4], ARGV[4])
redis.call('DEL', KEYS[2])
return 'ok'`;

// KEYS: lease. ARGV: token.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type ScriptRunner = (keys: string[], args: (string | number)[]) => Promise<unknown>;

export interface ReviewQueueOptions {
  prefix: string;
  leaseMs: number;
  /** How long decided drafts stay readable. */
  keepDecidedSeconds: number;
  now?: () => Date;
}

export class ReviewQueue {
  private readonly scripts: Record<'add' | 'claim' | 'decide' | 'release', ScriptRunner>;
  private readonly now: () => Date;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: ReviewQueueOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    const define = (name: string, lua: string): ScriptRunner => {
      // ioredis runs a defined command with EVALSHA and falls back to EVAL after a Redis restart.
      const command = `ondoReview${name}`;
      if (!(command in redis)) redis.defineCommand(command, { lua });
      const run = (redis as unknown as Record<string, (n: number, ...args: (string | number)[]) => Promise<unknown>>)[command]!;
      return (keys, args) => run.call(redis, keys.length, ...keys, ...args);
    };
    this.scripts = {
      add: define('Add', ADD),
      claim: define('Claim', CLAIM),
      decide: define('Decide', DECIDE),
      release: define('Release', RELEASE),
    };
  }

  private key(...parts: string[]): string {
    return [this.options.prefix, 'review', ...parts].join(':');
  }

  /** Every tenant's waiting drafts, or (with a tag) one tenant's: the tenant is the tag its ids start with. */
  private pending(tag?: string): string {
    return tag === undefined ? this.key('pending') : this.key('pending', tag || 'untagged');
  }

  /** Adds a finished draft; false when it is already there (the job ran twice). */
  async add(draft: ReviewDraftInput): Promise<boolean> {
    const added = await this.scripts.add(
      [this.key('item', draft.id), this.pending(), this.pending(tagOfId(draft.id))],
      [JSON.stringify(draft), reviewScore(draft.priority, draft.replyBy), draft.id],
    );
    return added === 1;
  }

  /** Drafts waiting for an agent (claimed ones included), in the order agents should take them; one tenant's with its tag. */
  async list(limit: number, offset = 0, tag?: string): Promise<{ total: number; items: ReviewItem[] }> {
    const pending = this.pending(tag);
    const [total, ids] = await Promise.all([this.redis.zcard(pending), this.redis.zrange(pending, offset, String(offset + limit - 1))]);
    const items = await this.read(ids);
    return { total, items: items.filter((item): item is ReviewItem => item !== undefined) };
  }

  async get(id: string): Promise<ReviewItem | undefined> {
    return (await this.read([id]))[0];
  }

  /** Claims `id`, or the first unclaimed draft (of the tenant with that tag) when no id is given; undefined when none is free. */
  async claim(agent: string, id?: string, renewToken?: string, tag?: string): Promise<{ item: ReviewItem; lease: Lease } | undefined> {
    const token = renewToken ?? randomUUID();
    const [outcome, detail] = (await this.scripts.claim(
      [this.pending(tag)],
      [this.key('item', ''), this.key('lease', ''), token, agent, this.options.leaseMs, id ?? ''],
    )) as [string, string?];
    switch (outcome) {
      case 'empty':
        return undefined;
      case 'not-found':
        throw new QueueError('not-found', `No draft ${id} in the review queue.`);
      case 'decided':
        throw new QueueError('review-decided', `Draft ${id} is already ${detail}.`);
      case 'taken':
        throw new QueueError('review-claimed', `Draft ${id} is being reviewed by ${detail || 'another agent'}; its lease has not lapsed.`);
    }
    const item = await this.get(detail!);
    if (!item) throw new QueueError('not-found', `Draft ${detail} disappeared while it was claimed.`);
    return {
      item,
      lease: { token, agent, expiresAt: item.claim?.expiresAt ?? new Date(this.now().getTime() + this.options.leaseMs).toISOString() },
    };
  }

  async release(id: string, token: string): Promise<void> {
    const released = await this.scripts.release([this.key('lease', id)], [token]);
    if (released !== 1) await this.decisionFailed('lease-lost', id);
  }

  /** Approves or rejects a claimed draft; the lease token proves the claim. */
  async decide(id: string, token: string, decision: Omit<ReviewDecision, 'at'>): Promise<ReviewItem> {
    return this.close(id, token, { ...decision, at: this.now().toISOString() });
  }

  /** Takes a draft nobody has decided out of the queue (its case was answered); false when it was already decided. */
  async withdraw(id: string, reason: string): Promise<boolean> {
    try {
      await this.close(id, '', { status: 'withdrawn', reason, at: this.now().toISOString() });
      return true;
    } catch (err) {
      if (err instanceof QueueError) return false;
      throw err;
    }
  }

  private async close(id: string, token: string, decision: ReviewDecision): Promise<ReviewItem> {
    const outcome = await this.scripts.decide(
      [this.key('item', id), this.key('lease', id), this.pending(), this.pending(tagOfId(id))],
      [token, decision.status, JSON.stringify(decision), id, this.options.keepDecidedSeconds],
    );
    if (outcome !== 'ok') await this.decisionFailed(outcome as string, id);
    return (await this.get(id))!;
  }

  private async decisionFailed(outcome: string, id: string): Promise<never> {
    if (outcome === 'not-found') throw new QueueError('not-found', `No draft ${id} in the review queue.`);
    const item = await this.get(id);
    if (!item) throw new QueueError('not-found', `No draft ${id} in the review queue.`);
    if (item.decision) throw new QueueError('review-decided', `Draft ${id} is already ${item.decision.status}.`);
    throw new QueueError(
      'lease-lost',
      `The lease token does not hold draft ${id}: the lease lapsed or another agent claimed it. Claim it again.`,
    );
  }

  private async read(ids: readonly string[]): Promise<(ReviewItem | undefined)[]> {
    if (ids.length === 0) return [];
    // MULTI, not a pipeline: a decision between the two reads would show a decided draft's lease as gone and its status pending.
    const pipeline = this.redis.multi();
    for (const id of ids) {
      pipeline.hmget(this.key('item', id), 'doc', 'status', 'claimedBy', 'decision');
      pipeline.pttl(this.key('lease', id));
    }
    const replies = (await pipeline.exec()) ?? [];
    const now = this.now().getTime();
    return ids.map((_, i) => {
      const [err, fields] = replies[2 * i] ?? [];
      if (err) throw err;
      const [doc, status, claimedBy, decision] = fields as (string | null)[];
      if (!doc || !status) return undefined;
      const leaseMs = Number(replies[2 * i + 1]?.[1] ?? -2);
      const item: ReviewItem = { ...(JSON.parse(doc) as ReviewDraftInput), status: status as ReviewItem['status'] };
      if (status === 'pending' && leaseMs > 0) {
        item.status = 'claimed';
        item.claim = { agent: claimedBy ?? '', expiresAt: new Date(now + leaseMs).toISOString() };
      }
      if (decision) item.decision = JSON.parse(decision) as ReviewDecision;
      return item;
    });
  }
}
