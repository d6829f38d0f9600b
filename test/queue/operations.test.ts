import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from 'ioredis';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createRedisClient } from '../../src/queue/connection.js';
import { CALM_MAIL, deleteQueueKeys, queueTestApp, queueTestConfig } from './support.js';

const config = queueTestConfig('operations', { adminUser: 'admin', adminPassword: 'correct horse battery' });
let app: FastifyInstance;

beforeAll(async () => {
  app = await queueTestApp(config);
});
afterAll(async () => {
  await app.close();
  await deleteQueueKeys(config);
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('GET /metrics', () => {
  it('counts requests by route and status and reports jobs by state, in Prometheus text format', async () => {
    await app.inject({ method: 'POST', url: '/v1/triage/jobs', payload: CALM_MAIL });
    await app.inject({ method: 'GET', url: '/v1/triage/jobs/job-missing' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('ondo_http_requests_total{method="POST",route="/v1/triage/jobs",status_code="202"} 1');
    expect(res.body).toContain('ondo_http_requests_total{method="GET",route="/v1/triage/jobs/:id",status_code="404"} 1');
    expect(res.body).toContain('ondo_http_request_duration_seconds_count{method="POST",route="/v1/triage/jobs",status_code="202"} 1');
    expect(res.body).toContain('ondo_queue_jobs{queue="triage",state="waiting"} 1');
    expect(res.body).toContain('ondo_queue_jobs{queue="followups",state="delayed"} 0');
    expect(res.body).toContain('ondo_redis_up 1');
    expect(res.body).toContain('ondo_review_queue_drafts 0');
  });
});

describe('the queue dashboard at /admin/queues', () => {
  it('asks for the admin credentials with a 401 problem', async () => {
    for (const authorization of [undefined, basic('admin', 'wrong password!!'), basic('root', 'correct horse battery')]) {
      const res = await app.inject({ method: 'GET', url: '/admin/queues', headers: authorization ? { authorization } : {} });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Basic realm="ondo queues"');
      expect(res.json().type).toBe('urn:ondo:problem:unauthorized');
    }
  });

  it('serves bull-board with both queues to the admin', async () => {
    const page = await app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { authorization: basic('admin', 'correct horse battery') },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const api = await app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { authorization: basic('admin', 'correct horse battery') },
    });
    expect(
      api
        .json()
        .queues.map((q: { name: string }) => q.name)
        .sort(),
    ).toEqual(['followups', 'triage']);
  });

  it('stays out of the OpenAPI document', () => {
    const paths = Object.keys((app.swagger() as { paths: Record<string, unknown> }).paths);
    expect(paths.filter((p) => p.startsWith('/admin'))).toEqual([]);
  });

  it('is not mounted without credentials, and half a pair of credentials is a config error', async () => {
    const plainConfig = queueTestConfig('operations-plain');
    const plain = await queueTestApp(plainConfig);
    try {
      expect((await plain.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(404);
    } finally {
      await plain.close();
      await deleteQueueKeys(plainConfig); // the queues' meta keys
    }
    expect(() => loadConfig({ ADMIN_USER: 'admin' })).toThrow(ConfigError);
    expect(loadConfig({ ADMIN_USER: 'admin', ADMIN_PASSWORD: 'correct horse battery' })).toMatchObject({ adminUser: 'admin' });
  });
});

describe('queue configuration', () => {
  it('reads REDIS_URL and the queue settings from the environment, with defaults', () => {
    expect(loadConfig({})).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      redisCluster: false,
      queuePrefix: '{ondo}',
      queueTimeScale: 1,
      jobAttempts: 5,
    });
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379/2', QUEUE_TIME_SCALE: '0.000001', JOB_ATTEMPTS: '3' })).toMatchObject({
      redisUrl: 'redis://redis:6379/2',
      queueTimeScale: 0.000001,
      jobAttempts: 3,
    });
    expect(() => loadConfig({ REDIS_URL: 'http://redis' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ QUEUE_TIME_SCALE: 'fast' })).toThrow(/QUEUE_TIME_SCALE/);
  });

  it('makes the key prefix a Redis Cluster hash tag, so every key of an installation shares one slot', () => {
    expect(loadConfig({ QUEUE_PREFIX: 'acme' }).queuePrefix).toBe('{acme}');
    expect(loadConfig({ QUEUE_PREFIX: '{acme}' }).queuePrefix).toBe('{acme}');
    expect(() => loadConfig({ QUEUE_PREFIX: 'acme}:x' })).toThrow(/QUEUE_PREFIX/);
  });

  it('talks to Redis Cluster when REDIS_URL lists several nodes or REDIS_CLUSTER is on', () => {
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.1:6379,redis://10.0.0.2:6379' })).toMatchObject({ redisCluster: true });
    expect(loadConfig({ REDIS_URL: 'rediss://cluster.example:6379', REDIS_CLUSTER: 'on' })).toMatchObject({ redisCluster: true });
    expect(() => loadConfig({ REDIS_URL: 'redis://a:6379,http://b' })).toThrow(/REDIS_URL/);
  });

  it("gives every cluster node the first URL's credentials and TLS, and keeps a TLS node's host name for its certificate", () => {
    const target = loadConfig({ REDIS_URL: 'rediss://ondo:s%3Acret@cluster.example:6380', REDIS_CLUSTER: 'on' });
    const client = createRedisClient(target, { lazyConnect: true }) as Cluster;
    expect(client).toBeInstanceOf(Cluster);
    expect(client.options.redisOptions).toMatchObject({ username: 'ondo', password: 's:cret', tls: {} });
    const looked: string[] = [];
    client.options.dnsLookup!('node-1.cluster.example', (_err, address) => looked.push(address));
    expect(looked).toEqual(['node-1.cluster.example']);
    client.disconnect();

    const plain = createRedisClient('redis://10.0.0.1:6379,redis://10.0.0.2:6379', { lazyConnect: true }) as Cluster;
    expect(plain.options.redisOptions).not.toHaveProperty('tls');
    plain.disconnect();
  });
});
