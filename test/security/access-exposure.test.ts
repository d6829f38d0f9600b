/**
 * Issue 19 row 7: safe by default. Without API keys the API is served only on loopback, unless
 * ALLOW_OPEN_API=1 says an open API is intended (then with a warning); docker compose passes the
 * keys through, so `docker compose up` without them refuses to start instead of serving an open API.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { newApiKey } from '../../src/config/api-keys.js';
import { checkExposure } from '../../src/http/access/exposure.js';
import { startApi } from '../support/api-process.js';

const key = newApiKey('support-team');

describe('checkExposure', () => {
  it('refuses a non-loopback HOST without API_KEYS, naming what to set', () => {
    expect(() => checkExposure(loadConfig({ HOST: '0.0.0.0' }))).toThrow(/HOST=0\.0\.0\.0.*API_KEYS.*ALLOW_OPEN_API=1/);
    expect(() => checkExposure(loadConfig({ HOST: '192.168.10.5' }))).toThrow(/refusing/);
  });

  it('lets loopback addresses and keyed APIs through without a word', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.53']) expect(checkExposure(loadConfig({ HOST: host }))).toBeUndefined();
    expect(checkExposure(loadConfig({ HOST: '0.0.0.0', API_KEYS: key.entry }))).toBeUndefined();
  });

  it('allows an open API with ALLOW_OPEN_API=1, and says so', () => {
    expect(checkExposure(loadConfig({ HOST: '0.0.0.0', ALLOW_OPEN_API: '1' }))).toMatch(/open.*ALLOW_OPEN_API=1/);
  });

  it('reads an empty ALLOW_OPEN_API as off and rejects a value that is not a flag', () => {
    expect(loadConfig({ ALLOW_OPEN_API: '' }).allowOpenApi).toBe(false);
    expect(() => loadConfig({ ALLOW_OPEN_API: 'yes please' })).toThrow(/ALLOW_OPEN_API/);
  });
});

describe('the server', () => {
  it('exits at start-up on 0.0.0.0 without keys', async () => {
    await expect(startApi({ env: { HOST: '0.0.0.0', ANALYSIS_THREADS: '0' }, readyTimeoutMs: 150_000 })).rejects.toThrow(
      /refusing to serve an open API/,
    );
  }, 180_000);

  it('starts open with ALLOW_OPEN_API=1', async () => {
    const api = await startApi({ env: { HOST: '0.0.0.0', ALLOW_OPEN_API: '1', ANALYSIS_THREADS: '0' }, readyTimeoutMs: 150_000 });
    try {
      const res = await fetch(`${api.url}/v1/analyze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'お世話になっております。' }),
      });
      expect(res.status).toBe(200);
    } finally {
      await api.stop();
    }
  }, 180_000);
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as {
    services: Record<'api' | 'worker', { environment: Record<string, string> }>;
  };
  /** A container's environment as docker compose builds it from the user's shell. */
  const envOf = (service: 'api' | 'worker', shell: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(compose.services[service].environment).map(([name, value]) => [
        name,
        String(value).replace(/\$\{(\w+):-\}/g, (_, v: string) => shell[v] ?? ''),
      ]),
    );
  const apiEnv = (shell: Record<string, string>) => envOf('api', shell);

  it('passes API_KEYS and ALLOW_OPEN_API through from the shell', () => {
    expect(loadConfig(apiEnv({ API_KEYS: key.entry })).apiKeys).toEqual([key.entry]);
    expect(loadConfig(apiEnv({ ALLOW_OPEN_API: '1' })).allowOpenApi).toBe(true);
  });

  it('refuses to start the API when the user set no keys', () => {
    expect(() => checkExposure(loadConfig(apiEnv({})))).toThrow(/refusing/);
    expect(checkExposure(loadConfig(apiEnv({ API_KEYS: key.entry })))).toBeUndefined();
  });

  it("passes the production checklist's TRUST_PROXY, METRICS_TOKEN and ID_SECRET through, the id secret and token to the worker too", () => {
    const shell = { TRUST_PROXY: '10.0.0.2', METRICS_TOKEN: 'metrics-token-0123456789', ID_SECRET: 'id-secret-0123456789abcdef' };
    expect(loadConfig(apiEnv(shell))).toMatchObject({
      trustProxy: ['10.0.0.2'],
      metricsToken: shell.METRICS_TOKEN,
      idSecret: shell.ID_SECRET,
    });
    expect(loadConfig(envOf('worker', shell))).toMatchObject({ metricsToken: shell.METRICS_TOKEN, idSecret: shell.ID_SECRET });
  });

  it('leaves them at their defaults when the user set none', () => {
    for (const service of ['api', 'worker'] as const) {
      const config = loadConfig(envOf(service, {}));
      expect(config.metricsToken).toBeUndefined();
      expect(config.idSecret).toBeUndefined();
      expect(config.trustProxy).toBe(false);
    }
  });
});
