/**
 * Starts the job runner (`npm run worker`, the compose service `worker`): runs start-job-runner, from
 * the one-file bundle the build made of it when that is current (src/analysis-pool/bundled-entry.ts),
 * as src/server.ts starts the API, so a new worker imports one module instead of about 1,500.
 */
import { importEntry } from './analysis-pool/bundled-entry.js';

await importEntry('start-job-runner', import.meta.url);
