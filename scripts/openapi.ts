/**
 * npm run openapi: regenerates the committed openapi/openapi.json from the route schemas, with the
 * answers a real ondo gives to the request examples as its response examples (needs Redis at
 * REDIS_URL, default 127.0.0.1:6379, for the queue and review examples), and the TypeScript types
 * a client generates from it (openapi-typescript), which test/contract calls ondo with; and
 * docs/api.md's worked examples from the same answers (scripts/api-doc-examples.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { generateOpenApiDocument } from '../src/http/openapi-document.js';
import { generateClientTypes } from '../test/contract/client-types.js';
import { recordExampleAnswers } from '../test/contract/example-answers.js';
import { renderApiDocExamples } from './api-doc-examples.js';

const answers = await recordExampleAnswers(JSON.parse(await generateOpenApiDocument()));
const recorded = new URL('../src/http/schemas/example-answers.json', import.meta.url);
writeFileSync(recorded, await format(JSON.stringify(answers), { ...(await resolveConfig(recorded)), parser: 'json' }));
console.log(`wrote ${recorded.pathname}`);
const document = await generateOpenApiDocument(answers);
const target = new URL('../openapi/openapi.json', import.meta.url);
writeFileSync(target, document);
console.log(`wrote ${target.pathname}`);
const types = new URL('../test/contract/ondo-api.ts', import.meta.url);
writeFileSync(types, await generateClientTypes(JSON.parse(document)));
console.log(`wrote ${types.pathname}`);
const apiDoc = new URL('../docs/api.md', import.meta.url);
writeFileSync(apiDoc, renderApiDocExamples(readFileSync(apiDoc, 'utf8'), answers, JSON.parse(document)));
console.log(`wrote ${apiDoc.pathname}`);
