/**
 * Hoists the shared shapes of the OpenAPI document into `components.schemas`. A TypeBox schema is
 * named once, where it is defined, by its `title`; the routes keep validating and serialising with
 * the schema itself, and the document refers to it with `$ref` wherever a route uses it.
 *
 * Why not `$id` + `addSchema`: a nested `$id` used twice in one response makes fast-json-stringify
 * fail ("resolves to more than one schema"), and a `$ref` in a route schema would cost the handlers
 * their static types. The title is inert for both validators and is kept in the component.
 */

type Json = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';
/** Annotations a route may set on its own use of a shared schema, kept beside the `$ref` (OpenAPI 3.1 allows them). */
const ANNOTATIONS = new Set(['description', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly']);

/** Replaces every titled schema in `document.paths` with a `$ref` to `components.schemas[title]`, in place. */
export function hoistComponents(document: Json): Json {
  const components = (document.components ??= {}) as Json;
  const schemas = (components.schemas ??= {}) as Record<string, Json>;
  const variants = new Map<string, { schema: Json; where: string; uses: number }[]>();

  // Bottom-up, so a shared schema's own shared parts are references already when it is recorded.
  const hoist = (node: unknown, where: string): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => hoist(item, `${where}/${i}`));
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      // Examples are data, not schemas: a `title` inside one is a value.
      out[key] = key === 'example' || key === 'examples' ? value : hoist(value, `${where}/${key}`);
    }
    const name = out.title;
    if (typeof name !== 'string' || !isSchema(out)) return out;
    const seen = variants.get(name) ?? [];
    const first = seen[0];
    if (first && !sameJson(withoutAnnotations(first.schema), withoutAnnotations(out))) {
      throw new Error(`Two different schemas are titled ${name} (${first.where} and ${where}): rename one of them`);
    }
    const same = seen.find((variant) => sameJson(variant.schema, out));
    if (same) same.uses += 1;
    else variants.set(name, [...seen, { schema: out, where, uses: 1 }]);
    return { $ref: `${REF_PREFIX}${name}`, ...annotationsOf(out) };
  };
  document.paths = hoist(document.paths, '#/paths');

  // The component carries the annotations most uses have; a use that differs keeps its own beside the $ref.
  for (const name of [...variants.keys()].sort()) {
    schemas[name] = variants.get(name)!.reduce((a, b) => (b.uses > a.uses ? b : a)).schema;
  }
  const trim = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(trim);
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) out[key] = key === 'example' || key === 'examples' ? value : trim(value);
    if (typeof out.$ref !== 'string' || !out.$ref.startsWith(REF_PREFIX)) return out;
    const component = schemas[out.$ref.slice(REF_PREFIX.length)] ?? {};
    for (const key of Object.keys(out)) if (key !== '$ref' && sameJson(out[key], component[key])) delete out[key];
    return out;
  };
  document.paths = trim(document.paths);
  for (const name of Object.keys(schemas)) schemas[name] = trim(schemas[name]) as Json;
  return document;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON schema, as opposed to an OpenAPI object that happens to have a `title` (there are none today, but info has one). */
function isSchema(node: Json): boolean {
  return ['type', 'anyOf', 'oneOf', 'allOf', 'enum', 'const', 'properties', '$ref'].some((key) => key in node);
}

function withoutAnnotations(schema: Json): Json {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key)));
}

function annotationsOf(schema: Json): Json {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => ANNOTATIONS.has(key)));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
