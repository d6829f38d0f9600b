/**
 * A benchmark thread: one tokenizer (kuromoji as shipped, or ondo's) alone in its own isolate,
 * timing each mail of the chunks it is sent. Alone, because ondo's lattice builder reuses
 * kuromoji's Viterbi code: run side by side in one isolate, the two feed that code different node
 * shapes and both slow down.
 */
import { workerData } from 'node:worker_threads';
import { tokenizerFor, type TokenizerEngine } from '../src/analysis/tokenizer/index.js';
import { buildKuromoji } from '../src/analysis/tokenizer/kuromoji.js';
import type { BenchMail } from './corpus.js';

export interface TokenizerThreadData {
  engine: TokenizerEngine;
}

async function load(): Promise<(mails: readonly BenchMail[]) => number[]> {
  const { engine } = workerData as TokenizerThreadData;
  const kuromoji = await buildKuromoji();
  const ondo = tokenizerFor('fast', kuromoji);
  const tokenize = engine === 'kuromoji' ? (text: string) => kuromoji.tokenize(text) : (text: string) => ondo.tokenize(text);
  return (mails) =>
    mails.map((mail) => {
      const t0 = performance.now();
      tokenize(mail.subject);
      tokenize(mail.body);
      return performance.now() - t0;
    });
}

export default load();
