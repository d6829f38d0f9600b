/** The tenant scope of an API request, as the access hook set it (plugins/access.ts). */
import type { FastifyRequest } from 'fastify';
import { canSee, type TenantScope } from '../../queue/tenants.js';
import type { ProblemError } from '../problem.js';

export function tenantOf(request: FastifyRequest): TenantScope {
  // Every API route runs behind the access hook; a route without a tenant is a wiring bug, never "see all".
  if (!request.tenant) throw new Error(`no tenant on ${request.method} ${request.routeOptions.url}: the access hook did not run`);
  return request.tenant;
}

/**
 * The id when the request's tenant may see it; otherwise the route's 404 — the same answer as
 * for an id that does not exist, so another tenant's ids do not even show that they exist.
 */
export function visibleId(request: FastifyRequest, id: string, notFound: (id: string) => ProblemError): string {
  if (!canSee(tenantOf(request), id)) throw notFound(id);
  return id;
}
