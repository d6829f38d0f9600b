/**
 * Issue 15 item 3: each webhook route documents the headers its provider signs with, as a header
 * parameter or as the header of its security scheme, so an integrator can see on the route what
 * a request must carry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Operation {
  operationId: string;
  parameters?: { in: string; name: string }[];
  security?: Record<string, string[]>[];
}
const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
};
const operations = new Map(
  Object.values(document.paths)
    .flatMap((methods) => Object.values(methods))
    .map((operation) => [operation.operationId, operation]),
);

/** The headers each provider's verify function reads (src/integrations/<provider>/webhook.ts). */
const SIGNED_WITH: Record<string, string[]> = {
  receiveZendeskWebhook: ['x-zendesk-webhook-signature', 'x-zendesk-webhook-signature-timestamp'],
  receiveFreshdeskWebhook: ['x-ondo-token'],
  receiveGenericWebhook: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  receiveSendGridInbound: ['x-twilio-email-event-webhook-signature', 'x-twilio-email-event-webhook-timestamp'],
};

describe('webhook routes in openapi/openapi.json', () => {
  it.each(Object.entries(SIGNED_WITH))('%s documents the headers it is signed with', (operationId, headers) => {
    const operation = operations.get(operationId)!;
    const documented = new Set([
      ...(operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
      ...(operation.security ?? [])
        .flatMap((requirement) => Object.keys(requirement))
        .map((scheme) => document.components.securitySchemes[scheme]!)
        .filter((scheme) => scheme.type === 'apiKey' && scheme.in === 'header')
        .map((scheme) => scheme.name!.toLowerCase()),
    ]);
    expect(headers.filter((name) => !documented.has(name))).toEqual([]);
  });
});
