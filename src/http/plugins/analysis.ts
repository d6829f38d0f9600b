/**
 * Owns the analysis: dictionaries and the drafting manual are loaded (and validated) during
 * start-up, so a broken file stops the server. Reading mail and analysis run in the analysis pool
 * (ANALYSIS_THREADS, default: the cores) or, with 0 threads or a tokenizer handed in, on the event
 * loop. Either loads in the background: /healthz answers at once, /readyz reports 503 until the
 * tokenizer is loaded or every thread of the pool is warm. A mail that takes longer to read than
 * MAIL_READ_BUDGET_MS answers 422; past ANALYSIS_MAX_BACKLOG waiting tasks, 503 with Retry-After.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AnalysisEngine } from '../../analysis/analyze.js';
import type { Dictionaries } from '../../analysis/lexicon/load.js';
import { parsedYamlCacheFile, recordParsedYamlCached } from '../../analysis/lexicon/parsed-yaml-cache.js';
import type { Tokenizer } from '../../analysis/tokenizer/index.js';
import type { ToneResult } from '../../analysis/tone-schema.js';
import { loadManual, type Drafting } from '../../drafting/drafting.js';
import type { TriageResult } from '../../drafting/triage-schema.js';
import type { MailMeasure } from '../../drafting/triage.js';
import { AnalysisBudgetError, AnalysisPoolBusyError, type ThreadMemory } from '../../analysis-pool/analysis-pool.js';
import {
  type AnalysisTask,
  type AnalysisTaskResult,
  type AnsweredTask,
  type JsonAnswer,
  type MailRef,
  type MailToRead,
  type ReplyLintRequest,
  type ReplyLintResult,
  type TriageContext,
  type WithReadMail,
} from '../../analysis-pool/analysis-tasks.js';
import { inlineAnalysis, openAnalysis, startAnalysisWithManual, type OpenAnalysis } from '../../analysis-pool/open-analysis.js';
import type { ReadMailSource } from '../../mail/index.js';
import { mailProblem } from '../mail-input.js';
import { ProblemError } from '../problem.js';

export interface AnalysisService {
  readonly state: 'loading' | 'ready' | 'failed';
  /** Where analysis runs: worker threads, or this thread's event loop. */
  readonly mode: 'pool' | 'inline';
  readonly dictionaries: Dictionaries;
  /** The drafting manual, from the same dictionaries snapshot. */
  readonly drafting: Drafting;
  /** Resolves when analysis can run (tokenizer loaded, or every pool thread warm); rejects if it failed. */
  readonly ready: Promise<void>;
  /** This thread's engine, inline only; a 503 not-ready problem while the tokenizer loads. */
  engine(): AnalysisEngine;
  /** Memory of each pool thread (empty inline). */
  threads(): Promise<ThreadMemory[]>;
  /**
   * Each call answers a mail that cannot be read (too large, undecodable, over the reading budget)
   * as a 413/422 problem, and a pool whose backlog is full as a 503 overloaded problem.
   */
  read(mail: MailToRead): Promise<ReadMailSource>;
  analyze(mail: MailRef): Promise<ToneResult & WithReadMail>;
  /** Tone and scenarios: what a queued job carries from intake to its draft. */
  measure(mail: MailRef): Promise<MailMeasure & WithReadMail>;
  triage(mail: MailRef, context?: TriageContext): Promise<TriageResult & WithReadMail>;
  /**
   * An analysis or triage as the response body, serialized where it ran (the route sends the bytes
   * as they are), with the facts to log.
   */
  answer(task: AnsweredTask): Promise<JsonAnswer>;
  /** Lints an agent's reply; a customer mail is analysed for its level first. */
  lint(request: ReplyLintRequest): Promise<ReplyLintResult>;
  /**
   * Reads the dictionaries again (SIGHUP). A broken edit is rejected with its DictionaryError and
   * the current version keeps serving; a good one is swapped in without dropping a request: in
   * pool mode a new pool is warmed first and the old one finishes its tasks before it closes.
   */
  reload(): Promise<{ dictionaryVersion: string; changed: boolean }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    analysis: AnalysisService;
  }
}

export interface AnalysisPluginOptions {
  dictionariesDir?: string;
  /** Where the dictionaries' parsed YAML is kept between starts (DICTIONARY_CACHE_DIR); absent: parsed every start. */
  dictionaryCacheDir?: string;
  /** Worker threads; 0 analyses on the event loop. */
  threads?: number;
  /** A tokenizer already loaded (tests share one per file): analysis then runs inline with it. */
  tokenizer?: Tokenizer | Promise<Tokenizer>;
  /** Pool only: waiting tasks beyond which a call answers 503 (default unbounded). */
  maxBacklog?: number;
  /** Pool only: the longest one mail may take to read, and one task in all. */
  mailReadBudgetMs?: number;
  taskBudgetMs?: number;
  /** Pool only: each thread's young and old generation caps in MB (0: V8's default). */
  youngGenerationMb?: number;
  oldGenerationMb?: number;
}

/** A busy pool: retry once the backlog has had time to drain (about one task per thread per 100 ms of work each). */
function overloaded(err: AnalysisPoolBusyError): ProblemError {
  return new ProblemError('overloaded', `${err.message}; retry shortly.`, { headers: { 'retry-after': '2' } });
}

const notReady = () =>
  new ProblemError('not-ready', 'The Japanese tokenizer is still loading (a few seconds after start-up); retry shortly.', {
    headers: { 'retry-after': '2' },
  });

export default fp<AnalysisPluginOptions>(
  async function analysis(app: FastifyInstance, options) {
    const mode = options.tokenizer || !options.threads ? 'inline' : 'pool';
    let state: AnalysisService['state'] = 'loading';
    let current: OpenAnalysis | undefined;
    const starting = new AbortController();
    const analysisOptions = {
      threads: mode === 'pool' ? options.threads! : 0,
      dictionariesDir: options.dictionariesDir,
      dictionaryCacheDir: options.dictionaryCacheDir,
      maxBacklog: options.maxBacklog,
      mailReadBudgetMs: options.mailReadBudgetMs,
      taskBudgetMs: options.taskBudgetMs,
      youngGenerationMb: options.youngGenerationMb,
      oldGenerationMb: options.oldGenerationMb,
    };
    const startedAt = Date.now();

    // As the job runner and `ondo batch` start: a broken manual throws here and the server does not
    // start; the threads (or the tokenizer) go on loading while /healthz already answers.
    const opening = await startAnalysisWithManual({ ...analysisOptions, tokenizer: options.tokenizer, signal: starting.signal });
    let { dictionaries, drafting } = opening;

    const load = async (): Promise<void> => {
      current = await opening.analysis;
      const { engine, pool } = current;
      if (engine) {
        app.log.info(
          { mode, engine: engine.tokenizer.engine, ms: Date.now() - startedAt, dictionaryVersion: dictionaries.version },
          'analysis engine ready',
        );
        return;
      }
      const threads = pool!.warm.map(({ threadId, loadMs, heapUsedMb, externalMb }) => ({
        threadId,
        loadMs: Math.round(loadMs),
        heapMb: Math.round(heapUsedMb),
        externalMb: Math.round(externalMb),
      }));
      app.log.info(
        { mode, threads, ms: Date.now() - startedAt, dictionaryVersion: dictionaries.version, parsedYamlCached: opening.parsedYamlCached },
        'analysis pool warm',
      );
    };
    const ready = load().then(
      () => {
        state = 'ready';
      },
      (err: unknown) => {
        state = 'failed';
        if (!starting.signal.aborted)
          app.log.error({ err }, mode === 'pool' ? 'analysis pool failed to start' : 'tokenizer failed to load');
        throw err;
      },
    );
    ready.catch(() => {}); // observed through state and /readyz; never an unhandled rejection

    app.addHook('onClose', async () => {
      if (mode === 'inline') return; // nothing of ours to end (a handed-in tokenizer may never load)
      starting.abort();
      await ready.catch(() => {});
      await current?.close();
    });

    const run = async <T extends AnalysisTask>(task: T): Promise<AnalysisTaskResult<T>> => {
      if (!current) throw notReady();
      try {
        return await current.runner.run(task);
      } catch (err) {
        if (err instanceof AnalysisPoolBusyError) throw overloaded(err);
        if (err instanceof AnalysisBudgetError) throw new ProblemError('analysis-too-long', `${err.message}; the thread was replaced.`);
        throw mailProblem(err);
      }
    };

    let reloading: Promise<{ dictionaryVersion: string; changed: boolean }> | undefined;
    const reload = async () => {
      await ready;
      // Throws on a broken edit: the current version keeps serving.
      const loaded = recordParsedYamlCached(
        () => loadManual(options.dictionariesDir),
        parsedYamlCacheFile(options.dictionaryCacheDir, options.dictionariesDir),
      );
      const { dictionaries: next, drafting: nextDrafting } = loaded.result;
      if (next.version === dictionaries.version) return { dictionaryVersion: next.version, changed: false };
      const { engine } = current!;
      if (engine) {
        engine.useDictionaries(next);
        current = inlineAnalysis(engine, nextDrafting);
      } else {
        const nextPool = await openAnalysis({ ...analysisOptions, parsedYaml: loaded.parsed });
        if (nextPool.dictionaryVersion !== next.version) {
          await nextPool.close();
          throw new Error('dictionaries changed again while the new threads loaded; send SIGHUP once more');
        }
        const previous = current!;
        current = nextPool;
        void previous.close(); // finishes the tasks it already has
      }
      const from = dictionaries.version;
      dictionaries = next;
      drafting = nextDrafting;
      app.log.info({ from, to: next.version, mode }, 'dictionaries reloaded');
      return { dictionaryVersion: next.version, changed: true };
    };
    const service: AnalysisService = {
      get state() {
        return state;
      },
      mode,
      get dictionaries() {
        return dictionaries;
      },
      get drafting() {
        return drafting;
      },
      ready,
      engine() {
        if (mode === 'pool')
          throw new Error('analysis runs in worker threads (ANALYSIS_THREADS > 0): use app.analysis.analyze, triage or lint');
        if (!current?.engine) throw notReady();
        return current.engine;
      },
      threads: async () => (current?.pool ? current.pool.memory() : []),
      read: (mail) => run({ kind: 'read', mail }),
      analyze: (mail) => run({ kind: 'analyze', mail }),
      measure: (mail) => run({ kind: 'measure', mail }),
      triage: (mail, context) => run({ kind: 'triage', mail, ...(context ? { context } : {}) }),
      answer: (task) => run({ kind: 'json', task }),
      lint: (request) => run({ kind: 'lint', request }),
      reload: () => (reloading ??= reload().finally(() => (reloading = undefined))),
    };
    app.decorate('analysis', service);
  },
  { name: 'analysis' },
);
