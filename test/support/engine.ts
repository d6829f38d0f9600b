/** One tokenizer and engine per test file (kuromoji takes ~1.5 s and ~360 MB to load). */
import { createAnalysisEngine, type AnalysisEngine } from '../../src/analysis/analyze.js';
import { loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { loadTokenizer, type Tokenizer } from '../../src/analysis/tokenizer/index.js';

let tokenizer: Promise<Tokenizer> | undefined;
let engine: Promise<AnalysisEngine> | undefined;

export function sharedTokenizer(): Promise<Tokenizer> {
  return (tokenizer ??= loadTokenizer());
}

export function sharedEngine(): Promise<AnalysisEngine> {
  return (engine ??= sharedTokenizer().then((t) => createAnalysisEngine(t, loadDictionaries())));
}
