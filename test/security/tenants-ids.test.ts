/**
 * Issue 19 row 4: job ids a client cannot compute. They were `key-`+sha256(Idempotency-Key) and
 * `msg-`+sha256(Message-ID), so anyone who knew (or guessed) a key or a Message-ID could fetch
 * the job, and could queue junk under a victim's Message-ID first so the real mail got a 422.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/config/api-keys.js';
import { CALM_MAIL, FURIOUS_MAIL, queueTestConfig } from '../queue/support.js';
import { appForFile } from './tenants-support.js';

const victim = newApiKey('victim');
const attacker = newApiKey('attacker');
const config = queueTestConfig('tenants-ids', { apiKeys: [victim.entry, attacker.entry], rateLimitPerKey: 1_000_000 });
const app = appForFile(config);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const queue = (who: { key: string }, payload: object, headers: Record<string, string> = {}) =>
  app().inject({ method: 'POST', url: '/v1/triage/jobs', payload, headers: { authorization: `Bearer ${who.key}`, ...headers } });
const read = (who: { key: string }, id: string) =>
  app().inject({ method: 'GET', url: `/v1/triage/jobs/${id}`, headers: { authorization: `Bearer ${who.key}` } });

describe('job ids', () => {
  it('do not follow from the Idempotency-Key alone: the id computed from a known key finds nothing', async () => {
    const { job } = (await queue(victim, CALM_MAIL, { 'idempotency-key': 'helpdesk-ticket-4242-msg-7' })).json();
    const computed = `key-${sha256('helpdesk-ticket-4242-msg-7').slice(0, 32)}`;
    expect(job.id).not.toBe(computed);
    expect(job.id).not.toContain(sha256('helpdesk-ticket-4242-msg-7').slice(0, 16));
    expect((await read(attacker, computed)).statusCode).toBe(404);
    expect((await read(attacker, job.id)).statusCode).toBe(404);
  });

  it('do not follow from the Message-ID alone', async () => {
    const messageId = '<20261126101500.4242@mail.example.jp>';
    const { job } = (await queue(victim, { ...CALM_MAIL, messageId })).json();
    const computed = `msg-${sha256(messageId).slice(0, 32)}`;
    expect(job.id).not.toBe(computed);
    expect((await read(attacker, computed)).statusCode).toBe(404);
  });

  it("cannot be taken first: junk queued under a victim's Message-ID does not make the victim's real mail a 422", async () => {
    const messageId = '<20261127093000.777@mail.example.jp>';
    const junk = await queue(attacker, { body: 'テストです。よろしくお願いします。', messageId });
    expect(junk.statusCode).toBe(202);
    const real = await queue(victim, { ...FURIOUS_MAIL, messageId });
    expect(real.statusCode).toBe(202);
    expect(real.json().created).toBe(true);
    expect(real.json().job.id).not.toBe(junk.json().job.id);
  });

  it('are random when nothing makes them idempotent', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await queue(victim, CALM_MAIL)).json().job.id as string));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/-job-[0-9a-f-]{36}$/);
  });
});
