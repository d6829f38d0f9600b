/**
 * The response examples of openapi/openapi.json are what ondo answers: every request example is sent
 * to a listening ondo (real Redis and workers) by the walk `npm run openapi` records them with, and
 * each answer's stable fields (level, scenario, reason codes, finding rule ids, priority, states, the
 * draft's presence) must equal the documented example's. After a change to the analysis or the
 * drafts, `npm run openapi` re-records them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExampleAnswers } from '../../src/http/openapi-examples.js';
import { queueTestConfig } from '../queue/support.js';
import { sharedTokenizer } from '../support/engine.js';
import { answerExamples, documentedAnswers, stableView } from './example-answers.js';
import { startLiveOndo, type LiveOndo } from './live-ondo.js';

const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'));
const documented = documentedAnswers(document);
const examples = Object.entries(documented).flatMap(([operationId, answers]) => Object.keys(answers).map((name) => [operationId, name]));
let ondo: LiveOndo | undefined;
let live: ExampleAnswers;

beforeAll(async () => {
  // Its own key prefix: the walk's first claim must find only the draft of its own first queued mail.
  ondo = await startLiveOndo(queueTestConfig('contract-examples', { feedback: true }), sharedTokenizer());
  live = await answerExamples(ondo.url, document);
}, 180_000);
afterAll(() => ondo?.close());

describe('the response examples of openapi/openapi.json', () => {
  it('document every request example of every /v1 operation that takes a body, and the first job', () => {
    const withBody = Object.entries<Record<string, { requestBody?: unknown; operationId: string }>>(document.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([, operations]) => Object.values(operations).filter((op) => op.requestBody))
      .map((op) => op.operationId);
    // POST /v1/followups documents its one example on the schema itself.
    expect(withBody.filter((id) => !documented[id])).toEqual(['scheduleFollowUps']);
    expect(Object.keys(documented.getTriageJob ?? {})).toHaveLength(1);
    expect(Object.keys(live).sort()).toEqual(Object.keys(documented).sort());
  });

  it.each(examples)(
    '%s/%s is what ondo answers (re-run `npm run openapi` when this fails after an analysis change)',
    (operationId, name) => {
      const answer = live[operationId]?.[name];
      const shown = documented[operationId]![name]!;
      expect(answer, 'the walk sent this example').toBeDefined();
      expect(answer!.status).toBe(shown.status);
      expect(stableView(answer!.value)).toEqual(stableView(shown.value));
    },
  );
});
