/**
 * Collects the route table of the apps built while it listens, through fastify's own
 * `fastify.initialization` diagnostics channel: every route as registered (method, url, config),
 * including those added by plugins, so a security test can enumerate them all.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
  config: Record<string, unknown>;
}

export async function collectRoutes<T>(build: () => Promise<T>): Promise<{ built: T; routes: RegisteredRoute[] }> {
  const routes: RegisteredRoute[] = [];
  const onInit = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route: RouteOptions) => {
      // The options object is shared with later onRoute hooks: read its config once the app is ready.
      for (const method of [route.method].flat()) {
        routes.push({
          method,
          url: route.url!,
          get config() {
            return (route.config ?? {}) as Record<string, unknown>;
          },
        });
      }
    });
  };
  subscribe('fastify.initialization', onInit);
  try {
    return { built: await build(), routes };
  } finally {
    unsubscribe('fastify.initialization', onInit);
  }
}

/** A concrete path for a route url: every parameter and wildcard filled with a plausible value. */
export function concretePath(url: string): string {
  return url.replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, 'job-1').replace(/\*$/, 'x');
}

/**
 * Ways a client can spell a path that a careless check on the URL text would not recognise but a
 * router might: percent-encoded letters and digits, an encoded slash, doubled slashes, case,
 * trailing dots and slashes, matrix parameters and dot segments.
 */
export function pathVariants(path: string): string[] {
  const variants = new Set<string>([path]);
  const letter = path.search(/[a-z]/);
  if (letter >= 0) variants.add(`${path.slice(0, letter)}%${path.charCodeAt(letter).toString(16)}${path.slice(letter + 1)}`);
  const digit = path.search(/\d/);
  if (digit >= 0) variants.add(`${path.slice(0, digit)}%${path.charCodeAt(digit).toString(16)}${path.slice(digit + 1)}`);
  variants.add(path.replace(/^\/v1\//, '/%76%31/'));
  variants.add(path.replace(/^\/v1\//, '/v1%2F'));
  variants.add(`/${path}`);
  variants.add(path.replace(/\//g, '//'));
  variants.add(path.toUpperCase());
  variants.add(path.replace(/^\/v1\//, '/V1/'));
  variants.add(`${path}.`);
  variants.add(`${path}/`);
  variants.add(`${path}/.`);
  variants.add(`${path};a=1`);
  variants.add(path.replace(/^\/v1\//, '/v1;a=1/'));
  variants.add(path.replace(/^\/v1\//, '/x/../v1/'));
  variants.add(path.replace(/^\/v1\//, '/v1/./'));
  variants.add(path.replace(/^\/v1\//, '/healthz/../v1/'));
  variants.add(path.replace(/^\/v1\//, '/%2e/v1/'));
  variants.add(`${path}?x=/healthz`);
  variants.add(`${path}#/healthz`);
  return [...variants];
}
