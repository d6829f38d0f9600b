/**
 * The drafting side of the support manual: templates, routing rules, the business calendar, the
 * named days, the workflow defaults and the lint rules, all read from the same dictionaries snapshot as the tone
 * lexicons, so a hot reload swaps them together.
 */
import { DictionaryError } from '../analysis/lexicon/errors.js';
import { loadDictionaries, type Dictionaries } from '../analysis/lexicon/load.js';
import { parseYaml } from '../analysis/lexicon/yaml-file.js';
import { createBusinessCalendar, type BusinessCalendar } from './calendar.js';
import { WorkflowConfigSchema, type WorkflowConfig } from './kinds.js';
import { compileLintRules, type CompiledLintRules } from './lint/index.js';
import { NAMED_DAYS_FILE, parseNamedDays, type NamedDays } from './named-days.js';
import { parseRoutingConfig, type RoutingConfig } from './routing.js';
import { loadTemplates, type Templates } from './templates.js';

export interface Drafting {
  readonly manual: {
    readonly templates: Templates;
    readonly routing: RoutingConfig;
    readonly calendar: BusinessCalendar;
    /** Days customers name by an occasion (バレンタイン, 年度末): named-days.yaml. */
    readonly namedDays: NamedDays;
    readonly workflows: WorkflowConfig;
  };
  readonly lintRules: CompiledLintRules;
}

/** The whole manual from one dictionaries folder: the tone lexicons and the drafting side read from them. */
export function loadManual(dictionariesDir?: string): { dictionaries: Dictionaries; drafting: Drafting } {
  const dictionaries = loadDictionaries(dictionariesDir);
  return { dictionaries, drafting: loadDrafting(dictionaries) };
}

export function loadDrafting(dictionaries: Dictionaries): Drafting {
  const source = (name: string) => {
    const found = dictionaries.sources.get(name);
    if (!found) throw new DictionaryError(name, `missing in ${dictionaries.dir}`);
    return found;
  };
  const routing = parseRoutingConfig(source('routing.yaml'));
  return {
    manual: {
      templates: loadTemplates(dictionaries.sources),
      routing,
      calendar: createBusinessCalendar(routing.calendar),
      namedDays: parseNamedDays(source(NAMED_DAYS_FILE)),
      workflows: parseYaml(source('workflows.yaml'), WorkflowConfigSchema),
    },
    lintRules: compileLintRules(dictionaries.sources),
  };
}
