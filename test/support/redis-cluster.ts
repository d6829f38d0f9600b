/**
 * A real Redis Cluster of the test's own: three masters on free loopback ports (and, when asked,
 * replicas that a failover promotes), in a temporary folder, made with Debian's redis-server and
 * `redis-cli --cluster create`; removed (processes killed, folder deleted) by stop().
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import { freePort } from './api-process.js';

const run = promisify(execFile);

export interface LocalRedisCluster {
  /** Every node, comma-separated, as REDIS_URL takes it. */
  readonly url: string;
  readonly ports: readonly number[];
  /** SIGKILLs one node (a master's crash) and waits for its exit. */
  kill(port: number): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisClusterOptions {
  masters?: number;
  /** Replicas of each master (a failover needs one); 0 by default. */
  replicas?: number;
  /** How long a node may be silent before the others mark it failed (cluster-node-timeout). */
  nodeTimeoutMs?: number;
}

async function startNode(port: number, dir: string, nodeTimeoutMs: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      `nodes-${port}.conf`,
      '--cluster-node-timeout',
      String(nodeTimeoutMs),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server on port ${port} exited with ${code}`)));
  });
  return child;
}

export async function startRedisCluster({
  masters = 3,
  replicas = 0,
  nodeTimeoutMs = 5_000,
}: RedisClusterOptions = {}): Promise<LocalRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'ondo-cluster-'));
  const ports: number[] = [];
  while (ports.length < masters * (1 + replicas)) {
    const port = await freePort();
    // A node also listens on port + 10000 (the cluster bus): both must be free and distinct.
    if (port <= 55_000 && !ports.some((p) => Math.abs(p - port) === 10_000 || p === port)) ports.push(port);
  }
  const nodes: ChildProcess[] = [];
  const kill = async (node: ChildProcess) => {
    if (node.exitCode !== null || node.signalCode !== null) return;
    node.kill('SIGKILL');
    await once(node, 'exit');
  };
  const stop = async () => {
    await Promise.all(nodes.map(kill));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) nodes.push(await startNode(port, dir, nodeTimeoutMs));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ]);
    await waitForClusterOk(ports);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url: ports.map((p) => `redis://127.0.0.1:${p}`).join(','),
    ports,
    kill: (port) => kill(nodes[ports.indexOf(port)]!),
    stop,
  };
}

/** Slots are assigned at once, but every node must agree before clients see a stable cluster. */
async function waitForClusterOk(ports: readonly number[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(
      ports.map((p) =>
        run('redis-cli', ['-p', String(p), 'cluster', 'info']).then(
          (r) => r.stdout,
          () => '',
        ),
      ),
    );
    if (states.every((s) => s.includes('cluster_state:ok'))) break;
    if (Date.now() > deadline) throw new Error(`the local Redis Cluster did not reach cluster_state:ok within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // And a client must be able to write to every master's slots.
  const client = new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })));
  try {
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) await client.set(`ondo-cluster-probe-${key}`, '1', 'PX', 1000);
  } finally {
    client.disconnect();
  }
}
