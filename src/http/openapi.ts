/** The OpenAPI document's frame; paths and schemas come from the route schemas. */
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';

export const openapiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'ondo API',
      version: '0.1.0',
      description: [
        'ondo (温度) reads Japanese customer-support mail, measures how hot it is — anger, urgency, and the irritation that',
        'hides behind perfectly polite business Japanese — and drafts replies that open with a cushion.',
        '',
        'All request and response bodies are UTF-8 JSON. Errors are RFC 9457 `application/problem+json` with a stable `type`',
        '(`urn:ondo:problem:<kind>`), a `detail` saying what exactly was wrong, and `instance` = the request id (also sent as',
        'the `x-request-id` response header).',
      ].join('\n'),
    },
    tags: [
      { name: 'analysis', description: 'Tone scoring' },
      { name: 'triage', description: 'Tone, scenario, routing and a cushion-first reply draft' },
      { name: 'drafts', description: 'Workflow drafts and the reply linter' },
      { name: 'queue', description: 'Asynchronous triage: jobs drafted by the workers, hottest first (needs Redis)' },
      { name: 'reviews', description: 'The review queue of finished drafts: claim with a lease, approve with edits, reject' },
      { name: 'followups', description: 'Reminders and a closing notice for a customer who has gone silent, as delayed jobs' },
      { name: 'integrations', description: 'Signed webhooks from helpdesks and inbound-mail providers; draft notes posted back' },
      { name: 'feedback', description: "Agents' corrections of ondo's verdicts, masked and stored for `ondo learn` (FEEDBACK=on)" },
      { name: 'operations', description: 'Metrics and operational endpoints' },
      { name: 'health', description: 'Liveness and readiness' },
    ],
  },
};

/**
 * Builds the document the running server serves at /openapi.json, without loading the tokenizer:
 * `npm run openapi` commits it to openapi/openapi.json and a test fails when the two differ.
 */
export async function generateOpenApiDocument(): Promise<string> {
  const { buildApp } = await import('./app.js');
  const { loadConfig } = await import('../config.js');
  const pending = new Promise<never>(() => {});
  const app = await buildApp({ config: loadConfig({}), logger: false, tokenizer: pending });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
