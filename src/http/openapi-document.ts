/**
 * Builds the document the running server serves at /openapi.json, without loading the tokenizer:
 * `npm run openapi` commits it to openapi/openapi.json and a test fails when the two differ.
 * (Its own module: app.ts imports the document's frame from openapi.ts, and this imports app.ts.)
 */
import { loadConfig } from '../config.js';
import { buildApp } from './app.js';

export async function generateOpenApiDocument(): Promise<string> {
  const pending = new Promise<never>(() => {});
  const app = await buildApp({ config: loadConfig({}), logger: false, tokenizer: pending });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
