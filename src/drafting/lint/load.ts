/** Reads dictionaries/lint/*.yaml and learned/blame.yaml from disk: a thin I/O wrapper around compileLintRules. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DICTIONARIES_DIR } from '../../analysis/lexicon/load.js';
import { readYamlSource, type YamlSource } from '../../analysis/lexicon/yaml-file.js';
import { BLAME_LEARNED_FILE } from './blame-learned.js';
import { compileLintRules, type CompiledLintRules } from './compile.js';

/** For scripts and tests; the server compiles from the dictionaries snapshot it already holds. */
export function loadLintRules(dictionariesDir: string = DEFAULT_DICTIONARIES_DIR): CompiledLintRules {
  const folder = join(dictionariesDir, 'lint');
  const sources = new Map<string, YamlSource>();
  for (const file of readdirSync(folder).sort()) {
    if (/\.ya?ml$/.test(file)) sources.set(`lint/${file}`, readYamlSource(join(folder, file), `lint/${file}`));
  }
  const learned = join(dictionariesDir, BLAME_LEARNED_FILE);
  if (existsSync(learned)) sources.set(BLAME_LEARNED_FILE, readYamlSource(learned, BLAME_LEARNED_FILE));
  return compileLintRules(sources);
}
