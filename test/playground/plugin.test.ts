import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import playground from '../../src/http/plugins/playground.js';
import { testApp } from '../support/app.js';

const PLAYGROUND_DIR = fileURLToPath(new URL('../../src/http/playground/', import.meta.url));

describe('playground plugin', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the page at / with its script and stylesheet from /assets', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<html lang="ja">');
    expect(response.body).toContain('<script type="module" src="/assets/playground.js"></script>');
    expect(response.body).toMatch(/<link rel="stylesheet" href="\/assets\/playground\.css"\s*\/?>/);
  });

  it('serves the review inbox at /inbox, on the same stylesheet, with its own script', async () => {
    const response = await app.inject({ method: 'GET', url: '/inbox' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<title>ondo 下書きレビュー</title>');
    expect(response.body).toContain('<script type="module" src="/assets/inbox.js"></script>');
    expect(response.body).toMatch(/<link rel="stylesheet" href="\/assets\/playground\.css"\s*\/?>/);
  });

  it("needs nothing a strict CSP (default-src 'self') forbids: no inline script, style or handler, nothing from elsewhere", async () => {
    for (const url of ['/', '/inbox']) {
      const html = (await app.inject({ method: 'GET', url })).body;
      expect(html, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html, url).not.toMatch(/<style|\sstyle=/);
      expect(html, url).not.toMatch(/\son[a-z]+=/);
      expect(html, url).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    for (const name of readdirSync(join(PLAYGROUND_DIR, 'assets')).filter((n) => n.endsWith('.js'))) {
      const source = readFileSync(join(PLAYGROUND_DIR, 'assets', name), 'utf8');
      expect(source, name).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function|setAttribute\('style'/);
    }
  });

  it("gives both pages the header's API key field, written once in partials/", async () => {
    for (const url of ['/', '/inbox']) {
      const html = (await app.inject({ method: 'GET', url })).body;
      expect(html, url).toContain('<input type="password" id="api-key"');
      expect(html, url).not.toContain('<!-- partial:');
    }
  });

  it('serves every module the page imports, as JavaScript', async () => {
    const assetsDir = join(PLAYGROUND_DIR, 'assets');
    const imported = new Set(['playground.js', 'inbox.js', 'playground.css']);
    for (const name of readdirSync(assetsDir).filter((n) => n.endsWith('.js'))) {
      for (const match of readFileSync(join(assetsDir, name), 'utf8').matchAll(/from '\.\/([\w-]+\.js)'/g)) imported.add(match[1]!);
    }
    for (const name of imported) {
      const response = await app.inject({ method: 'GET', url: `/assets/${name}` });
      expect(response.statusCode, name).toBe(200);
      expect(response.headers['content-type'], name).toMatch(name.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
    }
  });

  it('answers 304 while a file is unchanged', async () => {
    const first = await app.inject({ method: 'GET', url: '/assets/playground.js' });
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await app.inject({
      method: 'GET',
      url: '/assets/playground.js',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers 404 problem+json for an asset that does not exist and never serves the type declarations', async () => {
    for (const url of ['/assets/nope.js', '/assets/segments.d.ts', '/assets/..%2Findex.html']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().type).toBe('urn:ondo:problem:not-found');
    }
  });

  it("gives the page the manual's own labels for categories, scenarios and placeholders", async () => {
    const labels = (await app.inject({ method: 'GET', url: '/assets/labels.json' })).json();
    expect(labels.categories['polite-annoyance']).toBe('丁寧な苛立ち');
    expect(labels.scenarios['delivery-delay']).toBe('配送遅延・未着');
    expect(labels.placeholders['delivery-delay']['注文番号']).toMatch(/ご注文番号/);
  });

  it('tells the page whether corrections are kept (FEEDBACK), so 「判定が違う」 can say when they are not', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/labels.json' })).json().features).toEqual({ feedback: false });
    const withFeedback = await testApp({ feedback: true });
    try {
      expect((await withFeedback.inject({ method: 'GET', url: '/assets/labels.json' })).json().features).toEqual({ feedback: true });
    } finally {
      await withFeedback.close();
    }
  });

  it('keeps the page out of the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    expect(paths.filter((p) => p === '/' || p === '/inbox' || p.startsWith('/assets'))).toEqual([]);
  });
});

describe('PLAYGROUND=off', () => {
  it('reads on and off from the environment and rejects anything else', () => {
    expect(loadConfig({}).playground).toBe(true);
    expect(loadConfig({ PLAYGROUND: 'off' }).playground).toBe(false);
    expect(() => loadConfig({ PLAYGROUND: 'no' })).toThrow(ConfigError);
    expect(() => loadConfig({ PLAYGROUND: 'no' })).toThrow(/PLAYGROUND="no": must be on or off/);
  });

  it('leaves /, /inbox and /assets unmounted', async () => {
    const app = await testApp({ playground: false });
    try {
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/inbox' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/assets/playground.js' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('playground files missing', () => {
  it('starts without the page, with a warning, when its files were not shipped', async () => {
    const warnings: string[] = [];
    const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void warnings.push(JSON.parse(line).msg) } } });
    // Stand-ins for the plugins the playground depends on.
    await app.register(fp(async () => {}, { name: 'analysis' }));
    await app.register(fp(async () => {}, { name: 'drafting' }));
    await app.register(fp(async () => {}, { name: 'feedback' }));
    await app.register(playground, { enabled: true, dir: '/nonexistent/playground' });
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
    expect(warnings).toEqual([expect.stringMatching(/^playground files not found: \/ is not served/)]);
    await app.close();
  });
});
