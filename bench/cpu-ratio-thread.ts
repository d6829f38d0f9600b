/**
 * A thread of bench/cpu-ratio.ts: one engine alone in its isolate; answers the CPU ms a chunk took.
 * cpu-ratio.ts copies this file into an earlier source tree to run that tree's engine.
 */
import { workerData } from 'node:worker_threads';
import { createAnalysisEngine } from '../src/analysis/analyze.js';
import { loadDictionaries } from '../src/analysis/lexicon/load.js';
import { tokenizerFor } from '../src/analysis/tokenizer/index.js';
import { buildKuromoji } from '../src/analysis/tokenizer/kuromoji.js';
import { loadDrafting } from '../src/drafting/drafting.js';
import { triage } from '../src/drafting/triage.js';
import type { BenchMail } from './corpus.js';

export type CpuRatioEngine = 'kuromoji' | 'ondo-tokenizer' | 'analyze' | 'triage';

async function load(): Promise<(mails: readonly BenchMail[]) => number> {
  const { engine } = workerData as { engine: CpuRatioEngine };
  const kuromoji = await buildKuromoji();
  const ondo = tokenizerFor('fast', kuromoji);
  const analysis = engine === 'analyze' || engine === 'triage' ? createAnalysisEngine(ondo, loadDictionaries()) : undefined;
  const drafting = engine === 'triage' ? loadDrafting(analysis!.dictionaries) : undefined;
  const now = new Date('2026-12-01T09:00:00+09:00');
  const processMail: (mail: BenchMail) => unknown =
    engine === 'triage'
      ? (mail) => triage(analysis!, drafting!, mail, now)
      : analysis
        ? (mail) => analysis.analyze(mail)
        : engine === 'kuromoji'
          ? (mail) => [kuromoji.tokenize(mail.subject), kuromoji.tokenize(mail.body)]
          : (mail) => [ondo.tokenize(mail.subject), ondo.tokenize(mail.body)];
  return (mails) => {
    const cpu = process.cpuUsage();
    for (const mail of mails) processMail(mail);
    const { user, system } = process.cpuUsage(cpu);
    return (user + system) / 1000;
  };
}

export default load();
