/**
 * Builds the document the running server serves at /openapi.json, without loading the tokenizer:
 * `npm run openapi` commits it to openapi/openapi.json and a test fails when the two differ.
 * (Its own module: app.ts imports the document's frame from openapi.ts, and this imports app.ts.)
 */
import { loadConfig } from '../config.js';
import { buildApp } from './app.js';
import { withExampleAnswers, type ExampleAnswers } from './openapi-examples.js';

/** `answers`: response examples recorded just now, in place of the committed ones. */
export async function generateOpenApiDocument(answers?: ExampleAnswers): Promise<string> {
  const pending = new Promise<never>(() => {});
  const app = await buildApp({ config: loadConfig({}), logger: false, tokenizer: pending });
  try {
    await app.ready();
    const document = app.swagger() as unknown as Record<string, unknown>;
    return `${JSON.stringify(answers ? withExampleAnswers(document, answers) : document, null, 2)}\n`;
  } finally {
    await app.close();
  }
}
