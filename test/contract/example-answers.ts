/**
 * The answers to the documented request examples, as a running ondo gives them: `npm run openapi`
 * records them as the response examples of openapi/openapi.json (src/http/schemas/example-answers.json),
 * and the contract test runs the same walk against a live ondo and compares their stable fields, so
 * the document cannot drift from the service.
 *
 * The walk is an integrator's first session: every request example of every /v1 operation is sent
 * once (a lease token in an example is replaced by a real one), queued mails are followed to their
 * results, and their drafts through the review queue. What varies between runs (ids, lease tokens,
 * the clock) is replaced by stand-ins derived from the example's name, so the recorded answers are
 * the same on every run of the same code.
 */
import { createHash } from 'node:crypto';
import { loadTokenizer } from '../../src/analysis/tokenizer/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { ExampleAnswers } from '../../src/http/openapi-examples.js';
import { startLiveOndo } from './live-ondo.js';

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  operationId: string;
  examples: Record<string, { summary: string; value: Json }>;
}

/** Path parameters of examples whose operation has some (the review ids come from the walk). */
const PATH_PARAMS: Record<string, Record<string, Record<string, string>>> = {
  composeDraft: { reminder: { kind: 'reminder-1' }, revisions: { kind: 'revision-batching' } },
};
/** The queued mail whose draft each review example acts on; claimNextReview takes the most urgent one. */
const REVIEWED: Record<string, Record<string, string>> = {
  claimReview: { claim: 'reply', renew: 'reply' },
  approveReview: { edited: 'reply', asIs: 'agentChoice' },
  rejectReview: { solvedByPhone: 'raw' },
};
/** Where the stand-ins for the clock start: a minute after the examples' mail was received (2026-11-26 10:15 JST). */
const CLOCK_BASE = Date.parse('2026-11-26T01:16:00.000Z');

export async function answerExamples(baseUrl: string, document: Json): Promise<ExampleAnswers> {
  const operations = documentedOperations(document);
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const answers: ExampleAnswers = {};
  const volatile = new Map<string, string>();
  const started = Date.now();

  const send = async (operationId: string, name: string, options: { params?: Record<string, string>; value?: Json } = {}) => {
    const operation = byId.get(operationId);
    const example = operation?.examples[name];
    if (!operation || !example) throw new Error(`no request example ${operationId}/${name} in the document`);
    const url = operation.path.replace(/\{(\w+)\}/g, (_, param: string) => {
      const value = options.params?.[param] ?? PATH_PARAMS[operationId]?.[name]?.[param];
      if (!value) throw new Error(`${operationId}/${name}: no value for the path parameter ${param}`);
      return encodeURIComponent(value);
    });
    return request(baseUrl, operation.method, url, options.value ?? example.value);
  };
  const record = (operationId: string, name: string, answer: { status: number; body: Json }, summary?: string) => {
    (answers[operationId] ??= {})[name] = {
      status: answer.status,
      summary: summary ?? byId.get(operationId)!.examples[name]!.summary,
      value: answer.body,
    };
    return answer.body;
  };

  const leaseOf = (body: Json, label: string) => {
    const token = (body.lease as { token: string }).token;
    volatile.set(token, `lease:${label}`);
    return token;
  };
  const withLease = (operationId: string, name: string, leaseToken: string) => ({
    ...byId.get(operationId)!.examples[name]!.value,
    leaseToken,
  });

  // Everything that needs no earlier answer: analysis, triage, drafts, the linter, feedback, and the queued mails, each
  // followed until the workers have drafted it (its job, and the draft waiting in the review queue).
  const reviews = new Map<string, string>();
  for (const operation of operations) {
    if (operation.path.includes('{id}') || operation.operationId === 'claimNextReview') continue;
    for (const name of Object.keys(operation.examples)) {
      const body = record(operation.operationId, name, await send(operation.operationId, name));
      if (operation.operationId === 'recordFeedback') volatile.set(body.id as string, `feedback:${name}`);
      if (operation.operationId !== 'enqueueTriage') continue;
      const id = (body.job as { id: string }).id;
      volatile.set(id, `job:${name}`);
      const job = await completed(baseUrl, id, name);
      const reviewId = job.body.reviewId as string;
      if (reviewId !== id) volatile.set(reviewId, `review:${name}`);
      reviews.set(name, reviewId);
      if (reviews.size > 1) continue;
      // The first queued mail: its finished job, and (while its draft is the only one waiting, so the answer does not
      // depend on how random ids sort) the most urgent draft taken and given back.
      record('getTriageJob', name, job, `Completed: ${operation.examples[name]!.summary}`);
      if (!byId.has('claimNextReview')) continue;
      const next = record('claimNextReview', 'agent', await send('claimNextReview', 'agent'));
      const release = withLease('releaseReview', 'release', leaseOf(next, 'next'));
      record('releaseReview', 'release', await send('releaseReview', 'release', { params: { id: reviewId }, value: release }));
    }
  }

  // Claim, renew and decide the drafts of given mails.
  const claims = new Map<string, string>();
  for (const [operationId, examples] of Object.entries(REVIEWED)) {
    for (const [name, mail] of Object.entries(examples)) {
      const id = reviews.get(mail);
      if (!id) throw new Error(`${operationId}/${name} acts on the draft of enqueueTriage/${mail}, which is not documented`);
      let token = claims.get(id);
      if (operationId === 'claimReview') {
        const value = token ? withLease(operationId, name, token) : byId.get(operationId)!.examples[name]!.value;
        token = leaseOf(record(operationId, name, await send(operationId, name, { params: { id }, value })), `${mail}`);
        claims.set(id, token);
        continue;
      }
      token ??= leaseOf((await send('claimReview', 'claim', { params: { id } })).body, `${mail}`);
      record(operationId, name, await send(operationId, name, { params: { id }, value: withLease(operationId, name, token) }));
    }
  }

  const missing = operations.flatMap((op) =>
    Object.keys(op.examples)
      .filter((name) => !answers[op.operationId]?.[name])
      .map((name) => `${op.operationId}/${name}`),
  );
  if (missing.length > 0)
    throw new Error(`request examples the walk does not send: ${missing.join(', ')} (teach test/contract/example-answers.ts)`);
  return standIns(answers, volatile, started, Date.now());
}

/** The fields an answer is compared on: what ondo decided, not when, under which id or with which dictionary build. */
const STABLE = new Set([
  'level',
  'politeButAnnoyed',
  'primary',
  'scenario',
  'priority',
  'escalate',
  'code',
  'ruleId',
  'kind',
  'register',
  'customerLevel',
  'state',
  'status',
  'created',
  'generalDraft',
]);

/** Subtrees left out of the comparison: offsets, weights and counts that move with every dictionary edit. */
const UNSTABLE = new Set(['evidence', 'notCounted', 'scores', 'sections', 'placeholderSpans', 'spans']);

/** The stable fields of an answer, wherever they are nested; a draft's presence shows as its kind and level. */
export function stableView(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stableView).filter((item) => item !== undefined);
  if (typeof node !== 'object' || node === null) return undefined;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (UNSTABLE.has(key)) continue;
    if (typeof value !== 'object' || value === null) {
      if (STABLE.has(key)) out[key] = value;
      continue;
    }
    const inner = stableView(value);
    if (inner !== undefined && (!Array.isArray(inner) || inner.length > 0)) out[key] = inner;
    else if (key === 'draft') out[key] = 'present';
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The response examples of `document`, as answerExamples returns them. */
export function documentedAnswers(document: Json): ExampleAnswers {
  const answers: ExampleAnswers = {};
  for (const methods of Object.values(document.paths as Record<string, Record<string, Json>>)) {
    for (const operation of Object.values(methods)) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        const media = (
          response.content as Record<string, { examples?: Record<string, { summary: string; value: unknown }> }> | undefined
        )?.['application/json'];
        for (const [name, { summary, value }] of Object.entries(media?.examples ?? {})) {
          (answers[operation.operationId as string] ??= {})[name] = { status: Number(status), summary, value };
        }
      }
    }
  }
  return answers;
}

function documentedOperations(document: Json): Operation[] {
  return Object.entries(document.paths as Record<string, Record<string, Json>>)
    .filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method,
        path,
        operationId: op.operationId as string,
        examples:
          ((op.requestBody as Json | undefined)?.content as Record<string, { examples?: Operation['examples'] }> | undefined)?.[
            'application/json'
          ]?.examples ?? {},
      })),
    )
    .filter((op) => Object.keys(op.examples).length > 0 || op.operationId === 'getTriageJob');
}

async function request(baseUrl: string, method: string, url: string, body?: Json): Promise<{ status: number; body: Json }> {
  const res = await fetch(baseUrl + url, {
    method: method.toUpperCase(),
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status < 200 || res.status >= 300) throw new Error(`${method.toUpperCase()} ${url} answered ${res.status}: ${text}`);
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** The job of a queued example once the workers have drafted it. */
function completed(baseUrl: string, id: string, name: string): Promise<{ status: number; body: Json }> {
  return until(async () => {
    const answer = await request(baseUrl, 'get', `/v1/triage/jobs/${encodeURIComponent(id)}`);
    if (answer.body.state === 'failed') throw new Error(`the job of enqueueTriage/${name} failed: ${String(answer.body.failedReason)}`);
    return answer.body.state === 'completed' ? answer : undefined;
  }, `the job of enqueueTriage/${name}`);
}

async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Ids and tokens keep their shape with their random part replaced by hex derived from the example's
 * name; instants of the walk itself (created, claimed, lease expiry) become CLOCK_BASE plus whole
 * minutes. Instants that follow from the request (receivedAt, replyBy, close dates) stay as they are.
 */
function standIns(answers: ExampleAnswers, volatile: Map<string, string>, started: number, ended: number): ExampleAnswers {
  let text = JSON.stringify(answers);
  for (const [value, label] of [...volatile].sort(([a], [b]) => b.length - a.length)) {
    const hex = createHash('sha256').update(label).digest('hex');
    let used = 0;
    const standIn = value.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}/g, (random) =>
      random.replace(/[0-9a-f]/g, () => hex[used++ % hex.length]!),
    );
    text = text.split(value).join(standIn);
  }
  text = text.replace(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))"/g, (quoted, instant: string) => {
    const at = Date.parse(instant);
    if (!(at >= started - 600_000 && at <= ended + 86_400_000)) return quoted;
    return JSON.stringify(new Date(CLOCK_BASE + Math.round((at - started) / 60_000) * 60_000).toISOString());
  });
  return JSON.parse(text) as ExampleAnswers;
}

/**
 * `npm run openapi`: a real ondo (the engine, Redis under a scratch prefix, workers in this process)
 * answers the request examples of `document`; the keys are deleted afterwards.
 */
export async function recordExampleAnswers(document: Json): Promise<ExampleAnswers> {
  const config: Config = {
    ...loadConfig({ ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) }),
    logLevel: 'silent',
    queuePrefix: `{openapi-examples-${process.pid}-${Date.now().toString(36)}}`,
    feedback: true,
    workerConcurrency: 1,
  };
  const ondo = await startLiveOndo(config, loadTokenizer());
  try {
    return await answerExamples(ondo.url, document);
  } finally {
    await ondo.close();
  }
}
