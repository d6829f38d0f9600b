/**
 * npm run openapi: regenerates the committed openapi/openapi.json from the route schemas, and the
 * TypeScript types a client generates from it (openapi-typescript), which test/contract calls ondo with.
 */
import { writeFileSync } from 'node:fs';
import { generateOpenApiDocument } from '../src/http/openapi-document.js';
import { generateClientTypes } from '../test/contract/client-types.js';

const document = await generateOpenApiDocument();
const target = new URL('../openapi/openapi.json', import.meta.url);
writeFileSync(target, document);
console.log(`wrote ${target.pathname}`);
const types = new URL('../test/contract/ondo-api.ts', import.meta.url);
writeFileSync(types, await generateClientTypes(JSON.parse(document)));
console.log(`wrote ${types.pathname}`);
