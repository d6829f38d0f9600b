/**
 * One teardown for tests that run the whole stack: the job workers first (they hold jobs), then
 * the app, then the fake servers, then every Redis key under the test's prefix.
 */
import type { Config } from '../../src/config.js';
import { deleteRedisPrefix } from './redis-prefix.js';

interface Closable {
  close(): Promise<unknown>;
}

interface Stoppable {
  stop(): Promise<unknown>;
}

export interface Stack {
  deliveries?: Closable | undefined;
  workers?: Closable | undefined;
  app?: Closable | undefined;
  fakes?: Stoppable[];
}

export async function closeStack(
  config: Pick<Config, 'redisUrl' | 'queuePrefix'>,
  { deliveries, workers, app, fakes = [] }: Stack,
): Promise<void> {
  await deliveries?.close();
  await workers?.close();
  await app?.close();
  for (const fake of fakes) await fake.stop();
  await deleteRedisPrefix(config.redisUrl, config.queuePrefix);
}
