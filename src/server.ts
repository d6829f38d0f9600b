/**
 * Starts the API (`npm start`, the image's command): runs start-api, from the one-file bundle the
 * build made of it when that is current (src/analysis-pool/bundled-entry.ts), so the process imports one module
 * instead of about 1,900 before it starts loading the dictionaries and the analysis threads.
 */
import { preferBundle } from './analysis-pool/bundled-entry.js';

const typescript = import.meta.url.endsWith('.ts');
await import(preferBundle(new URL(`./start-api.${typescript ? 'ts' : 'js'}`, import.meta.url)).href);
