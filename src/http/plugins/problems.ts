/** Answers every error as application/problem+json; logs method and url, never bodies; hides 5xx detail. */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError, sendProblem } from '../problem.js';

/** fastify's own error codes → ondo's problem kinds. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-json',
};

export function toProblemError(error: FastifyError | ProblemError | Error): ProblemError {
  if (error instanceof ProblemError) return error;
  const fe = error as FastifyError;
  if (fe.validation) {
    const errors = fe.validation.map((v) => ({
      path: v.instancePath || (v.params as { missingProperty?: string })?.missingProperty || '/',
      message: v.message ?? 'invalid',
    }));
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return new ProblemError('validation', detail, { errors });
  }
  const kind = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (kind) return new ProblemError(kind, fe.message);
  if (error instanceof SyntaxError || fe.statusCode === 400) return new ProblemError('invalid-json', fe.message);
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) return new ProblemError('bad-request', fe.message, { status, title: 'Bad request' });
  return new ProblemError('internal', 'An internal error occurred; the request id identifies it in the logs.');
}

export default fp(
  async function problems(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError | ProblemError | Error, request, reply) => {
      let problem = toProblemError(error);
      if (problem.kind === 'unsupported-media-type') {
        const given = request.headers['content-type'] ?? '(none)';
        problem = new ProblemError(problem.kind, `Content-Type ${given} is not accepted here; send application/json.`);
      }
      if (problem.status >= 500)
        request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'request failed');
      return sendProblem(reply, problem);
    });
    app.setNotFoundHandler((request, reply) => {
      const problem = new ProblemError('not-found', `${request.method} ${request.url.split('?')[0]} does not exist`);
      return sendProblem(reply, problem);
    });
  },
  { name: 'problems' },
);
