/** The tenant tests' app (one per file, its keys deleted afterwards) and the requests they send. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../src/config.js';
import { zendeskHeaders } from '../integrations/support.js';
import { deleteQueueKeys, queueTestApp } from '../queue/support.js';

/** Builds the file's app before its tests and closes it (and deletes its Redis keys) after them. */
export function appForFile(config: Config): () => FastifyInstance {
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await queueTestApp(config);
  });
  afterAll(async () => {
    await app?.close();
    await deleteQueueKeys(config);
  });
  return () => app!;
}

export const as = (key: { key: string }) => ({ authorization: `Bearer ${key.key}` });

/** What the customer wrote in ticket 4242. */
export const TICKET_TEXT = '注文した商品がまだ届きません。至急確認してください。';

export function tenantRequests(app: () => FastifyInstance) {
  return {
    /** The genuine, signed Zendesk delivery of comment `commentId` on ticket 4242. */
    webhook(commentId: number) {
      const body = JSON.stringify({
        ticket_id: '4242',
        comment_id: commentId,
        subject: '注文の件',
        latest_comment: TICKET_TEXT,
        requester: 'yamada@example.jp',
      });
      return app().inject({ method: 'POST', url: '/webhooks/zendesk/acme', headers: zendeskHeaders(body), payload: body });
    },
    clientJob(who: { key: string }, idempotencyKey: string, payload: object) {
      return app().inject({ method: 'POST', url: '/v1/triage/jobs', headers: { ...as(who), 'idempotency-key': idempotencyKey }, payload });
    },
    get(who: { key: string }, url: string) {
      return app().inject({ method: 'GET', url, headers: as(who) });
    },
  };
}
