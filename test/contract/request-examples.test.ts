/**
 * Issue 15: every request body in the committed document carries a named example in natural
 * Japanese, so /docs pre-fills "Try it out" and a generated client shows what to send — the
 * webhook routes too, whose bodies an integrator maps from their helpdesk's fields. A webhook
 * example must also pass its route's own schema (the /v1 examples are sent to a live ondo by
 * examples.test.ts).
 */
import { readFileSync } from 'node:fs';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_RECEIVERS } from '../../src/integrations/receivers.js';

interface MediaType {
  examples?: Record<string, { summary?: string; value: unknown }>;
  /** A schema's own `examples` become one unnamed example (FollowUpRequest). */
  example?: unknown;
}
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, MediaType> };
}
const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};
const withBodies = Object.values(document.paths)
  .flatMap((methods) => Object.values(methods))
  .filter((operation) => operation.requestBody);
const examplesOf = (media: MediaType): unknown[] => [
  ...Object.values(media.examples ?? {}).map((example) => example.value),
  ...(media.example === undefined ? [] : [media.example]),
];

/** Bodies that hold only a token, where Japanese has no place. */
const TOKENS_ONLY: Record<string, string> = {
  releaseReview: 'the lease token of the claim, nothing else',
};
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/u;

describe('request examples in openapi/openapi.json', () => {
  it('sit on every media type of every request body', () => {
    const missing = withBodies.flatMap((operation) =>
      Object.entries(operation.requestBody!.content)
        .filter(([, media]) => examplesOf(media).length === 0)
        .map(([type]) => `${operation.operationId} ${type}`),
    );
    expect(missing).toEqual([]);
  });

  // One example may be a token alone (approve as is) beside one with the reply's Japanese text.
  it('are written in Japanese, as the mail ondo reads is', () => {
    const english = withBodies
      .filter((operation) => !(operation.operationId in TOKENS_ONLY))
      .flatMap((operation) =>
        Object.entries(operation.requestBody!.content)
          .filter(([, media]) => !examplesOf(media).some((value) => JAPANESE.test(JSON.stringify(value))))
          .map(([type]) => `${operation.operationId} ${type}`),
      );
    expect(english).toEqual([]);
  });
});

describe('webhook request examples', () => {
  it.each(WEBHOOK_RECEIVERS.map((receiver) => [receiver.provider, receiver] as const))(
    'of %s pass the schema the route validates with',
    (_, receiver) => {
      receiver.with(({ body, examples }) => {
        expect(Object.keys(examples).length).toBeGreaterThan(0);
        for (const [name, example] of Object.entries(examples))
          expect([...Value.Errors(body, example.value)].map((e) => `${name}: ${e.instancePath} ${e.message}`)).toEqual([]);
      });
    },
  );
});
