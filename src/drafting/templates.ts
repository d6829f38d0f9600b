/** Loads and checks dictionaries/templates/: every scenario and draft kind has a template, every variable is known. */
import type { YamlSource } from '../analysis/lexicon/yaml-file.js';
import { parseYaml } from '../analysis/lexicon/yaml-file.js';
import { DictionaryError } from '../analysis/lexicon/errors.js';
import { SCENARIO_KINDS, type ScenarioKind } from '../analysis/scenario-schema.js';
import type { ToneLevel } from '../analysis/tone-schema.js';
import { findPlaceholders, variablesIn } from './render.js';
import {
  CommonTemplateSchema,
  DRAFT_KINDS,
  KindTemplateSchema,
  ScenarioTemplateSchema,
  type CommonTemplate,
  type DraftKind,
  type KindTemplate,
  type LevelVariants,
  type ScenarioTemplate,
} from './template-schema.js';

/** Variables a reply template may use. */
export const REPLY_VARIABLES = [
  'customerName',
  'companyName',
  'agentName',
  'concern',
  'topic',
  'promiseDate',
  'replyBy',
  'mailSubject',
  'aboutSubject',
  'customerDeadline',
  'asked',
  'suggested',
] as const;
/** Variables a draft-kind template may use (reminders, revision batching, asking for a date). */
export const KIND_VARIABLES = [
  'customerName',
  'companyName',
  'agentName',
  'caseTitle',
  'lastContactDate',
  'closeAfterDays',
  'closeDateTime',
  'reminderDate',
  'revisionLimit',
  'proposedDate',
] as const;

export interface Templates {
  common: CommonTemplate;
  scenarios: ReadonlyMap<ScenarioKind, ScenarioTemplate>;
  kinds: ReadonlyMap<DraftKind, KindTemplate>;
}

export function loadTemplates(sources: ReadonlyMap<string, YamlSource>): Templates {
  const common = sources.get('templates/_common.yaml');
  if (!common) throw new DictionaryError('templates/_common.yaml', 'missing');
  const scenarios = new Map<ScenarioKind, ScenarioTemplate>();
  const kinds = new Map<DraftKind, KindTemplate>();
  const parsedCommon = checked(common, parseYaml(common, CommonTemplateSchema), REPLY_VARIABLES);

  for (const [name, source] of sources) {
    if (name.startsWith('templates/kinds/')) {
      const template = checked(source, parseYaml(source, KindTemplateSchema), KIND_VARIABLES);
      checkPlaceholders(source, template.placeholders, [template.body, template.bodyBeforeEvent ?? '']);
      if (kinds.has(template.kind)) throw new DictionaryError(name, `a second template for kind ${template.kind}`);
      kinds.set(template.kind, template);
    } else if (name.startsWith('templates/') && name !== 'templates/_common.yaml') {
      const template = checked(source, parseYaml(source, ScenarioTemplateSchema), REPLY_VARIABLES);
      const texts = [template.facts, template.nextStep, template.empathy]
        .flatMap((v) => (v ? Object.values(v) : []))
        .filter((t): t is string => typeof t === 'string');
      checkPlaceholders(source, template.placeholders, texts);
      if (scenarios.has(template.scenario)) throw new DictionaryError(name, `a second template for scenario ${template.scenario}`);
      scenarios.set(template.scenario, template);
    }
  }
  for (const kind of SCENARIO_KINDS) {
    if (!scenarios.has(kind)) throw new DictionaryError(`templates/${kind}.yaml`, `missing: every scenario needs a template`);
  }
  for (const kind of DRAFT_KINDS) {
    if (!kinds.has(kind)) throw new DictionaryError(`templates/kinds/${kind}.yaml`, `missing: every draft kind needs a template`);
  }
  return { common: parsedCommon, scenarios, kinds };
}

/** Every {{variable}} in a template must be one the composer fills: a typo would reach a customer. */
function checked<T>(source: YamlSource, template: T, allowed: readonly string[]): T {
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      for (const name of variablesIn(value)) {
        if (!allowed.includes(name)) {
          throw new DictionaryError(source.name, `${path}: unknown variable {{${name}}}; known: ${allowed.join(', ')}`);
        }
      }
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, `${path}/${key}`);
    }
  };
  walk(template, '');
  return template;
}

/**
 * Every 【placeholder】 in a template must be listed with a hint for the agent, and every listed one
 * must be used: an unlisted one reaches the agent unexplained, an unused one is a stale hint.
 */
function checkPlaceholders(source: YamlSource, listed: Record<string, string> | undefined, texts: readonly string[]): void {
  const used = new Set(texts.flatMap((t) => findPlaceholders(t).map((p) => p.name)));
  const hints = new Set(Object.keys(listed ?? {}));
  for (const name of used) {
    if (!hints.has(name))
      throw new DictionaryError(source.name, `【${name}】 is used but not listed under placeholders (add a hint for the agent)`);
  }
  for (const name of hints) {
    if (!used.has(name)) throw new DictionaryError(source.name, `placeholders lists 【${name}】 but no text uses it`);
  }
}

export function forLevel(variants: LevelVariants, level: ToneLevel): string {
  return variants[level] ?? variants.default;
}
