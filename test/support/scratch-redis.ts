/**
 * A Redis of a test's own, on another port, with an append-only file fsynced on every write in a
 * temporary folder (as docker-compose runs it), so it can be stopped, killed and started again
 * with its accepted jobs intact.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class ScratchRedis {
  private process?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'ondo-redis-'));
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept connections') && resolve());
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
  }

  /**
   * SIGTERM: Redis flushes its append-only file and exits, like `docker compose restart redis`.
   * SIGKILL: a crash; what was acknowledged is on disk already (appendfsync always).
   */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await once(child, 'exit');
  }

  async remove(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
