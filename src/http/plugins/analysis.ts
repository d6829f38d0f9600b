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
import { createAnalysisEngine, type AnalysisEngine } from '../../analysis/analyze.js';
import type { Dictionaries } from '../../analysis/lexicon/load.js';
import { parsedYamlCacheFile, readParsedYamlCache, recordParsedYamlCached } from '../../analysis/lexicon/parsed-yaml-cache.js';
import { loadTokenizer, sharedKuromojiDictionary, type Tokenizer } from '../../analysis/tokenizer/index.js';
import type { ToneResult } from '../../analysis/tone-schema.js';
import { loadManual, type Drafting } from '../../drafting/drafting.js';
import type { TriageResult } from '../../drafting/triage-schema.js';
import type { MailMeasure } from '../../drafting/triage.js';
import {
  AnalysisBudgetError,
  AnalysisPoolBusyError,
  startAnalysisPool,
  type AnalysisPool,
  type ThreadMemory,
} from '../../analysis-pool/analysis-pool.js';
import {
  inlineRunner,
  type AnalysisRunner,
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
    let engine: AnalysisEngine | undefined;
    let pool: AnalysisPool | undefined;
    let runner: AnalysisRunner | undefined;
    const starting = new AbortController();
    const poolOptions = {
      threads: options.threads ?? 1,
      dictionariesDir: options.dictionariesDir,
      maxBacklog: options.maxBacklog,
      mailReadBudgetMs: options.mailReadBudgetMs,
      taskBudgetMs: options.taskBudgetMs,
      youngGenerationMb: options.youngGenerationMb,
      oldGenerationMb: options.oldGenerationMb,
    };
    const startedAt = Date.now();

    // With the YAML an earlier start kept (DICTIONARY_CACHE_DIR), the threads need nothing this thread
    // parses: they start first and load while this thread reads the manual, instead of after it.
    const cacheFile = parsedYamlCacheFile(options.dictionaryCacheDir, options.dictionariesDir);
    const cached = mode === 'pool' && cacheFile ? readParsedYamlCache(cacheFile) : undefined;
    let earlyPool: Promise<AnalysisPool> | undefined;
    if (cached) {
      await sharedKuromojiDictionary();
      earlyPool = startAnalysisPool({ ...poolOptions, signal: starting.signal, parsedYaml: cached });
      earlyPool.catch(() => {}); // observed by load()
      await new Promise((resolve) => setImmediate(resolve)); // the pool spawns its threads before the work below
    }
    // What this thread parses (or finds in the cache) is handed to the pool's threads, which then need not parse it again.
    const readManual = () => recordParsedYamlCached(() => loadManual(options.dictionariesDir), cacheFile, cached);
    let first: ReturnType<typeof readManual>;
    try {
      first = readManual();
    } catch (err) {
      starting.abort(); // a broken manual: the threads started early are ended
      await earlyPool?.catch(() => {});
      throw err;
    }
    let { dictionaries, drafting } = first.result;

    const load = async (): Promise<void> => {
      if (mode === 'inline') {
        const tokenizer = await (options.tokenizer ?? loadTokenizer());
        engine = createAnalysisEngine(tokenizer, dictionaries);
        runner = inlineRunner({ engine, drafting });
        app.log.info(
          { mode, engine: tokenizer.engine, ms: Date.now() - startedAt, dictionaryVersion: dictionaries.version },
          'analysis engine ready',
        );
        return;
      }
      pool = await (earlyPool ?? startAnalysisPool({ ...poolOptions, signal: starting.signal, parsedYaml: first.parsed }));
      if (pool.dictionaryVersion !== dictionaries.version) {
        throw new Error(
          `dictionaries changed on disk during start-up (${dictionaries.version} read, ${pool.dictionaryVersion} in the threads); restart ondo`,
        );
      }
      runner = pool;
      const threads = pool.warm.map(({ threadId, loadMs, heapUsedMb, externalMb }) => ({
        threadId,
        loadMs: Math.round(loadMs),
        heapMb: Math.round(heapUsedMb),
        externalMb: Math.round(externalMb),
      }));
      app.log.info(
        { mode, threads, ms: Date.now() - startedAt, dictionaryVersion: dictionaries.version, parsedYamlCached: first.cacheHit },
        'analysis pool warm',
      );
    };
    const ready = load().then(
      () => {
        state = 'ready';
      },
      async (err: unknown) => {
        state = 'failed';
        await pool?.close();
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
      await pool?.close();
    });

    const run = async <T extends AnalysisTask>(task: T): Promise<AnalysisTaskResult<T>> => {
      if (!runner) throw notReady();
      try {
        return await runner.run(task);
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
      const loaded = recordParsedYamlCached(() => loadManual(options.dictionariesDir), cacheFile);
      const { dictionaries: next, drafting: nextDrafting } = loaded.result;
      if (next.version === dictionaries.version) return { dictionaryVersion: next.version, changed: false };
      if (mode === 'inline') {
        engine!.useDictionaries(next);
        runner = inlineRunner({ engine: engine!, drafting: nextDrafting });
      } else {
        const nextPool = await startAnalysisPool({ ...poolOptions, parsedYaml: loaded.parsed });
        if (nextPool.dictionaryVersion !== next.version) {
          await nextPool.close();
          throw new Error('dictionaries changed again while the new threads loaded; send SIGHUP once more');
        }
        const previous = pool!;
        pool = nextPool;
        runner = nextPool;
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
        if (!engine) throw notReady();
        return engine;
      },
      threads: async () => (pool ? pool.memory() : []),
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
