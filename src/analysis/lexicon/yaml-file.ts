/** Reads and validates one YAML file of dictionaries/, turning problems into DictionaryErrors with line numbers. */
import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { TSchema, Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { DictionaryError } from './errors.js';

export interface YamlSource {
  /** Path relative to the dictionaries folder, for messages. */
  name: string;
  text: string;
}

export function readYamlSource(path: string, name: string): YamlSource {
  return { name, text: readFileSync(path, 'utf8') };
}

/**
 * YAML already parsed by another thread of this process (the main thread, for its analysis threads):
 * file name → the text it was parsed from and its value (v8-serialized). Parsing the manual's
 * ≈ 360,000 characters is most of a thread's start-up; a file whose text differs is parsed anew.
 */
type ParsedYaml = Map<string, { text: string; value: Uint8Array }>;
let preparsed: ParsedYaml = new Map();
let recording: ParsedYaml | undefined;
/** Files parsed from their text so far (not taken preparsed). */
let parsedAnew = 0;

/**
 * Runs `load` (which reads dictionaries) and returns what it returned with every YAML value it
 * parsed, in a SharedArrayBuffer that threads receive without a copy (see usePreparsedYaml), and how
 * many files it had to parse (the others were preparsed).
 */
export function recordParsedYaml<T>(load: () => T): { result: T; parsed: SharedArrayBuffer; parsedAnew: number } {
  const outer = recording;
  const parsed: ParsedYaml = (recording = new Map());
  const before = parsedAnew;
  try {
    const result = load();
    const bytes = serialize(parsed);
    const buffer = new SharedArrayBuffer(bytes.length);
    new Uint8Array(buffer).set(bytes);
    return { result, parsed: buffer, parsedAnew: parsedAnew - before };
  } finally {
    recording = outer;
  }
}

/** Lets parseYaml take the values recorded by recordParsedYaml (until forgetPreparsedYaml). */
export function usePreparsedYaml(parsed: SharedArrayBuffer): void {
  preparsed = deserialize(new Uint8Array(parsed)) as ParsedYaml;
}

/** Drops what is left of the preparsed values (each is used once, then owned by its reader). */
export function forgetPreparsedYaml(): void {
  preparsed = new Map();
}

/** Parses and validates; on failure names the file, the line and, inside `entries`, the entry id. */
export function parseYaml<S extends TSchema>(source: YamlSource, schema: S): Static<S> {
  const known = preparsed.get(source.name);
  let value: unknown;
  let doc: Document | undefined;
  let lineCounter: LineCounter | undefined;
  let serialized: Uint8Array | undefined;
  if (known?.text === source.text) {
    preparsed.delete(source.name);
    serialized = known.value;
    value = deserialize(serialized);
  } else {
    parsedAnew++;
    lineCounter = new LineCounter();
    // Duplicate keys in a hand-edited file are a mistake to report; the generated learned files
    // (thousands of keys, written once each by npm run fit:*) skip the check, quadratic in the keys.
    doc = parseDocument(source.text, { lineCounter, uniqueKeys: !source.name.startsWith('learned/') });
    const syntaxError = doc.errors[0];
    if (syntaxError) {
      const line = syntaxError.linePos?.[0]?.line;
      throw new DictionaryError(source.name, `YAML syntax: ${syntaxError.message.split('\n')[0]}`, undefined, line);
    }
    value = doc.toJS();
  }
  // Serialized before any reader can change it; a thread then gets the file's value as parsed.
  recording?.set(source.name, { text: source.text, value: serialized ?? serialize(value) });
  const validator = compiled(schema);
  if (validator.Check(value)) return value as Static<S>;
  if (!doc || !lineCounter) ({ doc, lineCounter } = parsedDocument(source)); // only when invalid: for the line
  const first = validator.Errors(value)[0];
  const path = first?.instancePath ?? '';
  const { line, entryId } = locate(doc, lineCounter, path);
  const field = path || '(top level)';
  // An additionalProperties violation reads "schema is false"; say what a lead needs to hear.
  const message = first?.keyword === 'boolean' ? `unknown field "${path.split('/').at(-1)}" (a typo?)` : (first?.message ?? 'invalid');
  throw new DictionaryError(source.name, `${field}: ${message}`, entryId, line);
}

const validators = new WeakMap<TSchema, ReturnType<typeof Compile>>();
function compiled(schema: TSchema): ReturnType<typeof Compile> {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = Compile(schema)));
  return v;
}

/** Finds the line of a JSON pointer in the document, and the id of the entry it falls in. */
export function locate(doc: Document, lineCounter: LineCounter, pointer: string): { line?: number; entryId?: string } {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let line: number | undefined;
  let entryId: string | undefined;
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === key);
      if (!pair) break;
      node = pair.value ?? pair.key;
    } else if (isSeq(node)) {
      node = node.items[Number(key)];
    } else break;
    if (isMap(node)) {
      const id = node.get('id');
      if (typeof id === 'string') entryId = id;
    }
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) line = lineCounter.linePos(range[0]).line;
  }
  return { line, entryId };
}

/** The line of the map whose id is entryId, or of a node inside it (['examples', 'match', 2]). */
export function entryLine(source: YamlSource, entryId: string, path: (string | number)[]): number | undefined {
  const { doc, lineCounter } = parsedDocument(source);
  let found: Node | undefined;
  visit(doc, {
    Map(_, node) {
      const id = node.get('id');
      if (id !== entryId) return undefined;
      const inner = node.getIn(path, true);
      found = path.length && (isScalar(inner) || isMap(inner)) ? inner : node;
      return visit.BREAK;
    },
  });
  const start = found?.range?.[0];
  return start === undefined ? undefined : lineCounter.linePos(start).line;
}

/** A source's YAML document with line positions, parsed once however many lines are looked up. */
const parsedCache = new WeakMap<YamlSource, { doc: Document; lineCounter: LineCounter }>();
export function parsedDocument(source: YamlSource): { doc: Document; lineCounter: LineCounter } {
  let hit = parsedCache.get(source);
  if (!hit) {
    const lineCounter = new LineCounter();
    hit = { doc: parseDocument(source.text, { lineCounter }), lineCounter };
    parsedCache.set(source, hit);
  }
  return hit;
}
