/** npm run config:docs: rewrites the configuration reference in docs/configuration.md and `.env.example` from the configuration table. */
import { readFileSync, writeFileSync } from 'node:fs';
import { envExample, withDocsReference } from './config-reference.js';

const docs = new URL('../docs/configuration.md', import.meta.url);
writeFileSync(docs, withDocsReference(readFileSync(docs, 'utf8')));
console.log(`wrote ${docs.pathname}`);
const example = new URL('../.env.example', import.meta.url);
writeFileSync(example, envExample());
console.log(`wrote ${example.pathname}`);
