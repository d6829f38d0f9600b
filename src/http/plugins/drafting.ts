/**
 * Exposes the drafting manual (templates, routing, calendar, lint rules) as app.drafting: the
 * analysis plugin loads it with the dictionaries at start-up, since inline triage needs it too.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Drafting } from '../../drafting/drafting.js';

declare module 'fastify' {
  interface FastifyInstance {
    drafting: Drafting;
  }
}

export default fp(
  async function drafting(app: FastifyInstance) {
    // A getter: a dictionary reload (SIGHUP) swaps the manual, and every caller sees the new one.
    app.decorate('drafting', { getter: () => app.analysis.drafting });
  },
  { name: 'drafting', dependencies: ['analysis'] },
);
