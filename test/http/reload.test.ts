import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DICTIONARIES_DIR } from '../../src/analysis/lexicon/load.js';
import { DictionaryError } from '../../src/analysis/lexicon/errors.js';
import { testApp } from '../support/app.js';

let dir: string;
let app: FastifyInstance;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ondo-reload-'));
  cpSync(DEFAULT_DICTIONARIES_DIR, dir, { recursive: true });
  app = await testApp({ dictionariesDir: dir });
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const MAIL = { body: '担当者の対応がまるでなっちょらん。' };
const analyze = async () => (await app.inject({ method: 'POST', url: '/v1/analyze', payload: MAIL })).json();
const ANGER = () => join(dir, 'tone/anger.yaml');

describe('dictionary hot reload', () => {
  it('picks up a word a support lead added, without a restart', async () => {
    const before = await analyze();
    expect(before.evidence.some((e: { entryId: string }) => e.entryId === 'anger.nacchoran')).toBe(false);

    writeFileSync(
      ANGER(),
      `${readFileSync(ANGER(), 'utf8')}  - id: anger.nacchoran\n    pattern: なっ ちょ らん\n    match: surface\n    weight: 30\n    note: 方言の「なっていない」\n`,
    );
    const inFlight = Promise.all(Array.from({ length: 20 }, analyze));
    const { changed, dictionaryVersion } = await app.analysis.reload();
    const during = await inFlight;
    expect(changed).toBe(true);
    for (const result of during) expect(result.level).toBeDefined(); // no request dropped while swapping

    const after = await analyze();
    expect(after.dictionaryVersion).toBe(dictionaryVersion);
    expect(after.dictionaryVersion).not.toBe(before.dictionaryVersion);
    expect(after.evidence.some((e: { entryId: string }) => e.entryId === 'anger.nacchoran')).toBe(true);
  });

  it('rejects a broken edit and keeps serving the previous version', async () => {
    const serving = (await analyze()).dictionaryVersion;
    writeFileSync(
      ANGER(),
      `${readFileSync(ANGER(), 'utf8')}  - id: anger.broken\n    pattern: (壊れた\n    match: lemma\n    weight: 5\n    note: x\n`,
    );
    await expect(app.analysis.reload()).rejects.toBeInstanceOf(DictionaryError);
    expect((await analyze()).dictionaryVersion).toBe(serving);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json().dictionaryVersion).toBe(serving);
  });
});
