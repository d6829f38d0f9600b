/**
 * Response examples: the answers ondo gives to the documented request examples, recorded by
 * `npm run openapi` from a running ondo (test/contract/example-answers.ts) into
 * schemas/example-answers.json and shown beside each request example, under the same name, on the
 * operation's success response. The contract test sends the request examples again and compares.
 */
import recorded from './schemas/example-answers.json' with { type: 'json' };

/** One answer: its status, the summary of the request example it answers, and the body. */
export interface ExampleAnswer {
  status: number;
  summary: string;
  value: unknown;
}
/** operationId → example name → answer. */
export type ExampleAnswers = Record<string, Record<string, ExampleAnswer>>;

export const EXAMPLE_ANSWERS: ExampleAnswers = recorded;

type Json = Record<string, unknown>;

/**
 * The document with `answers` as the examples of its JSON success responses, replacing any recorded
 * before (so regenerating with a new set leaves none of the old ones behind).
 */
export function withExampleAnswers<T extends Json>(document: T, answers: ExampleAnswers): T {
  const copy = structuredClone(document);
  for (const methods of Object.values(copy.paths as Record<string, Record<string, Json>>)) {
    for (const operation of Object.values(methods)) {
      const documented = answers[operation.operationId as string] ?? {};
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        const media = (response.content as Record<string, Json> | undefined)?.['application/json'];
        if (!status.startsWith('2') || !media) continue;
        const examples = Object.entries(documented).filter(([, answer]) => String(answer.status) === status);
        if (examples.length === 0) delete media.examples;
        else media.examples = Object.fromEntries(examples.map(([name, { summary, value }]) => [name, { summary, value }]));
      }
    }
  }
  return copy;
}
