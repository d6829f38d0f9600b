/** Requests the tenant tests send: as one API key, a job with an Idempotency-Key, a signed webhook from the acme Zendesk. */
import type { FastifyInstance } from 'fastify';
import { zendeskHeaders } from '../integrations/support.js';

export const as = (key: { key: string }) => ({ authorization: `Bearer ${key.key}` });

/** What the customer wrote in ticket 4242. */
export const TICKET_TEXT = '注文した商品がまだ届きません。至急確認してください。';

export function tenantRequests(app: () => FastifyInstance) {
  return {
    /** The genuine, signed Zendesk delivery of comment `commentId` on ticket 4242. */
    webhook(commentId: number) {
      const body = JSON.stringify({ ticket_id: '4242', comment_id: commentId, subject: '注文の件', latest_comment: TICKET_TEXT, requester: 'yamada@example.jp' });
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
