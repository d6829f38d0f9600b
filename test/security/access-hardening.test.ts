/**
 * Issue 19 rows 10 and 12: slow clients are cut off and connections capped; query strings never
 * reach the log; /metrics can require a token; the per-IP limit reads X-Forwarded-For only when
 * TRUST_PROXY says a proxy is there.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { newApiKey } from '../../src/config/api-keys.js';
import { testApp } from '../support/app.js';

const team = newApiKey('support-team');
const prefix = `test-access-hardening-${process.pid}-${Date.now().toString(36)}`;
const open: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});
let apps = 0;
/** An app with rate-limit counters of its own (a fresh Redis key prefix), closed after the test. */
const app = async (...args: Parameters<typeof testApp>) => {
  const built = await testApp({ queuePrefix: `${prefix}-${(apps += 1)}`, ...args[0] }, args[1]);
  open.push(built);
  return built;
};

describe('request logs', () => {
  it('carry the path and the names of query parameters, never their values', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const logged = await app({}, { logger: pino({ level: 'info' }, sink) });
    await logged.inject({ method: 'GET', url: '/healthz?api_key=ondo_leaked-secret-value&email=yamada%40example.jp' });
    await logged.inject({ method: 'GET', url: '/no-such-page?token=ondo_leaked-secret-value' });
    const log = lines.join('');
    expect(log).not.toContain('leaked-secret-value');
    expect(log).not.toContain('yamada');
    const incoming = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'incoming request');
    expect(incoming.req).toMatchObject({ method: 'GET', url: '/healthz', queryNames: ['api_key', 'email'] });
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789abcdef';

  it('answers 401 without the token and the metrics with it', async () => {
    const metrics = await app({ metricsToken: token });
    const refused = await metrics.inject({ method: 'GET', url: '/metrics' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const served = await metrics.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(served.statusCode).toBe(200);
    expect(served.body).toContain('ondo_http_requests_total');
  });

  it('throttles wrong tokens per IP', async () => {
    const metrics = await app({ metricsToken: token, rateLimitPerIp: 3 });
    const seen: number[] = [];
    for (let i = 0; i < 5; i++)
      seen.push((await metrics.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer guess-${i}` } })).statusCode);
    expect(seen).toEqual([401, 401, 401, 429, 429]);
  });

  it('is read from METRICS_TOKEN, hidden in configuration errors', () => {
    expect(loadConfig({ METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN=\(hidden\)/);
  });
});

describe('TRUST_PROXY', () => {
  const guesses = async (instance: FastifyInstance) => {
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await instance.inject({
        method: 'POST',
        url: '/v1/analyze',
        payload: { body: 'テスト' },
        headers: { authorization: 'Bearer ondo_guess', 'x-forwarded-for': `198.51.100.${i}` },
      });
      seen.push(res.statusCode);
    }
    return seen;
  };

  it('is off by default: X-Forwarded-For cannot buy a fresh per-IP bucket', async () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(await guesses(await app({ apiKeys: [team.entry], rateLimitPerIp: 2 }))).toEqual([401, 401, 429, 429]);
  });

  it('behind a trusted proxy, counts each client address on its own', async () => {
    expect(await guesses(await app({ apiKeys: [team.entry], rateLimitPerIp: 2, trustProxy: ['127.0.0.1'] }))).toEqual([401, 401, 401, 401]);
  });

  it('reads off, on, a hop count or proxy addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'on' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.10']);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
  });
});

describe('slow clients and connection caps', () => {
  const listen = async (overrides: Parameters<typeof testApp>[0]) => {
    const server = await app(overrides);
    await server.listen({ port: 0, host: '127.0.0.1' });
    return (server.server.address() as { port: number }).port;
  };
  /** Resolves with the ms until the server closed the socket (or answered and closed it). */
  const closedAfter = (socket: Socket) => {
    const started = Date.now();
    return new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  };
  const trickle = (socket: Socket, byte: string, everyMs: number) => {
    const timer = setInterval(() => socket.writable && socket.write(byte), everyMs);
    socket.once('close', () => clearInterval(timer));
    return timer;
  };

  it('close a request whose body trickles in a byte at a time', async () => {
    const port = await listen({ requestTimeoutMs: 1_000, headersTimeoutMs: 500 });
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    await once(socket, 'connect');
    const closed = closedAfter(socket);
    socket.write('POST /v1/analyze HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{');
    trickle(socket, ' ', 200); // 200 bytes at 5 a second: 40 s if nothing stopped it
    expect(await closed).toBeLessThan(4_000);
  });

  it('close a connection whose headers trickle in', async () => {
    const port = await listen({ requestTimeoutMs: 1_000, headersTimeoutMs: 500 });
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    await once(socket, 'connect');
    const closed = closedAfter(socket);
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    trickle(socket, 'X', 100);
    expect(await closed).toBeLessThan(4_000);
  });

  it('refuse connections past MAX_CONNECTIONS', async () => {
    const port = await listen({ maxConnections: 2 });
    const sockets = await Promise.all(
      [0, 1].map(async () => {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => {});
        await once(socket, 'connect');
        return socket;
      }),
    );
    const third = connect(port, '127.0.0.1');
    third.on('error', () => {});
    expect(await closedAfter(third)).toBeLessThan(2_000);
    for (const socket of sockets) socket.destroy();
  });

  it('have safe defaults', () => {
    expect(loadConfig({})).toMatchObject({
      requestTimeoutMs: 60_000,
      headersTimeoutMs: 10_000,
      connectionTimeoutMs: 120_000,
      maxConnections: 2_000,
      maxRequestsPerSocket: 1_000,
    });
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '90000', REQUEST_TIMEOUT_MS: '60000' })).toThrow(/HEADERS_TIMEOUT_MS/);
  });
});
