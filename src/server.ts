/**
 * Starts the API (`npm start`, the image's command): runs start-api, from the one-file bundle the
 * build made of it when that is current (src/analysis-pool/bundled-entry.ts), so the process imports one module
 * instead of about 1,900 before it starts loading the dictionaries and the analysis threads.
 */
import { importEntry } from './analysis-pool/bundled-entry.js';

await importEntry('start-api', import.meta.url);
