import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApiDocument } from '../../src/http/openapi.js';

describe('openapi/openapi.json', () => {
  it('is what the code generates (run `npm run openapi` after changing a route schema)', async () => {
    const committed = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(await generateOpenApiDocument());
  });

  it('documents every field of the analyze response with a description', async () => {
    const doc = JSON.parse(await generateOpenApiDocument());
    const schema = doc.paths['/v1/analyze'].post.responses['200'].content['application/json'].schema;
    for (const [name, property] of Object.entries<{ description?: string }>(schema.properties)) {
      expect(property.description, `ToneResult.${name}`).toBeTruthy();
    }
  });

  it('documents problem+json for every error status', async () => {
    const doc = JSON.parse(await generateOpenApiDocument());
    const responses = doc.paths['/v1/analyze'].post.responses;
    for (const status of ['400', '413', '415', '503']) {
      expect(responses[status].content['application/problem+json'].schema.properties.type).toBeDefined();
    }
  });
});
