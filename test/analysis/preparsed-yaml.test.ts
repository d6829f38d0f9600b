import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Yaml from 'yaml';
import { DEFAULT_DICTIONARIES_DIR, loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { parsedYamlCacheFile, recordParsedYamlCached, writeParsedYamlCache } from '../../src/analysis/lexicon/parsed-yaml-cache.js';
import { forgetPreparsedYaml, recordParsedYaml, usePreparsedYaml } from '../../src/analysis/lexicon/yaml-file.js';
import { loadManual } from '../../src/drafting/drafting.js';

// Counts the YAML documents parsed: the point of preparsed YAML is that a thread parses none.
const parsing = vi.hoisted(() => ({ documents: [] as string[] }));
vi.mock('yaml', async (importOriginal) => {
  const yaml = await importOriginal<typeof Yaml>();
  return {
    ...yaml,
    parseDocument: (text: string, options?: object) => {
      parsing.documents.push(text);
      return yaml.parseDocument(text, options);
    },
  };
});

const dirs: string[] = [];
afterEach(() => {
  forgetPreparsedYaml();
  parsing.documents = [];
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Each test loads the whole manual two or three times: seconds alone, far longer beside other suites.
const WHOLE_MANUAL = { timeout: 120_000 };

describe('YAML parsed by the main thread, handed to analysis threads', WHOLE_MANUAL, () => {
  it('lets a thread load the whole manual without parsing one YAML document, to the same result', () => {
    const recorded = recordParsedYaml(() => loadManual());
    expect(recorded.parsed).toBeInstanceOf(SharedArrayBuffer);
    expect(parsing.documents.length).toBeGreaterThan(20);

    parsing.documents = [];
    usePreparsedYaml(recorded.parsed);
    const inThread = loadManual();
    expect(parsing.documents).toEqual([]);
    expect(inThread.dictionaries.version).toBe(recorded.result.dictionaries.version);
    expect(inThread.dictionaries.lexicon.entries).toEqual(recorded.result.dictionaries.lexicon.entries);
    expect(inThread.drafting.manual.templates).toEqual(recorded.result.drafting.manual.templates);
  });

  it('parses a file again when its text is no longer what the main thread parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ondo-preparsed-'));
    dirs.push(dir);
    cpSync(DEFAULT_DICTIONARIES_DIR, dir, { recursive: true });
    const recorded = recordParsedYaml(() => loadManual(dir));

    const scoring = join(dir, 'scoring.yaml');
    writeFileSync(scoring, `${readFileSync(scoring, 'utf8')}\n# edited after the main thread read it\n`);
    parsing.documents = [];
    usePreparsedYaml(recorded.parsed);
    const inThread = loadManual(dir);
    expect(parsing.documents).toHaveLength(1);
    expect(parsing.documents[0]).toContain('# edited after the main thread read it');
    expect(inThread.dictionaries.version).not.toBe(recorded.result.dictionaries.version);
  });

  it('uses each value once: a reader cannot change what the next reader gets', () => {
    const recorded = recordParsedYaml(() => loadDictionaries());
    usePreparsedYaml(recorded.parsed);
    loadDictionaries();
    parsing.documents = [];
    loadDictionaries();
    expect(parsing.documents.length).toBeGreaterThan(20);
  });
});

describe('YAML parsed at an earlier start, kept on disk (DICTIONARY_CACHE_DIR)', WHOLE_MANUAL, () => {
  const copyOfManual = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ondo-parsed-cache-'));
    dirs.push(dir);
    cpSync(DEFAULT_DICTIONARIES_DIR, join(dir, 'dictionaries'), { recursive: true });
    return { dictionaries: join(dir, 'dictionaries'), cacheFile: parsedYamlCacheFile(join(dir, 'cache'), join(dir, 'dictionaries'))! };
  };

  it('lets the next start load the whole manual without parsing one YAML document, to the same result', () => {
    const { dictionaries, cacheFile } = copyOfManual();
    const first = recordParsedYamlCached(() => loadManual(dictionaries), cacheFile);
    expect(first.cacheHit).toBe(false);
    expect(first.parsedAnew).toBeGreaterThan(20);

    parsing.documents = [];
    const next = recordParsedYamlCached(() => loadManual(dictionaries), cacheFile);
    expect(parsing.documents).toEqual([]);
    expect(next.cacheHit).toBe(true);
    expect(next.result.dictionaries.version).toBe(first.result.dictionaries.version);
    expect(next.result.dictionaries.lexicon.entries).toEqual(first.result.dictionaries.lexicon.entries);
    expect(next.result.drafting.manual.templates).toEqual(first.result.drafting.manual.templates);
    // What the threads get is the same either way.
    expect(Buffer.compare(Buffer.from(next.parsed), Buffer.from(first.parsed))).toBe(0);
  });

  it('parses only the file edited since, and keeps the edit for the start after', () => {
    const { dictionaries, cacheFile } = copyOfManual();
    recordParsedYamlCached(() => loadManual(dictionaries), cacheFile);
    const scoring = join(dictionaries, 'scoring.yaml');
    writeFileSync(scoring, `${readFileSync(scoring, 'utf8')}\n# edited between two starts\n`);

    parsing.documents = [];
    const edited = recordParsedYamlCached(() => loadManual(dictionaries), cacheFile);
    expect(parsing.documents).toHaveLength(1);
    expect(parsing.documents[0]).toContain('# edited between two starts');
    expect(edited.cacheHit).toBe(false);

    parsing.documents = [];
    expect(recordParsedYamlCached(() => loadManual(dictionaries), cacheFile).cacheHit).toBe(true);
    expect(parsing.documents).toEqual([]);
  });

  it('parses everything when the cache is damaged, to the same result', () => {
    const { dictionaries, cacheFile } = copyOfManual();
    const first = recordParsedYamlCached(() => loadManual(dictionaries), cacheFile);
    writeFileSync(cacheFile, readFileSync(cacheFile).subarray(0, 1000));

    parsing.documents = [];
    const again = recordParsedYamlCached(() => loadManual(dictionaries), cacheFile);
    expect(parsing.documents.length).toBeGreaterThan(20);
    expect(again.result.dictionaries.lexicon.entries).toEqual(first.result.dictionaries.lexicon.entries);
  });

  it('keeps one cache per dictionaries folder, and only the newest few', () => {
    expect(parsedYamlCacheFile('/cache', '/a/dictionaries')).not.toBe(parsedYamlCacheFile('/cache', '/b/dictionaries'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'ondo-parsed-cache-dir-'));
    dirs.push(cacheDir);
    const bytes = new SharedArrayBuffer(4);
    for (let folder = 0; folder < 12; folder++) writeParsedYamlCache(parsedYamlCacheFile(cacheDir, `/manuals/${folder}`)!, bytes);
    expect(readdirSync(cacheDir)).toHaveLength(8);
    expect(readdirSync(cacheDir)).toContain(basename(parsedYamlCacheFile(cacheDir, '/manuals/11')!));
  });
});
