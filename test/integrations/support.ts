/**
 * Integration tests: a config with integrations pointing at a fake helpdesk (a real HTTP server on
 * 127.0.0.1, port 0, recording every request), signing helpers for each provider, and the queue
 * tests' Redis helpers (unique key prefix per file, deleted afterwards).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../src/config.js';
import type { TriageResult } from '../../src/drafting/triage-schema.js';
import { hmacSha256, signStandardWebhook } from '../../src/integrations/signature.js';
import { parseIntegrationSettings } from '../../src/config/integrations.js';
import { queueTestConfig } from '../queue/support.js';

export { deleteQueueKeys, silentLog, waitUntil } from '../queue/support.js';

export const ZENDESK_SECRET = 'zendesk-signing-secret-new';
export const ZENDESK_OLD_SECRET = 'zendesk-signing-secret-old';
export const FRESHDESK_TOKEN = 'freshdesk-shared-token-0123456789';
export const GENERIC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const CALLBACK_SECRET = 'whsec_Y2FsbGJhY2stc2VjcmV0LWZvci10ZXN0cw==';
export const MAILGUN_KEY = 'mailgun-signing-key-test';
export const BASIC = 'ondo:inbound-password-123';

/** A furious P1 mail's real triage result (test/integrations/fixtures), for delivery tests without a tokenizer. */
export const TRIAGE_RESULT = JSON.parse(readFileSync(new URL('./fixtures/triage-result.json', import.meta.url), 'utf8')) as TriageResult;

/** The Zendesk integration `acme` against a fake helpdesk, as INTEGRATIONS lists it (signed with ZENDESK_SECRET unless `extra` says otherwise). */
export function zendeskIntegration(helpdesk: string, extra: object = {}) {
  return {
    id: 'acme',
    provider: 'zendesk',
    signingSecrets: [ZENDESK_SECRET],
    baseUrl: helpdesk,
    email: 'agent@acme.example',
    apiToken: 'zd-api-token',
    ...extra,
  };
}

export function integrationSettings(helpdesk: string, extra: Record<string, unknown> = {}, more: object[] = []) {
  const callback = { url: `${helpdesk}/callback`, secrets: [CALLBACK_SECRET] };
  return parseIntegrationSettings(
    [
      zendeskIntegration(helpdesk, { signingSecrets: [ZENDESK_SECRET, ZENDESK_OLD_SECRET], ...(extra.zendesk as object) }),
      {
        id: 'acme',
        provider: 'freshdesk',
        tokens: [FRESHDESK_TOKEN],
        baseUrl: helpdesk,
        apiKey: 'fd-api-key-123',
        ...(extra.freshdesk as object),
      },
      { id: 'tools', provider: 'generic', secrets: [GENERIC_SECRET], callback },
      { id: 'acme', provider: 'postmark', basicAuth: [BASIC], callback },
      { id: 'acme', provider: 'sendgrid', basicAuth: [BASIC], callback, ...(extra.sendgrid as object) },
      { id: 'acme', provider: 'mailgun', signingKeys: [MAILGUN_KEY], callback },
      ...more,
    ],
    {},
  );
}

export function integrationTestConfig(
  name: string,
  helpdesk: string,
  overrides: Partial<Config> = {},
  extra: Record<string, unknown> = {},
  more: object[] = [],
): Config {
  return queueTestConfig(name, {
    integrations: integrationSettings(helpdesk, extra, more),
    deliveryAttempts: 3,
    deliveryBackoffMs: 50,
    deliveryPollMs: 50,
    deliveryTimeoutMs: 2_000,
    ...overrides,
  });
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A helpdesk on 127.0.0.1: records requests and answers with `respond` (default: what a real helpdesk answers). */
export class FakeHelpdesk {
  readonly requests: RecordedRequest[] = [];
  respond: (request: RecordedRequest) => FakeResponse = defaultResponse;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const recorded = {
          method: req.method!,
          path: req.url!,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        this.requests.push(recorded);
        const answer = this.respond(recorded);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Requests that post a note (not the GETs of a reconciliation). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  reset(): void {
    this.requests.length = 0;
    this.respond = defaultResponse;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let noteIds = 9000;
/** What a real helpdesk answers: a note id, an empty comment list, a ticket with one tag. */
export function defaultResponse(request: RecordedRequest): FakeResponse {
  if (request.method === 'PUT' && /^\/api\/v2\/tickets\/\d+\.json$/.test(request.path)) {
    const id = ++noteIds;
    return { status: 200, body: { ticket: {}, audit: { id: id + 100000, events: [{ id, type: 'Comment' }] } } };
  }
  if (request.method === 'POST' && /\/notes$/.test(request.path)) return { status: 201, body: { id: ++noteIds, private: true } };
  if (request.method === 'POST' && request.path === '/callback') return { status: 200, body: {} };
  if (request.method === 'GET' && /\/comments\.json/.test(request.path)) return { status: 200, body: { comments: [] } };
  if (request.method === 'GET' && /\/conversations$/.test(request.path)) return { status: 200, body: [] };
  if (request.method === 'GET' && /^\/api\/v2\/tickets\/\d+$/.test(request.path)) return { status: 200, body: { id: 1, tags: ['vip'] } };
  if (request.method === 'PUT') return { status: 200, body: {} };
  return { status: 404, body: { error: 'not found' } };
}

/** Zendesk's headers for a body: base64 HMAC-SHA256(secret, timestamp + body). */
export function zendeskHeaders(body: string, options: { secret?: string; timestamp?: string; invocation?: string } = {}) {
  const timestamp = options.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'content-type': 'application/json',
    'x-zendesk-webhook-id': '01HZENDESKWEBHOOK',
    'x-zendesk-webhook-invocation-id': options.invocation ?? String(Math.floor(Math.random() * 1e10)),
    'x-zendesk-webhook-signature-timestamp': timestamp,
    'x-zendesk-webhook-signature': hmacSha256(options.secret ?? ZENDESK_SECRET, timestamp, body).toString('base64'),
  };
}

export function standardHeaders(body: string, options: { id?: string; timestamp?: number; secret?: string } = {}) {
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signStandardWebhook(options.secret ?? GENERIC_SECRET, id, timestamp, body),
  };
}

export function mailgunFields(fields: Record<string, string>, options: { timestamp?: number; token?: string; key?: string } = {}): string {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const token = options.token ?? Math.random().toString(36).slice(2).padEnd(50, 'x');
  const signature = hmacSha256(options.key ?? MAILGUN_KEY, timestamp, token).toString('hex');
  return new URLSearchParams({ ...fields, timestamp, token, signature }).toString();
}

export function basicAuth(credentials = BASIC): string {
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}

/** A multipart/form-data body whose field values are given as bytes (SendGrid sends each in its mail's charset). */
export function multipart(fields: Record<string, string | Buffer>, boundary = 'xYzZY'): { body: Buffer; contentType: string } {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`, 'utf8'));
    parts.push(Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Zendesk on 127.0.0.1 that keeps the notes of each ticket, so a retried delivery can find its own. */
export function statefulZendesk(helpdesk: FakeHelpdesk, notes: Map<string, { id: number; public: boolean; body: string }[]>): void {
  let nextId = 50_000;
  helpdesk.respond = (request) => {
    const put = /^\/api\/v2\/tickets\/(\w+)\.json$/.exec(request.path);
    if (request.method === 'PUT' && put) {
      const comment = JSON.parse(request.body).ticket.comment as { body?: string; html_body?: string };
      const id = ++nextId;
      notes.set(put[1]!, [...(notes.get(put[1]!) ?? []), { id, public: false, body: comment.body ?? comment.html_body ?? '' }]);
      return { status: 200, body: { ticket: {}, audit: { id: id + 100_000, events: [{ id, type: 'Comment' }] } } };
    }
    const list = /^\/api\/v2\/tickets\/(\w+)\/comments\.json/.exec(request.path);
    if (request.method === 'GET' && list) return { status: 200, body: { comments: notes.get(list[1]!) ?? [] } };
    return defaultResponse(request);
  };
}
