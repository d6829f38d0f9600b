import { describe, expect, it } from 'vitest';
import { DictionaryError } from '../../../src/analysis/lexicon/errors.js';
import type { YamlSource } from '../../../src/analysis/lexicon/yaml-file.js';
import { checkLintExamples, compileLintRules } from '../../../src/drafting/lint/index.js';
import { rules } from './rule-tester.js';
import { readFileSync, readdirSync } from 'node:fs';

const LINT_DIR = new URL('../../../dictionaries/lint/', import.meta.url);
const shipped = new Map<string, YamlSource>(
  readdirSync(LINT_DIR).map((file) => [`lint/${file}`, { name: `lint/${file}`, text: readFileSync(new URL(file, LINT_DIR), 'utf8') }]),
);

/** The shipped dictionaries with one file replaced or added. */
function withFile(name: string, text: string): Map<string, YamlSource> {
  return new Map(shipped).set(name, { name, text });
}

function compileError(sources: ReadonlyMap<string, YamlSource>): DictionaryError {
  try {
    compileLintRules(sources);
  } catch (error) {
    if (error instanceof DictionaryError) return error;
    throw error;
  }
  throw new Error('compiled without error');
}

const entry = (id: string, pattern: string, extra = '') =>
  `sets:\n  extra-set:\n    description: x\n    entries:\n      - id: ${id}\n        pattern: '${pattern}'\n        note: x\n${extra}`;

describe('dictionaries/lint', () => {
  it('every entry matches its examples.match and none of its examples.noMatch', () => {
    expect(checkLintExamples(rules)).toEqual([]);
  });

  it('ignores the files of other folders in the dictionaries map', () => {
    expect(() => compileLintRules(new Map(shipped).set('tone/anger.yaml', { name: 'tone/anger.yaml', text: '{' }))).not.toThrow();
  });

  it('names the file and the entry of an invalid regular expression', () => {
    const file =
      'sets:\n  thanks:\n    description: x\n    entries:\n      - id: thanks.broken\n        pattern: "(ありがと"\n        match: regex\n        note: x\n';
    const sources = withFile(
      'lint/courtesy.yaml',
      shipped.get('lint/courtesy.yaml')!.text.replace(/^sets:\n {2}thanks:[\s\S]*?(?=\n {2}empathy:)/m, file.trimEnd()),
    );
    const error = compileError(sources);
    expect(error.file).toBe('lint/courtesy.yaml');
    expect(error.entryId).toBe('thanks.broken');
    expect(error.problem).toMatch(/invalid regular expression/);
  });

  it('calls an unknown phrase set a typo, with its line', () => {
    const error = compileError(withFile('lint/extra.yaml', entry('extra.one', 'ほげ')));
    expect(error.message).toMatch(/^lint\/extra\.yaml:3: .*unknown field "extra-set" \(a typo\?\)/);
  });

  it('refuses a phrase set defined in two files', () => {
    const twice = 'sets:\n  thanks:\n    description: x\n    entries:\n      - id: thanks.again\n        pattern: 感謝\n        note: x\n';
    expect(compileError(withFile('lint/extra.yaml', twice)).message).toMatch(/sets\/thanks: already defined in lint\/courtesy\.yaml/);
  });

  it('refuses a duplicate entry id across files', () => {
    const duplicate =
      'sets:\n  thanks:\n    description: x\n    entries:\n      - id: blame.dakara\n        pattern: 感謝\n        note: x\n';
    const sources = withFile(
      'lint/courtesy.yaml',
      shipped.get('lint/courtesy.yaml')!.text.replace(/^sets:\n {2}thanks:[\s\S]*?(?=\n {2}empathy:)/m, duplicate.trimEnd()),
    );
    const error = compileError(sources);
    expect(error.entryId).toBe('blame.dakara');
    expect(error.problem).toMatch(/duplicate entry id \(also in lint\/blame\.yaml\)/);
  });

  it('names a phrase set nobody defined', () => {
    const sources = new Map(shipped);
    sources.delete('lint/timing.yaml');
    expect(compileError(sources).message).toMatch(/phrase sets missing: vague-timing, concrete-date, date-follow-up/);
  });

  it('needs rules.yaml', () => {
    const sources = new Map(shipped);
    sources.delete('lint/rules.yaml');
    expect(compileError(sources).file).toBe('lint/rules.yaml');
  });

  it('refuses a pattern that matches empty text', () => {
    const file = shipped
      .get('lint/courtesy.yaml')!
      .text.replace("pattern: '(?:ありがと|有(?:り)?難う|ありがたく|有難く)'", "pattern: '(?:ありがとう)?'");
    const error = compileError(withFile('lint/courtesy.yaml', file));
    expect(error.entryId).toBe('thanks.arigatou');
    expect(error.problem).toMatch(/matches empty text/);
  });

  it('refuses unbounded repetition, which makes long replies slow', () => {
    const file = shipped.get('lint/blame.yaml')!.text.replace("pattern: '([^、。!?]{0,40}?(?:規約", "pattern: '([^、。!?]*?(?:規約");
    const error = compileError(withFile('lint/blame.yaml', file));
    expect(error.entryId).toBe('blame.kiyaku-ni-kisai');
    expect(error.problem).toMatch(/unbounded repetition/);
  });
});
