/**
 * What the Docker image holds, without Docker: the runtime stage's COPY lines are replayed into a
 * temporary folder (a fresh build standing in for the build stage's dist/), and the API is
 * started there with `node dist/server.js` as the image starts it. A file the image forgets (the
 * dictionaries, the playground's assets) fails here instead of in a customer's deployment.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { imageEnvironment } from '../../bench/image-env.js';
import { startApi, type ApiProcess } from '../support/api-process.js';
import { startJobRunner } from '../support/job-runner-process.js';
import { deleteRedisPrefix } from '../support/redis-prefix.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const image = mkdtempSync(join(tmpdir(), 'ondo-image-'));
const built = mkdtempSync(join(tmpdir(), 'ondo-build-'));
let api: ApiProcess | undefined;
let stopRunner: ChildProcess | undefined;
/** One queue namespace for the API and the job runner of this test, removed afterwards. */
const queue = { QUEUE_PREFIX: `{image-layout-${process.pid}}` };

afterAll(async () => {
  stopRunner?.kill('SIGKILL');
  await api?.stop();
  await deleteRedisPrefix(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', queue.QUEUE_PREFIX);
  rmSync(image, { recursive: true, force: true });
  rmSync(built, { recursive: true, force: true });
});

/** The runtime stage's COPY lines as [source in the build context or build stage, destination]. */
function runtimeCopies(dockerfile: string): { from?: string; sources: string[]; destination: string }[] {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  return [...runtime.matchAll(/^COPY (?:--from=(\S+) )?(.+)$/gm)].map(([, from, args]) => {
    const parts = args!.trim().split(/\s+/);
    return { ...(from ? { from } : {}), sources: parts.slice(0, -1), destination: parts.at(-1)! };
  });
}

/** A path in the build stage (WORKDIR /app, `npm run build` into dist/) as a path on this machine. */
function fromBuildStage(path: string): string {
  const inApp = path.replace(/^\/app\//, '');
  return inApp === 'dist' || inApp.startsWith('dist/') ? join(built, inApp.slice('dist'.length)) : join(ROOT, inApp);
}

describe('the Docker image layout', () => {
  it(
    'serves the API, its dictionaries and the playground, and the job runner drafts a queued mail, from what the runtime stage copies',
    { timeout: 300_000 },
    async () => {
      // The build stage's `npm run build`: tsc, then the analysis thread bundled (scripts/bundle-entries.ts).
      // Without its type check, which `npm test` runs first (tsc --noEmit -p . covers src/): the emitted
      // files are byte for byte the same, and tsc takes a quarter less CPU (24 → 17 s user, session 18).
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', built, '--noCheck'],
        { cwd: ROOT },
      );
      execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/bundle-entries.ts'), built], { cwd: ROOT });
      const copies = runtimeCopies(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
      expect(copies.map((c) => c.destination)).toContain('./dist');
      for (const { from, sources, destination } of copies) {
        for (const source of sources) {
          const target = destination.endsWith('/') ? join(image, destination, source) : join(image, destination);
          cpSync(from ? fromBuildStage(source) : join(ROOT, source), target, { recursive: true });
        }
      }
      // `npm ci --omit=dev` in the image; this checkout's modules stand in for it.
      symlinkSync(join(ROOT, 'node_modules'), join(image, 'node_modules'), 'dir');
      // The bundled entries' own compiled modules removed: the API and the analysis below can only run
      // from the bundles, whose rewritten paths must find the dictionaries, the tokenizer and the
      // playground in the image's layout, and whose external packages (bullmq, bull-board, swagger-ui,
      // pino) must still find their own files.
      rmSync(join(image, 'dist/analysis-pool/analysis-thread.js'));
      rmSync(join(image, 'dist/start-api.js'));
      rmSync(join(image, 'dist/start-job-runner.js'));

      // The job runner, also from its bundle in the image's layout, starts beside the API (it drafts the mail queued below).
      const runner = startJobRunner({ builtIn: image, env: { ...imageEnvironment(), ...queue, ANALYSIS_THREADS: '1' }, stderr: 'pipe' });
      stopRunner = runner.child;
      await Promise.all([
        startApi({
          built: true,
          cwd: image,
          readyTimeoutMs: 120_000,
          env: { ...imageEnvironment(), ...queue, ANALYSIS_THREADS: '1', ADMIN_USER: 'lead', ADMIN_PASSWORD: 'image-layout-test-password' },
        }).then((started) => (api = started)),
        runner.ready,
      ]);
      if (!api) throw new Error('the API did not start');
      const page = await fetch(`${api.url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThan(0);
      for (const asset of assets) expect((await fetch(`${api.url}${asset}`)).status, asset).toBe(200);

      const analysed = await fetch(`${api.url}/v1/analyze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: '何度も問い合わせているのに返信がありません。' }),
      });
      expect(analysed.status).toBe(200);
      expect(((await analysed.json()) as { level: string }).level).toBe('angry');

      const docs = await fetch(`${api.url}/docs/`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui');
      const board = await fetch(`${api.url}/admin/queues`, {
        headers: { authorization: `Basic ${Buffer.from('lead:image-layout-test-password').toString('base64')}` },
      });
      expect(board.status).toBe(200);
      expect(await board.text()).toContain('<div id="root">');
      const queued = await fetch(`${api.url}/v1/triage/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: '注文した商品がまだ届きません。いつ届きますか。' }),
      });
      expect(queued.status).toBe(202);
      const { location } = (await queued.json()) as { location: string };
      let state = 'queued';
      for (let i = 0; i < 100 && state !== 'completed' && state !== 'failed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        state = ((await (await fetch(`${api.url}${location}`)).json()) as { state: string }).state;
      }
      expect(state).toBe('completed');
    },
  );
});
