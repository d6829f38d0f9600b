/**
 * A benchmark thread: one engine (kuromoji as shipped, ondo's tokenizer, or ondo's analyze) alone
 * in an isolate of its own, timing each mail of the chunks it is sent. Alone, because ondo's
 * lattice builder reuses kuromoji's Viterbi code: side by side in one isolate, the two feed that
 * code different node shapes and both slow down.
 */
import { workerData } from 'node:worker_threads';
import { createAnalysisEngine } from '../src/analysis/analyze.js';
import { loadDictionaries } from '../src/analysis/lexicon/load.js';
import { tokenizerFor } from '../src/analysis/tokenizer/index.js';
import { buildKuromoji } from '../src/analysis/tokenizer/kuromoji.js';
import type { BenchMail } from './corpus.js';

export type BenchThreadEngine = 'kuromoji' | 'ondo-tokenizer' | 'analyze';

export interface EngineThreadData {
  engine: BenchThreadEngine;
}

async function load(): Promise<(mails: readonly BenchMail[]) => number[]> {
  const { engine } = workerData as EngineThreadData;
  const kuromoji = await buildKuromoji();
  const ondo = tokenizerFor('fast', kuromoji);
  const analysis = engine === 'analyze' ? createAnalysisEngine(ondo, loadDictionaries()) : undefined;
  const processMail: (mail: BenchMail) => unknown = analysis
    ? (mail) => analysis.analyze(mail)
    : engine === 'kuromoji'
      ? (mail) => [kuromoji.tokenize(mail.subject), kuromoji.tokenize(mail.body)]
      : (mail) => [ondo.tokenize(mail.subject), ondo.tokenize(mail.body)];
  return (mails) =>
    mails.map((mail) => {
      const t0 = performance.now();
      processMail(mail);
      return performance.now() - t0;
    });
}

export default load();
