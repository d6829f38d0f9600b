/** Owns the drafting manual (templates, routing, calendar, lint rules), loaded with the dictionaries at start-up. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { loadDrafting, type Drafting } from '../../drafting/drafting.js';

declare module 'fastify' {
  interface FastifyInstance {
    drafting: Drafting;
  }
}

export default fp(
  async function drafting(app: FastifyInstance) {
    app.decorate('drafting', loadDrafting(app.analysis.dictionaries));
  },
  { name: 'drafting', dependencies: ['analysis'] },
);
