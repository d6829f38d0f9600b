import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { imageEnvironment } from '../../bench/image-env.js';
import { loadConfig } from '../../src/config.js';

// No Docker engine runs on our machines: the stack is checked as text here and run against the local Redis elsewhere.
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const dockerfile = read('Dockerfile');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
/** The variables ondo reads: the configuration table's, and those the integration settings read themselves. */
const configSource = read('src/config/settings.ts') + read('src/config/integrations.ts');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}

const { redis, api, worker } = compose.services as Record<'redis' | 'api' | 'worker', Service>;
const seconds = (period: string) => Number(/^(\d+)s$/.exec(period)?.[1]);
/** The environment a container gets, with ${VAR:-} left empty as docker compose would. */
const envOf = (service: Service) =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{[^}]*\}/g, '')]));

describe('docker-compose.yml', () => {
  it('runs redis, api and worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'redis', 'worker']);
  });

  it('keeps Redis data in an append-only file on a named volume, with a health check', () => {
    expect(redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(redis.volumes).toEqual(['redis-data:/data']);
    expect(compose.volumes).toHaveProperty('redis-data');
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('starts the API as npm start does, on port 3000, once Redis is healthy', () => {
    expect(scripts.start).toBe(`node ${api.command![1]}`);
    expect(api.command).toEqual(['node', 'dist/server.js']);
    expect(api.ports).toEqual(['3000:3000']);
    expect(api.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(api.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:3000/readyz');
  });

  it('starts the worker as npm run worker does, with its health check on WORKER_PORT', () => {
    expect(scripts.worker).toBe(`node ${worker.command![1]}`);
    expect(worker.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(worker.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${envOf(worker).WORKER_PORT}/healthz`);
    expect(worker.expose).toEqual([envOf(worker).WORKER_PORT]);
  });

  it('gives the worker longer to stop than its shutdown timeout, so in-flight jobs finish before SIGKILL', () => {
    expect(seconds(worker.stop_grace_period!) * 1000).toBeGreaterThan(Number(envOf(worker).SHUTDOWN_TIMEOUT_MS));
  });

  it('sets only variables ondo reads, with values its config accepts', () => {
    for (const service of [api, worker]) {
      for (const name of Object.keys(service.environment ?? {}))
        expect(configSource, name).toMatch(new RegExp(`env: '${name}'|env\\.${name}\\b`));
      const config = loadConfig(envOf(service));
      expect(config).toMatchObject({ redisUrl: 'redis://redis:6379', host: '0.0.0.0' });
    }
    expect(loadConfig(envOf(worker)).workerPort).toBe(3001);
  });

  it('builds api and worker from the one Dockerfile', () => {
    expect(api.build).toBe('.');
    expect(worker.build).toBe('.');
    expect(api.image).toBe(worker.image);
  });
});

describe('Dockerfile', () => {
  it('builds on the Node.js major the project runs on and starts the API by default', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const major = /^FROM node:(\d+)/m.exec(dockerfile)?.[1];
    expect(engines).toContain(`>=${major}`);
    expect(dockerfile).toContain('RUN npm run build');
    expect(dockerfile).toContain('COPY dictionaries ./dictionaries');
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/server.js"\]$/m);
    expect(dockerfile).toMatch(/^EXPOSE 3000 3001$/m);
  });

  it('runs both processes on two malloc arenas and a small main-thread nursery, as the benches measure them, and compose keeps them', () => {
    expect(imageEnvironment(dockerfile)).toEqual({
      NODE_ENV: 'production',
      MALLOC_ARENA_MAX: '2',
      NODE_OPTIONS: '--max-semi-space-size=2',
    });
    // Only the final stage's ENV reaches the container: an ENV in the build stage must not count.
    expect(imageEnvironment('FROM node:20 AS build\nENV A=1\nFROM node:20-slim\nENV B=2 C=3\n')).toEqual({ B: '2', C: '3' });
    for (const service of [api, worker])
      for (const name of ['MALLOC_ARENA_MAX', 'NODE_OPTIONS']) expect(envOf(service)).not.toHaveProperty(name);
  });
});
