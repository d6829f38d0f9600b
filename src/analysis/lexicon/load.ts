/** Reads dictionaries/ from disk: a thin I/O wrapper around parseYaml and compileLexicon. */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScoringConfigSchema, type ScoringConfig } from '../scoring-config.js';
import { compileLexicon, type CompiledLexicon } from './compile.js';
import { DictionaryError } from './errors.js';
import { EvaluativeFileSchema, expandEvaluativeFile } from './evaluative.js';
import { compileLearned, LearnedFileSchema } from './learned.js';
import {
  compileLearnedScenarios,
  LEARNED_SCENARIOS_FILE,
  LearnedScenariosFileSchema,
  type LearnedScenarioModel,
} from '../learned-scenarios.js';
import { LexiconFileSchema, type CategorizedEntry } from './schema.js';
import { entryLine, parseYaml, readYamlSource, type YamlSource } from './yaml-file.js';

/** dictionaries/ at the package root, from src/analysis/lexicon/ and from dist/analysis/lexicon/ alike. */
export const DEFAULT_DICTIONARIES_DIR = fileURLToPath(new URL('../../../dictionaries', import.meta.url));

/** Folders of lexicon files (token and regex entries); the other folders are read by their own modules. */
const LEXICON_FOLDERS = ['tone', 'scenarios'];
/** The broad evaluative lexicon: compact one-line entries (see lexicon/evaluative.ts). */
const EVALUATIVE_FOLDER = 'evaluative';
/** The learned layer: weights per lemma and bigram written by scripts/fit-lexical.ts. */
export const LEARNED_FILE = 'learned/lexical.yaml';

export interface Dictionaries {
  readonly dir: string;
  /** Content hash of every YAML file: reported with each result as dictionaryVersion. */
  readonly version: string;
  readonly config: ScoringConfig;
  readonly lexicon: CompiledLexicon;
  /** The learned scenario signal (learned/scenarios.yaml), when the file is there. */
  readonly scenarioModel?: LearnedScenarioModel;
  /** Every YAML file by its name relative to dir ('templates/refund.yaml'), for the drafting modules. */
  readonly sources: ReadonlyMap<string, YamlSource>;
}

export function loadDictionaries(dir: string = DEFAULT_DICTIONARIES_DIR): Dictionaries {
  const sources = readAllYaml(dir);
  const scoring = sources.get('scoring.yaml');
  if (!scoring) throw new DictionaryError('scoring.yaml', `missing in ${dir}`);
  const config = parseYaml(scoring, ScoringConfigSchema);

  const entries: CategorizedEntry[] = [];
  for (const [name, source] of sources) {
    if (name.startsWith(`${EVALUATIVE_FOLDER}/`)) {
      entries.push(...expandEvaluativeFile(parseYaml(source, EvaluativeFileSchema), name));
      continue;
    }
    if (!LEXICON_FOLDERS.some((folder) => name.startsWith(`${folder}/`))) continue;
    const file = parseYaml(source, LexiconFileSchema);
    for (const entry of file.entries) entries.push({ ...entry, category: file.category, source: name });
  }
  const lexicon = withEntryLine(() => compileLexicon(entries, config), sources);
  const learnedSource = sources.get(LEARNED_FILE);
  const learnedFile = learnedSource && parseYaml(learnedSource, LearnedFileSchema);
  const learned = learnedFile && compileLearned(learnedFile.entries, LEARNED_FILE, learnedFile.exclude);
  const scenariosSource = sources.get(LEARNED_SCENARIOS_FILE);
  const scenarioModel = scenariosSource && compileLearnedScenarios(parseYaml(scenariosSource, LearnedScenariosFileSchema));
  return {
    dir,
    version: versionOf(sources),
    config,
    lexicon: learned ? { ...lexicon, learned } : lexicon,
    ...(scenarioModel ? { scenarioModel } : {}),
    sources,
  };
}

/** Compile errors know the entry, not the line: find the entry in its file so the message points at it. */
function withEntryLine<T>(compile: () => T, sources: ReadonlyMap<string, YamlSource>): T {
  try {
    return compile();
  } catch (err) {
    if (!(err instanceof DictionaryError) || err.line !== undefined || !err.entryId) throw err;
    const source = sources.get(err.file);
    const line = source && entryLine(source, err.entryId, []);
    throw line === undefined ? err : new DictionaryError(err.file, err.problem, err.entryId, line);
  }
}

function readAllYaml(dir: string): Map<string, YamlSource> {
  const found = new Map<string, YamlSource>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) {
        const rel = relative(dir, path).split(sep).join('/');
        found.set(rel, readYamlSource(path, rel));
      }
    }
  };
  walk(dir);
  return found;
}

function versionOf(sources: ReadonlyMap<string, YamlSource>): string {
  const hash = createHash('sha256');
  for (const [name, source] of sources) hash.update(name).update('\0').update(source.text).update('\0');
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}
