import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Yaml from 'yaml';
import { DEFAULT_DICTIONARIES_DIR, loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { forgetPreparsedYaml, recordParsedYaml, usePreparsedYaml } from '../../src/analysis/lexicon/yaml-file.js';
import { loadDrafting } from '../../src/drafting/drafting.js';

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

const loadManual = (dir?: string) => {
  const dictionaries = loadDictionaries(dir);
  return { dictionaries, drafting: loadDrafting(dictionaries) };
};

describe('YAML parsed by the main thread, handed to analysis threads', () => {
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
