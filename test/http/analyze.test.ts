import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tokenizer } from '../../src/analysis/tokenizer/index.js';
import { buildApp } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import { testApp } from '../support/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp({ maxBodyBytes: 4096 });
});
afterAll(() => app.close());

function post(payload: string | Buffer, contentType = 'application/json') {
  return app.inject({ method: 'POST', url: '/v1/analyze', headers: { 'content-type': contentType }, payload });
}

function expectProblem(res: Awaited<ReturnType<typeof post>>, status: number, kind: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ type: `urn:ondo:problem:${kind}`, status });
  expect(body.detail).toBeTruthy();
  expect(body.instance).toBe(res.headers['x-request-id']);
  return body;
}

describe('POST /v1/analyze', () => {
  it('scores a mail and reports the dictionary version', async () => {
    const res = await post(JSON.stringify({ subject: 'ご質問', body: '商品の色違いはありますか。' }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.level).toBe('calm');
    expect(body.dictionaryVersion).toBe(app.analysis.dictionaries.version);
  });

  it('answers malformed JSON with invalid-json', async () => {
    expectProblem(await post('{"body": "途中で切れた'), 400, 'invalid-json');
  });

  it('answers an empty request body with invalid-json', async () => {
    expectProblem(await post(''), 400, 'invalid-json');
  });

  it('answers a missing body field with a validation problem naming it', async () => {
    const problem = expectProblem(await post(JSON.stringify({ subject: '件名だけ' })), 400, 'validation');
    expect(problem.detail).toContain('body');
  });

  it('answers an empty or whitespace-only body with a validation problem', async () => {
    expectProblem(await post(JSON.stringify({ body: '' })), 400, 'validation');
    expectProblem(await post(JSON.stringify({ body: ' \n　' })), 400, 'validation');
  });

  it('answers a non-string body with a validation problem', async () => {
    const problem = expectProblem(await post(JSON.stringify({ body: 42 })), 400, 'validation');
    expect(problem.errors).toContainEqual({ path: '/body', message: expect.stringContaining('string') });
  });

  it('answers an unknown field with a validation problem (typos are not ignored)', async () => {
    expectProblem(await post(JSON.stringify({ body: '本文', bodyy: 'x' })), 400, 'validation');
  });

  it('answers a JSON array with a validation problem', async () => {
    expectProblem(await post('["本文"]'), 400, 'validation');
  });

  it('answers a mail over MAX_BODY_BYTES with 413, counting UTF-8 bytes', async () => {
    const justFits = 'あ'.repeat(1365); // 4095 bytes
    expect((await post(JSON.stringify({ body: justFits }))).statusCode).toBe(200);
    const problem = expectProblem(await post(JSON.stringify({ body: 'あ'.repeat(1366) })), 413, 'payload-too-large');
    expect(problem.detail).toContain('4096');
  });

  it('answers a request far over the limit with 413 before parsing it', async () => {
    expectProblem(await post(JSON.stringify({ body: 'a'.repeat(200_000) })), 413, 'payload-too-large');
  });

  it('answers a wrong content type with 415', async () => {
    const problem = expectProblem(await post('本文です', 'text/plain'), 415, 'unsupported-media-type');
    expect(problem.detail).toContain('text/plain');
  });

  it('answers invalid UTF-8 with invalid-utf8 instead of scoring replacement characters', async () => {
    const bytes = Buffer.concat([Buffer.from('{"body":"'), Buffer.from([0x82, 0xa0, 0xff]), Buffer.from('"}')]);
    expectProblem(await post(bytes), 400, 'invalid-utf8');
  });

  it('answers an unknown path with not-found problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/nothing' });
    expectProblem(res, 404, 'not-found');
  });

  it('echoes a caller-supplied request id and makes one otherwise', async () => {
    const given = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'helpdesk-123' } });
    expect(given.headers['x-request-id']).toBe('helpdesk-123');
    const made = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\n' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health', () => {
  it('answers /healthz at once and /readyz 503 until the tokenizer has loaded', async () => {
    let release!: (t: Tokenizer) => void;
    const tokenizer = new Promise<Tokenizer>((r) => (release = r));
    const starting = await buildApp({ config: { ...loadConfig({}), rateLimitPerIp: 1_000_000 }, logger: false, tokenizer });
    try {
      expect((await starting.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const notReady = await starting.inject({ method: 'GET', url: '/readyz' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json().checks.tokenizer).toBe('loading');
      const early = await starting.inject({ method: 'POST', url: '/v1/analyze', payload: { body: '至急ご確認ください' } });
      expectProblem(early, 503, 'not-ready');
      expect(early.headers['retry-after']).toBe('2');

      release(app.analysis.engine().tokenizer);
      await starting.analysis.ready;
      const ready = await starting.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ready', checks: { tokenizer: 'up' } });
    } finally {
      await starting.close();
    }
  });
});
