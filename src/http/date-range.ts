/**
 * The dates a request may carry (receivedAt, lastContactAt, now): valid ISO 8601 is not enough, a
 * year 9999 or 0001 is a typo or a probe. Outside [2000-01-01, now + 2 years] a request is a 400.
 */
import type { FastifyRequest } from 'fastify';
import { ProblemError } from './problem.js';

export const EARLIEST_DATE = new Date('2000-01-01T00:00:00Z');
/** Scheduled previews may look ahead, never further than this. */
export const MAX_YEARS_AHEAD = 2;

export function latestDate(now: Date): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
  return latest;
}

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
    const latest = latestDate(new Date());
    for (const field of fields) {
      const value = valueAt(request.body, field);
      if (typeof value !== 'string') continue;
      const date = new Date(value);
      if (!Number.isNaN(date.getTime()) && date >= EARLIEST_DATE && date <= latest) continue;
      const message = `must be between ${EARLIEST_DATE.toISOString().slice(0, 10)} and ${latest.toISOString().slice(0, 10)} (now + ${MAX_YEARS_AHEAD} years)`;
      throw new ProblemError('validation', `${field.replaceAll('/', '.')} ${JSON.stringify(value.slice(0, 40))} ${message}.`, {
        errors: [{ path: `/${field}`, message }],
      });
    }
  };
}
