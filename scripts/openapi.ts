/** npm run openapi: regenerates the committed openapi/openapi.json from the route schemas. */
import { writeFileSync } from 'node:fs';
import { generateOpenApiDocument } from '../src/http/openapi-document.js';

const target = new URL('../openapi/openapi.json', import.meta.url);
writeFileSync(target, await generateOpenApiDocument());
console.log(`wrote ${target.pathname}`);
