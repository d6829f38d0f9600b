import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateOpenApiDocument } from '../../src/http/openapi-document.js';
import { hoistComponents } from '../../src/http/openapi-components.js';
import { withExampleAnswers } from '../../src/http/openapi-examples.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is read as plain JSON
type Json = Record<string, any>;
let generated: string;
const doc = async (): Promise<Json> => JSON.parse(generated);
// Building the app imports every route module: slow on a loaded machine.
beforeAll(async () => {
  generated = await generateOpenApiDocument();
}, 180_000);
const operations = (document: Json) =>
  Object.entries<Json>(document.paths).flatMap(([path, ops]) => Object.entries<Json>(ops).map(([method, op]) => ({ path, method, op })));

describe('openapi/openapi.json', () => {
  it('is what the code generates (run `npm run openapi` after changing a route schema)', async () => {
    const committed = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(generated);
  });

  it('documents every field of the analyze response with a description', async () => {
    const document = await doc();
    const ref = document.paths['/v1/analyze'].post.responses['200'].content['application/json'].schema.$ref as string;
    const schema = document.components.schemas[ref.split('/').pop()!];
    for (const [name, property] of Object.entries<{ description?: string; $ref?: string }>(schema.properties)) {
      const described = property.description ?? document.components.schemas[property.$ref?.split('/').pop() ?? '']?.description;
      expect(described, `AnalyzeResult.${name}`).toBeTruthy();
    }
  });

  it('documents problem+json for every error status', async () => {
    const document = await doc();
    const responses = document.paths['/v1/analyze'].post.responses;
    for (const status of ['400', '413', '415', '503']) {
      expect(responses[status].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    }
    expect(document.components.schemas.Problem.properties.type).toBeDefined();
  });

  it("shows each error status's own problem types in its examples (413 is payload-too-large, not validation)", async () => {
    const document = await doc();
    const responses = document.paths['/v1/analyze'].post.responses;
    const types = (status: string) =>
      Object.values<Json>(responses[status].content['application/problem+json'].examples).map((example) => example.value.type);
    expect(types('413')).toEqual(['urn:ondo:problem:payload-too-large']);
    expect(types('415')).toEqual(['urn:ondo:problem:unsupported-media-type']);
    for (const { path, method, op } of operations(document))
      for (const [status, response] of Object.entries<Json>(op.responses))
        for (const example of Object.values<Json>(response.content?.['application/problem+json']?.examples ?? {}))
          expect(example.value.status, `${method} ${path} ${status}`).toBe(Number(status));
  });

  it('gives every operation an operationId, a tag that is described and a 4xx (health checks aside)', async () => {
    const document = await doc();
    const described = new Set(document.tags.map((tag: Json) => tag.description && tag.name));
    for (const { path, method, op } of operations(document)) {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
      expect(described.has(op.tags[0]), `${method} ${path}`).toBe(true);
      if (!['/healthz', '/readyz'].includes(path))
        expect(
          Object.keys(op.responses).some((s) => s.startsWith('4')),
          `${method} ${path}`,
        ).toBe(true);
    }
  });

  it("derives each operation's security from its route's access class", async () => {
    const document = await doc();
    for (const { path, method, op } of operations(document)) {
      if (path.startsWith('/v1/')) expect(op.security, `${method} ${path}`).toEqual([{ apiKey: [] }]);
      if (path === '/healthz' || path === '/readyz') expect(op.security).toEqual([]);
      if (path.startsWith('/webhooks/')) expect(op.security.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const requirement of op.security)
        for (const scheme of Object.keys(requirement)) expect(document.components.securitySchemes[scheme]).toBeDefined();
    }
  });
});

describe('hoistComponents', () => {
  const Level = { title: 'Level', type: 'string', enum: ['calm', 'angry'], description: 'How hot' };
  const response = (schema: Json) => ({ responses: { 200: { content: { 'application/json': { schema } } } } });

  it("puts a titled schema in components once and refers to it, keeping a use's own description beside the $ref", () => {
    const document: Json = {
      paths: {
        '/a': { get: response({ type: 'object', properties: { level: Level, other: { ...Level, description: "The agent's choice" } } }) },
        '/b': { get: response(Level) },
      },
    };
    hoistComponents(document);
    expect(document.components.schemas).toEqual({ Level });
    expect(document.paths['/a'].get.responses[200].content['application/json'].schema.properties).toEqual({
      level: { $ref: '#/components/schemas/Level' },
      other: { $ref: '#/components/schemas/Level', description: "The agent's choice" },
    });
  });

  it('refuses two different schemas with the same title', () => {
    const document: Json = {
      paths: { '/a': { get: response({ type: 'array', items: Level }) }, '/b': { get: response({ ...Level, enum: ['calm'] }) } },
    };
    expect(() => hoistComponents(document)).toThrow(/Two different schemas are titled Level/);
  });
});

describe('withExampleAnswers', () => {
  const operation = (examples?: Json) => ({
    operationId: 'triageMail',
    responses: {
      200: { content: { 'application/json': { schema: {}, ...(examples ? { examples } : {}) } } },
      400: { content: { 'application/problem+json': { schema: {}, examples: { validation: { value: {} } } } } },
    },
  });

  it('shows each answer under its request example name on the response with its status, leaving problem examples alone', () => {
    const document: Json = { paths: { '/v1/triage': { post: operation() } } };
    const answered = withExampleAnswers(document, {
      triageMail: { reply: { status: 200, summary: 'A reply', value: { level: 'angry' } } },
    });
    const responses = answered.paths['/v1/triage'].post.responses;
    expect(responses[200].content['application/json'].examples).toEqual({ reply: { summary: 'A reply', value: { level: 'angry' } } });
    expect(responses[400].content['application/problem+json'].examples).toEqual({ validation: { value: {} } });
    expect(document.paths['/v1/triage'].post.responses[200].content['application/json'].examples).toBeUndefined();
  });

  it('drops the answers recorded before: an example that is gone leaves nothing behind', () => {
    const document: Json = { paths: { '/v1/triage': { post: operation({ old: { summary: 'Gone', value: {} } }) } } };
    expect(withExampleAnswers(document, {}).paths['/v1/triage'].post.responses[200].content['application/json']).toEqual({ schema: {} });
  });
});
