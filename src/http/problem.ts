/**
 * Errors are values with a type: routes throw ProblemError, the error handler answers RFC 9457
 * application/problem+json with a stable `type` per kind of error.
 */
import type { FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Every kind of error ondo answers with, and its HTTP status. */
export const PROBLEM_KINDS = {
  'invalid-json': { status: 400, title: 'The request body is not valid JSON' },
  'invalid-utf8': { status: 400, title: 'The request body is not valid UTF-8' },
  validation: { status: 400, title: 'The request does not match the schema' },
  'not-found': { status: 404, title: 'No such resource' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'payload-too-large': { status: 413, title: 'The mail is larger than the configured limit' },
  'undecodable-mail': { status: 422, title: 'The raw mail could not be decoded' },
  'analysis-too-long': { status: 422, title: 'Analysing the mail took longer than the per-mail budget' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'not-ready': { status: 503, title: 'The service is still starting' },
  overloaded: { status: 503, title: 'The analysis is busy; retry after Retry-After seconds' },
  'queue-unavailable': { status: 503, title: 'The job queue (Redis) is unavailable' },
  'idempotency-conflict': { status: 422, title: 'The Idempotency-Key was already used for a different mail' },
  'review-claimed': { status: 409, title: 'Another agent holds this draft' },
  'review-decided': { status: 409, title: 'The draft was already approved, rejected or withdrawn' },
  'lease-lost': { status: 409, title: 'The lease token no longer holds this draft' },
  'job-not-failed': { status: 409, title: 'Only failed jobs can be retried' },
  unauthorized: { status: 401, title: 'Credentials are missing or not valid' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'invalid-signature': { status: 401, title: 'The webhook signature or credentials are missing, wrong or stale' },
  'invalid-webhook': { status: 422, title: 'The webhook is authentic but its payload cannot be triaged' },
  'unknown-integration': { status: 404, title: 'No such integration is configured' },
  'delivery-not-failed': { status: 409, title: 'Only failed (dead-letter) deliveries can be replayed' },
  internal: { status: 500, title: 'Internal error' },
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;

export function problemType(kind: string): string {
  return `urn:ondo:problem:${kind}`;
}

export const Problem = Type.Object(
  {
    type: Type.String({
      description: 'Stable URI of the error kind, e.g. urn:ondo:problem:validation',
      examples: ['urn:ondo:problem:validation'],
    }),
    title: Type.String({ description: 'Short summary of the error kind' }),
    status: Type.Integer({ description: 'HTTP status code' }),
    detail: Type.Optional(Type.String({ description: 'What exactly was wrong with this request' })),
    instance: Type.Optional(Type.String({ description: 'Request id, to find the request in the logs' })),
    reason: Type.Optional(
      Type.String({
        description:
          'undecodable-mail: what failed (not-a-mail, malformed-mime, unsupported-charset, undecodable-body, undecodable-header, empty-body, html-too-deep); ' +
          'invalid-signature: missing-signature, invalid-signature, stale-timestamp, missing-credentials or invalid-credentials',
        examples: ['unsupported-charset'],
      }),
    ),
    errors: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), message: Type.String() }, { additionalProperties: false }), {
        description: 'Validation problems, one per field',
      }),
    ),
  },
  { title: 'Problem', description: 'RFC 9457 problem details', additionalProperties: true },
);
export type Problem = Static<typeof Problem>;

export class ProblemError extends Error {
  readonly status: number;
  constructor(
    readonly kind: string,
    detail: string,
    readonly extra: Partial<Problem> & { title?: string; status?: number; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.status = extra.status ?? (PROBLEM_KINDS as Record<string, { status: number }>)[kind]?.status ?? 500;
  }

  toProblem(instance: string): Problem {
    const known = (PROBLEM_KINDS as Record<string, { title: string }>)[this.kind];
    const { headers: _headers, ...extra } = this.extra;
    return {
      type: problemType(this.kind),
      title: known?.title ?? this.kind,
      status: this.status,
      detail: this.message,
      instance,
      ...extra,
    };
  }
}

/**
 * Answers with a problem: its headers, status and problem+json body. Hooks that run before a
 * scope's own error handler (bull-board has one) answer with this, so the answer is the same everywhere.
 */
export function sendProblem(reply: FastifyReply, problem: ProblemError): FastifyReply {
  if (problem.status < 500) reply.request.log.info({ problem: problem.kind, status: problem.status }, 'request rejected');
  for (const [name, value] of Object.entries(problem.extra.headers ?? {})) reply.header(name, value);
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem.toProblem(reply.request.id));
}

/** What an example of a kind shows beyond its type and title, for the kinds whose title alone does not show it (as ondo answers them). */
const EXAMPLE_EXTRAS: Partial<Record<ProblemKind, Pick<Problem, 'detail' | 'errors'>>> = {
  validation: {
    detail: 'Give exactly one of body (plain text) or raw (the whole RFC 822 mail).',
    errors: [{ path: '/body', message: 'exactly one of body or raw is required' }],
  },
  'payload-too-large': { detail: 'The mail body (UTF-8) is 120000 bytes; the limit is 102400 bytes (MAX_BODY_BYTES).' },
  'unsupported-media-type': { detail: 'Content-Type text/plain is not accepted here; send application/json.' },
};

/** One example per problem kind answered with this status, each showing its own `type` (from PROBLEM_KINDS). */
export function problemExamples(status: number): Record<string, { summary: string; value: Problem }> {
  const kinds = (Object.keys(PROBLEM_KINDS) as ProblemKind[]).filter((kind) => PROBLEM_KINDS[kind].status === status);
  return Object.fromEntries(
    kinds.map((kind) => {
      const { title } = PROBLEM_KINDS[kind];
      const { detail, errors } = EXAMPLE_EXTRAS[kind] ?? {};
      return [
        kind,
        {
          summary: title,
          value: {
            type: problemType(kind),
            title,
            status,
            ...(detail ? { detail } : {}),
            instance: 'req-7f3a9c',
            ...(errors ? { errors } : {}),
          },
        },
      ];
    }),
  );
}

/** Problem responses for a route's schema: `response: { 200: X, ...problemResponses(400, 413) }`. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: describeStatus(status), content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem, examples: problemExamples(status) } } },
    ]),
  );
}

function describeStatus(status: number): string {
  const kinds = Object.entries(PROBLEM_KINDS).filter(([, k]) => k.status === status);
  return kinds.map(([kind, k]) => `${problemType(kind)} — ${k.title}`).join('; ') || 'Problem details';
}
