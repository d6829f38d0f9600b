/**
 * The queue dashboard (bull-board) at /admin/queues, behind HTTP Basic auth with ADMIN_USER and
 * ADMIN_PASSWORD. Without both, the dashboard is not mounted at all. Its routes stay out of the
 * OpenAPI document: they are a UI, not part of the API.
 */
import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import basicAuth from '@fastify/basic-auth';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { declareAccess } from '../access/route-access.js';
import { ProblemError, sendProblem } from '../problem.js';

export const ADMIN_QUEUES_PATH = '/admin/queues';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export default fp<{ config: Config }>(
  async function admin(app: FastifyInstance, { config }) {
    const { adminUser, adminPassword } = config;
    if (!adminUser || !adminPassword) {
      app.log.info('queue dashboard off: set ADMIN_USER and ADMIN_PASSWORD to serve it at /admin/queues');
      return;
    }
    const board = new FastifyAdapter();
    const { triage, followups } = app.queue.queues;
    createBullBoard({ queues: [new BullMQAdapter(triage), new BullMQAdapter(followups)], serverAdapter: board });
    board.setBasePath(ADMIN_QUEUES_PATH);

    await app.register(async (scope) => {
      declareAccess(scope, 'admin');
      scope.addHook('onRoute', (route) => {
        route.schema = { ...route.schema, hide: true };
      });
      await scope.register(basicAuth, {
        authenticate: { realm: 'ondo queues' },
        async validate(username, password) {
          // Both compared, always: the time taken does not tell which one was wrong.
          const userOk = sameSecret(username, adminUser);
          const passwordOk = sameSecret(password, adminPassword);
          if (!userOk || !passwordOk) return new Error('wrong admin credentials');
        },
      });
      // bull-board answers errors its own way, so a failed login is answered here, as problem+json.
      scope.addHook('onRequest', (request, reply, done) => {
        (scope.basicAuth as onRequestHookHandler).call(scope, request, reply, (err?: Error) => {
          if (!err) return done();
          const problem = new ProblemError('unauthorized', 'The queue dashboard needs the admin user and password (HTTP Basic).');
          sendProblem(reply, problem);
        });
      });
      await scope.register(board.registerPlugin(), { prefix: ADMIN_QUEUES_PATH });
    });
  },
  { name: 'admin', dependencies: ['queue'] },
);
