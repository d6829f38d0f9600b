/**
 * Owns the analysis engine: dictionaries are loaded (and validated) during start-up, so a broken
 * file stops the server; the tokenizer loads in the background, so /healthz answers while
 * /readyz reports 503 until it is ready.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createAnalysisEngine, type AnalysisEngine, type MailText } from '../../analysis/analyze.js';
import { loadDictionaries, type Dictionaries } from '../../analysis/lexicon/load.js';
import { loadTokenizer, type Tokenizer } from '../../analysis/tokenizer/index.js';
import type { ToneResult } from '../../analysis/tone-schema.js';
import { ProblemError } from '../problem.js';

export interface AnalysisService {
  readonly state: 'loading' | 'ready' | 'failed';
  readonly dictionaries: Dictionaries;
  /** Resolves when the tokenizer is loaded (rejects if it failed). */
  readonly ready: Promise<AnalysisEngine>;
  /** The engine, or a 503 not-ready problem while the tokenizer loads. */
  engine(): AnalysisEngine;
  analyze(mail: MailText): ToneResult;
}

declare module 'fastify' {
  interface FastifyInstance {
    analysis: AnalysisService;
  }
}

export interface AnalysisPluginOptions {
  dictionariesDir?: string;
  /** A tokenizer already loaded (tests share one per file; the pool passes its own). */
  tokenizer?: Tokenizer | Promise<Tokenizer>;
}

export default fp<AnalysisPluginOptions>(
  async function analysis(app: FastifyInstance, options) {
    const dictionaries = loadDictionaries(options.dictionariesDir);
    let state: AnalysisService['state'] = 'loading';
    let engine: AnalysisEngine | undefined;
    const startedAt = Date.now();
    const ready = Promise.resolve(options.tokenizer ?? loadTokenizer()).then(
      (tokenizer) => {
        engine = createAnalysisEngine(tokenizer, dictionaries);
        state = 'ready';
        app.log.info({ engine: tokenizer.engine, ms: Date.now() - startedAt, dictionaryVersion: dictionaries.version }, 'analysis engine ready');
        return engine;
      },
      (err: unknown) => {
        state = 'failed';
        app.log.error({ err }, 'tokenizer failed to load');
        throw err;
      },
    );
    ready.catch(() => {}); // observed through state and /readyz; never an unhandled rejection

    const service: AnalysisService = {
      get state() {
        return state;
      },
      get dictionaries() {
        return engine?.dictionaries ?? dictionaries;
      },
      ready,
      engine() {
        if (!engine) {
          throw new ProblemError('not-ready', 'The Japanese tokenizer is still loading (about 2 seconds after start-up); retry shortly.', {
            headers: { 'retry-after': '2' },
          });
        }
        return engine;
      },
      analyze: (mail) => service.engine().analyze(mail),
    };
    app.decorate('analysis', service);
  },
  { name: 'analysis' },
);
