/**
 * The dates a request may carry (receivedAt, lastContactAt, now) outside the range drafting counts
 * from (drafting/date-range.ts) make the request a 400.
 */
import type { FastifyRequest } from 'fastify';
import { EARLIEST_DATE, MAX_YEARS_AHEAD, isDateInRange, latestDate } from '../drafting/date-range.js';
import { ProblemError } from './problem.js';

/** The value at a slash-separated path of a parsed body ('receivedAt', 'message/receivedAt'). */
function valueAt(body: unknown, path: string): unknown {
  return path
    .split('/')
    .reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), body);
}

/**
 * A preHandler that refuses the request when one of `fields` of its body is outside the range. A
 * field is a slash-separated path, so a webhook's nested date is held to the same range.
 */
export function datesInRange(...fields: string[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const now = new Date();
    const latest = latestDate(now);
    for (const field of fields) {
      const value = valueAt(request.body, field);
      if (typeof value !== 'string' || isDateInRange(new Date(value), now)) continue;
      const message = `must be between ${EARLIEST_DATE.toISOString().slice(0, 10)} and ${latest.toISOString().slice(0, 10)} (now + ${MAX_YEARS_AHEAD} years)`;
      throw new ProblemError('validation', `${field.replaceAll('/', '.')} ${JSON.stringify(value.slice(0, 40))} ${message}.`, {
        errors: [{ path: `/${field}`, message }],
      });
    }
  };
}
