/**
 * What a request looks like in the log: its path and the NAMES of its query parameters, never
 * their values — a careless `?api_key=…` or `?email=…` must not land in the log — and never a
 * webhook's secret path token.
 */
import type { FastifyBaseLogger, FastifyRequest, FastifyServerOptions } from 'fastify';

/** A webhook URL's third segment is an integration's secret path token: logged as a placeholder. */
const PATH_TOKEN = /^(\/webhooks\/[^/]+\/[^/]+\/)[^/]+/;

export function requestForLog(request: FastifyRequest) {
  const query = request.url.indexOf('?');
  const names = query < 0 ? [] : [...new Set(new URLSearchParams(request.url.slice(query + 1)).keys())].slice(0, 20);
  const path = query < 0 ? request.url : request.url.slice(0, query);
  return {
    method: request.method,
    url: path.replace(PATH_TOKEN, '$1(path token)'),
    ...(names.length > 0 ? { queryNames: names.map((n) => n.slice(0, 64)) } : {}),
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Every request's logger serializes `req` with requestForLog, whatever logger the app was given. */
export const childLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = function (
  logger: FastifyBaseLogger,
  bindings,
  options,
) {
  return logger.child(bindings, { ...options, serializers: { ...options.serializers, req: requestForLog } });
};
