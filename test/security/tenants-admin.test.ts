/**
 * An admin key (API_KEYS entry name@*) sees and acts on every tenant's jobs and deliveries; keys
 * of a named tenant (name@tenant) share that tenant's, and see nobody else's.
 */
import { describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/config/api-keys.js';
import { integrationTestConfig } from '../integrations/support.js';
import { appForFile, TICKET_TEXT, tenantRequests } from './tenants-support.js';

const desk = newApiKey('desk', 'acme');
const other = newApiKey('other');
const ops = newApiKey('ops', '*');
const config = integrationTestConfig(
  'tenants-admin',
  'http://127.0.0.1:9',
  { apiKeys: [desk.entry, other.entry, ops.entry], rateLimitPerKey: 1_000_000 },
  { zendesk: { tenant: 'acme' } },
);
const app = appForFile(config);

const { webhook, clientJob, get } = tenantRequests(app);

describe('an admin key (API_KEYS name@*)', () => {
  it("sees every tenant's jobs and deliveries", async () => {
    const { jobId, deliveryId } = (await webhook(9004)).json();
    const theirs = (await clientJob(other, 'other-1', { body: TICKET_TEXT })).json().job.id;
    expect((await get(ops, `/v1/triage/jobs/${jobId}`)).statusCode).toBe(200);
    expect((await get(ops, `/v1/triage/jobs/${theirs}`)).statusCode).toBe(200);
    expect((await get(ops, `/v1/deliveries/${deliveryId}`)).statusCode).toBe(200);
    const listed = (await get(ops, '/v1/triage/jobs?state=queued&limit=500')).json();
    expect(listed.jobs.map((j: { id: string }) => j.id)).toEqual(expect.arrayContaining([jobId, theirs]));
    const ownView = (await get(other, '/v1/triage/jobs?state=queued&limit=500')).json();
    expect(ownView.jobs.map((j: { id: string }) => j.id)).toEqual([theirs]);
    expect(ownView.counts.queued).toBe(1);
  });

  it("lets keys of a named tenant (name@tenant) share its integration's jobs, and nobody else's", async () => {
    const { jobId } = (await webhook(9005)).json();
    expect((await get(desk, `/v1/triage/jobs/${jobId}`)).statusCode).toBe(200);
    expect((await get(other, `/v1/triage/jobs/${jobId}`)).statusCode).toBe(404);
  });
});
