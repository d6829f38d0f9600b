/** Fills {{variables}} in template texts and finds the 【placeholders】 an agent must fill in. */

const VARIABLE = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const PLACEHOLDER = /【([^【】\n]{1,30})】/g;

export function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1]!);
}

/** Replaces {{name}}; a variable without a value becomes the 【placeholder】 named by `fallbacks`. */
export function fillTemplate(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return text.replace(VARIABLE, (_whole, name: string) => values[name] ?? `【${name}】`);
}

export interface PlaceholderSpan {
  name: string;
  start: number;
  end: number;
}

export function findPlaceholders(text: string): PlaceholderSpan[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!, start: m.index, end: m.index + m[0].length }));
}
