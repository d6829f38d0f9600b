/**
 * Redis Cluster failover with jobs flowing (issue 16 item 4), on a cluster of the file's own: three
 * masters with a replica each and a 1 s node timeout. The master holding the queue's slot is handed
 * to its replica (CLUSTER FAILOVER), then killed outright: no accepted mail is lost or drafted twice,
 * and while no master holds the slot the queue routes answer 503 problem+json, never 500.
 */
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import type { RunningDraftJobWorkers } from '../../src/queue/draft-job-workers.js';
import { startRedisCluster, type LocalRedisCluster } from '../support/redis-cluster.js';
import { CALM_MAIL, FURIOUS_MAIL, queueTestApp, queueTestConfig, testWorkers, waitUntil } from './support.js';

let cluster: LocalRedisCluster;
let config: Config;
let app: FastifyInstance;
let running: RunningDraftJobWorkers;
/** How often the worker completed each job: exactly once is the promise. */
const completed = new Map<string, number>();
/** Every job id the API accepted (202, or 200 for a replayed Idempotency-Key). */
const accepted = new Set<string>();

beforeAll(async () => {
  cluster = await startRedisCluster({ replicas: 1, nodeTimeoutMs: 1_000 });
  // Locks outlast the outage, so a job mid-draft when the master dies is not handed on as stalled.
  config = queueTestConfig('failover', { redisUrl: cluster.url, redisCluster: true, workerLockMs: 30_000 });
  app = await queueTestApp(config);
  running = await testWorkers(app, config, { queues: ['triage'] });
  running.workers[0]!.on('completed', (job) => completed.set(job.id!, (completed.get(job.id!) ?? 0) + 1));
}, 120_000);
afterAll(async () => {
  await running?.close(1_000);
  await app?.close();
  await cluster?.stop();
});

/** A control connection to one node (not through the cluster client: it must reach that node). */
async function onNode<T>(port: number, command: (node: Redis) => Promise<T>): Promise<T> {
  const node = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await node.connect();
    return await command(node);
  } finally {
    node.disconnect();
  }
}

/**
 * The ports of the master that holds the queue's slot and of its replica, as a live node sees them
 * once gossip has told it both (a replica that just attached or was just demoted may not be listed yet).
 */
async function queueSlotOwner(): Promise<{ master: number; replica: number }> {
  return waitUntil(() => queueSlotOwnerSeen(), "a live node to see the queue slot's master and its replica");
}

async function queueSlotOwnerSeen(): Promise<{ master: number; replica: number } | undefined> {
  const live = cluster.ports.filter((p) => p !== killed);
  return onNode(live[0]!, async (node) => {
    const slot = Number(await node.cluster('KEYSLOT', config.queuePrefix));
    const lines = String(await node.cluster('NODES'))
      .trim()
      .split('\n');
    const portOf = (line: string) => Number(line.split(' ')[1]!.split('@')[0]!.split(':')[1]);
    const master = lines.find((line) => {
      const [, , flags, , , , , , ...slots] = line.split(' ');
      return (
        flags!.includes('master') &&
        !flags!.includes('fail') &&
        slots.some((range) => {
          const [from, to = from] = range.split('-').map(Number);
          return from! <= slot && slot <= to!;
        })
      );
    });
    const replica = master && lines.find((line) => line.split(' ')[3] === master.split(' ')[0] && !line.includes('fail'));
    return master && replica ? { master: portOf(master), replica: portOf(replica) } : undefined;
  });
}
let killed: number | undefined;

const role = (port: number) => onNode(port, async (node) => /role:(\w+)/u.exec(await node.info('replication'))![1]);

/**
 * Waits until the replica's link to its master is up and it has applied all the master has written:
 * replication is asynchronous, so only then does a handover (or a crash) keep what the API accepted.
 * A cluster just started may still be in its first full sync under a loaded machine.
 */
async function replicaCaughtUp(master: number, replica: number): Promise<void> {
  const replication = (port: number) => onNode(port, (node) => node.info('replication'));
  const field = (info: string, name: string) => new RegExp(`${name}:(\\w+)`, 'u').exec(info)?.[1];
  await waitUntil(async () => {
    const [ofMaster, ofReplica] = [await replication(master), await replication(replica)];
    return (
      field(ofReplica, 'master_link_status') === 'up' &&
      Number(field(ofReplica, 'slave_repl_offset')) >= Number(field(ofMaster, 'master_repl_offset'))
    );
  }, 'the replica to catch up');
}

/** Posts mail n until the API accepts it: a 503 (problem+json) is retried with the same Idempotency-Key; anything else fails. */
async function enqueue(n: number, statuses: number[] = []): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/triage/jobs',
      payload: { ...CALM_MAIL, body: `${CALM_MAIL.body}\n注文番号: F-${n}` },
      headers: { 'idempotency-key': `failover-${n}` },
    });
    statuses.push(response.statusCode);
    if (response.statusCode === 202 || response.statusCode === 200) {
      const id = response.json().job.id as string;
      accepted.add(id);
      return id;
    }
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().type).toBe('urn:ondo:problem:queue-unavailable');
    if (Date.now() > deadline) throw new Error(`mail ${n} was refused for 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every accepted job completed exactly once, with one draft in review each. */
async function expectEachDraftedOnce(): Promise<void> {
  await waitUntil(() => [...accepted].every((id) => completed.has(id)), `all ${accepted.size} accepted jobs to complete`, 60_000);
  expect([...accepted].filter((id) => completed.get(id) !== 1)).toEqual([]);
  expect(completed.size).toBe(accepted.size);
  const reviews = (await app.inject({ method: 'GET', url: '/v1/reviews?limit=1' })).json();
  expect(reviews.total).toBe(accepted.size);
}

describe('the master holding the queue slot', () => {
  it('hands over to its replica (CLUSTER FAILOVER) while mails flow: every mail drafted once', async () => {
    const before = await queueSlotOwner();
    let handedOver = false;
    let afterHandover = 0;
    const statuses: number[] = [];
    const flow = (async () => {
      // Mails keep coming until ten more have been accepted after the new master took over.
      for (let n = 0; !handedOver || afterHandover < 10; n++) {
        await enqueue(n, statuses);
        if (handedOver) afterHandover++;
      }
    })();
    await waitUntil(() => accepted.size >= 10, 'ten mails accepted before the failover');
    await replicaCaughtUp(before.master, before.replica);
    await onNode(before.replica, (node) => node.cluster('FAILOVER'));
    await waitUntil(async () => (await role(before.replica)) === 'master', 'the replica to take over');
    handedOver = true;
    await flow;

    await waitUntil(async () => {
      const after = await queueSlotOwnerSeen();
      return after?.master === before.replica && after.replica === before.master;
    }, 'the old master to follow the new one');
    expect(statuses.filter((s) => s !== 202 && s !== 503)).toEqual([]);
    await expectEachDraftedOnce();
  });

  it('dies: 503 problem+json while no master holds the slot, recovery once the replica is promoted, no mail lost', async () => {
    const { master, replica } = await queueSlotOwner();
    // The replica waits for our word, so the outage lasts until the test has seen it.
    await onNode(replica, (node) => node.config('SET', 'cluster-replica-no-failover', 'yes'));
    for (let n = 10_000; n < 10_010; n++) await enqueue(n);
    // What the API accepted must have reached the replica before the crash.
    await replicaCaughtUp(master, replica);

    killed = master;
    await cluster.kill(master);
    const refused = await waitUntil(async () => {
      const response = await app.inject({ method: 'POST', url: '/v1/triage/jobs', payload: FURIOUS_MAIL });
      expect(response.statusCode, response.body).not.toBe(202);
      return response.statusCode === 503 ? response : undefined;
    }, 'the API to refuse queue requests');
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json().type).toBe('urn:ondo:problem:queue-unavailable');
    const listing = await app.inject({ method: 'GET', url: '/v1/reviews' });
    expect(listing.statusCode, listing.body).toBe(503);
    expect(listing.headers['content-type']).toContain('application/problem+json');
    // The synchronous endpoints do not need Redis.
    expect((await app.inject({ method: 'POST', url: '/v1/triage', payload: FURIOUS_MAIL })).statusCode).toBe(200);

    await onNode(replica, (node) => node.cluster('FAILOVER', 'FORCE'));
    const statuses: number[] = [];
    for (let n = 10_010; n < 10_020; n++) await enqueue(n, statuses);
    expect(statuses.filter((s) => s !== 202 && s !== 503)).toEqual([]);
    expect(await role(replica)).toBe('master');
    await expectEachDraftedOnce();
  });
});
