/**
 * CPU-time ratios to raw kuromoji on the bench corpus, for a loaded machine: each engine alone in a
 * thread of its own, the engines taking turns on the whole corpus (nothing else of this process runs
 * during a turn, so the process's CPU time is the turn's), best of the rounds. `--before DIR` also runs
 * each engine from another source tree (a checkout of an earlier commit with node_modules linked), so a
 * change is measured before and after in the same run.
 * Run: npx tsx bench/cpu-ratio.ts [--mails 300] [--rounds 5] [--engines analyze,triage] [--before DIR]
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { buildCorpus, type BenchMail } from './corpus.js';

const { values } = parseArgs({
  options: {
    mails: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '5' },
    engines: { type: 'string', default: 'analyze' },
    before: { type: 'string' },
  },
});
const corpus = buildCorpus(Number(values.mails), 20240601);
const here = new URL('../', import.meta.url).href;
const threadFile = 'bench/cpu-ratio-thread.ts';
if (values.before) {
  mkdirSync(join(values.before, 'bench'), { recursive: true });
  copyFileSync(fileURLToPath(new URL(threadFile, here)), join(values.before, threadFile));
}
const trees = values.before ? [pathToFileURL(values.before.replace(/\/?$/u, '/')).href, here] : [here];
const engines = [
  { name: 'kuromoji', engine: 'kuromoji', root: here },
  ...values.engines
    .split(',')
    .flatMap((engine) => trees.map((root) => ({ name: root === here ? engine : `${engine} (before)`, engine, root }))),
];
const threads = engines.map(
  (workerData) =>
    new Piscina<readonly BenchMail[], number>({
      filename: fileURLToPath(new URL(threadFile, workerData.root)),
      workerData,
      minThreads: 1,
      maxThreads: 1,
      idleTimeout: Infinity,
    }),
);
for (const thread of threads) await thread.run(corpus.slice(0, 100));
const best = engines.map(() => Infinity);
for (let round = 0; round < Number(values.rounds); round++) {
  const line: string[] = [];
  for (const [i, thread] of threads.entries()) {
    const ms = await thread.run(corpus);
    best[i] = Math.min(best[i]!, ms);
    line.push(`${engines[i]!.name} ${ms.toFixed(0)}`);
  }
  console.log(`round ${round + 1}: ${line.join(', ')} ms CPU`);
}
console.log(`best of ${values.rounds} rounds, ${corpus.length} mails:`);
for (const [i, { name }] of engines.entries())
  console.log(
    `${name}: ${best[i]!.toFixed(0)} ms, ${(best[i]! / corpus.length).toFixed(3)} ms a mail, ${(best[0]! / best[i]!).toFixed(2)}× kuromoji`,
  );
await Promise.all(threads.map((thread) => thread.close()));
