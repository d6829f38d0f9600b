/** Reads dictionaries/lint/*.yaml from disk: a thin I/O wrapper around compileLintRules. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DICTIONARIES_DIR } from '../../analysis/lexicon/load.js';
import { readYamlSource, type YamlSource } from '../../analysis/lexicon/yaml-file.js';
import { compileLintRules, type CompiledLintRules } from './compile.js';

/** For scripts and tests; the server compiles from the dictionaries snapshot it already holds. */
export function loadLintRules(dictionariesDir: string = DEFAULT_DICTIONARIES_DIR): CompiledLintRules {
  const folder = join(dictionariesDir, 'lint');
  const sources = new Map<string, YamlSource>();
  for (const file of readdirSync(folder).sort()) {
    if (/\.ya?ml$/.test(file)) sources.set(`lint/${file}`, readYamlSource(join(folder, file), `lint/${file}`));
  }
  return compileLintRules(sources);
}
