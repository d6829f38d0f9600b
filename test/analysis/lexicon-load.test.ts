import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DictionaryError } from '../../src/analysis/lexicon/errors.js';
import { DEFAULT_DICTIONARIES_DIR, loadDictionaries } from '../../src/analysis/lexicon/load.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A dictionaries folder with the real scoring.yaml and one lexicon file of our making. */
function dictionariesWith(lexicon: string, name = 'tone/anger.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ondo-dict-'));
  dirs.push(dir);
  cpSync(join(DEFAULT_DICTIONARIES_DIR, 'scoring.yaml'), join(dir, 'scoring.yaml'));
  mkdirSync(join(dir, 'tone'));
  writeFileSync(join(dir, name), lexicon);
  return dir;
}

function loadError(dir: string): DictionaryError {
  try {
    loadDictionaries(dir);
  } catch (err) {
    if (err instanceof DictionaryError) return err;
    throw err;
  }
  throw new Error('expected a DictionaryError');
}

const VALID = `category: anger
entries:
  - id: anger.fuzakeru
    pattern: ふざける
    match: lemma
    weight: 30
    note: 罵倒
`;

describe('loadDictionaries', () => {
  it('loads the shipped dictionaries and reports a content hash', () => {
    const d = loadDictionaries();
    expect(d.version).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(d.lexicon.entries.length).toBeGreaterThan(300);
  });

  it('changes dictionaryVersion when a file changes', () => {
    const a = loadDictionaries(dictionariesWith(VALID)).version;
    const b = loadDictionaries(dictionariesWith(VALID.replace('30', '31'))).version;
    expect(a).not.toBe(b);
  });

  it('names the file, line and entry of a missing weight', () => {
    const err = loadError(dictionariesWith(VALID.replace('    weight: 30\n', '')));
    expect(err.file).toBe('tone/anger.yaml');
    expect(err.entryId).toBe('anger.fuzakeru');
    expect(err.message).toContain('a weight is required');
  });

  it('names the field and line of a wrong type', () => {
    const err = loadError(dictionariesWith(VALID.replace('match: lemma', 'match: lemmas')));
    expect(err.message).toMatch(/tone\/anger\.yaml:5 \(entry anger\.fuzakeru\): \/entries\/0\/match/);
  });

  it('rejects a YAML syntax error with its line', () => {
    const err = loadError(dictionariesWith(`${VALID}  - id: [unclosed\n`));
    expect(err.message).toMatch(/^tone\/anger\.yaml:\d+: YAML syntax/);
  });

  it('rejects the number slot #数 outside a lemma pattern', () => {
    const err = loadError(
      dictionariesWith(VALID.replace('pattern: ふざける', 'pattern: "#数 回"').replace('match: lemma', 'match: surface')),
    );
    expect(err.entryId).toBe('anger.fuzakeru');
    expect(err.message).toContain('#数 is a lemma pattern token');
  });

  it('rejects an unknown category, naming scoring.yaml', () => {
    const err = loadError(dictionariesWith(VALID.replace('category: anger', 'category: rage')));
    expect(err.message).toContain('unknown category "rage"');
  });

  it('rejects duplicate ids across files', () => {
    const dir = dictionariesWith(VALID);
    writeFileSync(join(dir, 'tone/urgency.yaml'), VALID.replace('category: anger', 'category: urgency'));
    expect(loadError(dir).message).toContain('duplicate id');
  });

  it('rejects an invalid regex and one that matches the empty string', () => {
    const symbols = (pattern: string) =>
      `category: symbols\nentries:\n  - { id: sym.x, pattern: '${pattern}', match: regex, weight: 5, note: x }\n`;
    expect(loadError(dictionariesWith(symbols('[!'), 'tone/symbols.yaml')).message).toContain('invalid regex');
    expect(loadError(dictionariesWith(symbols('!*'), 'tone/symbols.yaml')).message).toContain('empty string');
  });

  it('rejects an unbalanced pattern', () => {
    const err = loadError(dictionariesWith(VALID.replace('pattern: ふざける', 'pattern: "ふざける (な|よ"')));
    expect(err.message).toContain('unbalanced alternative');
  });

  it('rejects unknown fields (a typo must not be silently ignored)', () => {
    const err = loadError(dictionariesWith(VALID.replace('    note: 罵倒', '    note: 罵倒\n    wieght: 3')));
    expect(err.message).toContain('unknown field "wieght"');
  });
});
