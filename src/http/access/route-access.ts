/**
 * Who may call a route is a property of the route, declared when it is registered — never read
 * from the URL text of a request, which a client can spell in many ways the router still matches.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';

/**
 * - `api-key`: API_KEYS when configured; rate-limited per key, or per IP without one.
 * - `admin`: the route checks its own credentials (dashboard login, metrics token); rate-limited per IP, failures included.
 * - `webhook`: the route verifies the provider's signature; never throttled (providers retry and must not be refused).
 * - `public`: open by design (health, docs, playground).
 */
export type RouteAccess = 'api-key' | 'admin' | 'webhook' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Gives every route registered in this scope (and its children) an access class, unless it names its own. */
export function declareAccess(scope: FastifyInstance, access: RouteAccess): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? access };
  });
}

/** A plugin that registers `register`'s routes with an access class. */
export function accessScope(access: RouteAccess, register: (scope: FastifyInstance) => PromiseLike<unknown>): FastifyPluginAsync {
  return async (scope) => {
    declareAccess(scope, access);
    await register(scope);
  };
}

/** The matched route's class; a path no route matches, or a route that declared none, is treated as the API. */
export function routeAccess(request: FastifyRequest): RouteAccess {
  return request.routeOptions.config?.access ?? 'api-key';
}
