import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ondo-sigint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The 120 labelled fixture mails, 30 times over with fresh ids: far more than a few seconds' work for one thread. */
function bigInput(): { path: string; ids: string[] } {
  const mails = readFileSync(join(ROOT, 'test/fixtures/emails.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { subject: string; body: string });
  const lines: string[] = [];
  for (let round = 0; round < 30; round++) {
    for (const [i, mail] of mails.entries()) lines.push(JSON.stringify({ id: `r${round}-${i}`, subject: mail.subject, body: mail.body }));
  }
  const path = join(dir, 'big.jsonl');
  writeFileSync(path, lines.join('\n'));
  return { path, ids: lines.map((l) => (JSON.parse(l) as { id: string }).id) };
}

function lineCount(path: string): number {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0;
}

describe('ondo batch on Ctrl-C', () => {
  it('stops cleanly, keeps every finished row in order and prints the summary', async () => {
    const { path, ids } = bigInput();
    const out = join(dir, 'out.jsonl');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'batch', path, '--out', out, '--threads', '1'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    while (lineCount(out) < 20) {
      if (child.exitCode !== null) throw new Error(`batch ended before it was interrupted:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGINT');
    const code = await exited;

    expect(code).toBe(130);
    expect(stderr).toContain('stopping after the mails in progress');
    const rows = readFileSync(out, 'utf8').split('\n');
    expect(rows.pop()).toBe(''); // the last row is complete
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.length).toBeLessThan(ids.length);
    expect(rows.map((r) => (JSON.parse(r) as { id: string }).id)).toEqual(ids.slice(0, rows.length));
    expect(stdout).toContain(`ondo batch: interrupted — ${rows.length} mails triaged and written to ${out}, 0 skipped`);
  }, 90_000);
});
