/**
 * With the manual's parsed YAML kept from an earlier start (DICTIONARY_CACHE_DIR), the API starts its
 * analysis threads before its main thread reads the manual, so both load at once. The threads then
 * serve as before, and a manual broken between two starts still stops the start.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DICTIONARIES_DIR } from '../../src/analysis/lexicon/load.js';
import { parsedYamlCacheFile } from '../../src/analysis/lexicon/parsed-yaml-cache.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';

const root = mkdtempSync(join(tmpdir(), 'ondo-early-pool-'));
const dictionariesDir = join(root, 'dictionaries');
const dictionaryCacheDir = join(root, 'cache');
cpSync(DEFAULT_DICTIONARIES_DIR, dictionariesDir, { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = () => ({ ...loadConfig({ ANALYSIS_THREADS: '1' }), rateLimitPerIp: 1_000_000, dictionariesDir, dictionaryCacheDir });

describe('the API started with the parsed YAML of an earlier start', () => {
  it('analyses through threads that started before the manual was read', async () => {
    const first = await buildApp({ config: config(), logger: false });
    await first.analysis.ready;
    await first.close();
    expect(existsSync(parsedYamlCacheFile(dictionaryCacheDir, dictionariesDir)!)).toBe(true);

    const app = await buildApp({ config: config(), logger: false });
    try {
      await app.analysis.ready;
      expect(app.analysis.mode).toBe('pool');
      expect(await app.analysis.threads()).toHaveLength(1);
      const response = await app.inject({
        method: 'POST',
        url: '/v1/analyze',
        payload: { subject: '至急対応しろ', body: '何度も問い合わせているのに返信がない。' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().dictionaryVersion).toBe(app.analysis.dictionaries.version);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('refuses a manual broken since, naming the file', async () => {
    const scoring = join(dictionariesDir, 'scoring.yaml');
    writeFileSync(scoring, `${readFileSync(scoring, 'utf8')}\nnot: [closed\n`);
    await expect(buildApp({ config: config(), logger: false })).rejects.toThrow(/scoring\.yaml/);
  }, 120_000);
});
