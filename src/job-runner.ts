/**
 * Starts the job runner (`npm run worker`, the compose service `worker`): runs start-job-runner, from
 * the one-file bundle the build made of it when that is current (src/analysis-pool/bundled-entry.ts),
 * as src/server.ts starts the API, so a new worker imports one module instead of about 1,500.
 */
import { preferBundle } from './analysis-pool/bundled-entry.js';

const typescript = import.meta.url.endsWith('.ts');
await import(preferBundle(new URL(`./start-job-runner.${typescript ? 'ts' : 'js'}`, import.meta.url)).href);
