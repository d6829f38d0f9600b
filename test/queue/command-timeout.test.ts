/**
 * The producer's command timeout (the API's Redis connection) against the real Redis: it fails a
 * command Redis does not answer, and never one whose reply arrived while the event loop was busy —
 * under load, ioredis's own timeout failed those (timers run before the loop reads its sockets) and
 * a healthy Redis answered 503. The loop is blocked here far longer than the timeout on purpose; the
 * only timing assumed is that a local Redis answers within the timeout once the loop is free again.
 */
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisClient, type RedisClient } from '../../src/queue/connection.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const clients: RedisClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.quit().catch(() => client.disconnect());
});

async function producer(commandTimeout: number): Promise<RedisClient> {
  const client = createRedisClient(REDIS_URL, { commandTimeout, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  clients.push(client);
  if (client.status !== 'ready') await once(client, 'ready');
  return client;
}

/** Keeps the event loop busy, as a long synchronous task does. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('the command timeout of a producer connection', () => {
  it('delivers a reply that arrived while the event loop was blocked past the timeout', async () => {
    const client = await producer(200);
    const reply = client.get('ondo-test:command-timeout:absent');
    blockEventLoop(1_500);
    await expect(reply).resolves.toBeNull();
  });

  it('delivers every command of a pipeline sent before the loop was blocked', async () => {
    const client = await producer(200);
    const replies = client.pipeline().ping().get('ondo-test:command-timeout:absent').exec();
    blockEventLoop(1_500);
    await expect(replies).resolves.toEqual([
      [null, 'PONG'],
      [null, null],
    ]);
  });

  it('still fails a command Redis does not answer', async () => {
    const client = await producer(100);
    // WAIT for a replica this Redis does not have: the server holds the reply for 5 s.
    await expect(client.call('WAIT', 1, 5_000)).rejects.toThrow('Command timed out');
  });
});
