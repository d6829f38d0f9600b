/**
 * A webhook receiver: what one provider's folder exports, typed end to end — its integration's own
 * settings and its body's schema reach verify and message as they are, with no casts. The route
 * registers every receiver the same way (receivers.ts lists them).
 */
import type { Static, TSchema } from 'typebox';
import type { IntegrationOf, Provider } from '../config/integrations.js';
import { parseForm } from './form.js';
import type { InboundMessage, SignedRequest } from './inbound.js';
import { WebhookBodyError } from './errors.js';

/** P: the provider; B: the body's schema; F: the body as parsed, before validation (what verifyFields reads). */
export interface WebhookReceiver<P extends Provider, B extends TSchema, F = unknown> {
  provider: P;
  operationId: string;
  summary: string;
  description: string;
  /** How the provider proves the request is its own, for the OpenAPI document (the verify functions are the truth). */
  security: Record<string, string[]>[];
  consumes: string[];
  body: B;
  /** Named request examples for the document (natural Japanese, as the provider would send them). */
  examples: Record<string, { summary: string; value: Static<B> }>;
  headers?: TSchema;
  /** Dates in the body (slash-separated paths) that must lie in the range every request's dates do. */
  dates?: string[];
  /** A mail provider posts whole mails (up to the mail body limit); a helpdesk, small JSON events. */
  carries: 'mail' | 'event';
  /** Checks the raw bytes before anything is parsed (a signature over the body, credentials in headers). */
  verify?: (integration: IntegrationOf<P>, request: SignedRequest) => void;
  /** Checks signed fields inside the parsed body (Mailgun signs timestamp and token, not the bytes). */
  verifyFields?: (integration: IntegrationOf<P>, request: SignedRequest, fields: F) => void;
  parse: (raw: Buffer, contentType: string) => Promise<F>;
  message: (integration: IntegrationOf<P>, body: Static<B>, request: SignedRequest) => InboundMessage | 'ignored';
  /**
   * The status that makes the provider stop retrying, for a payload ondo can never triage (too
   * large, undecodable, too deeply nested): Postmark retries every other answer for hours.
   */
  permanentFailureStatus?: number;
}

/** Any provider's receiver, handed to a function generic in its provider and body (so nothing is widened or cast). */
export interface AnyWebhookReceiver {
  readonly provider: Provider;
  with<R>(use: <P extends Provider, B extends TSchema, F>(receiver: WebhookReceiver<P, B, F>) => R): R;
}

export function defineReceiver<P extends Provider, B extends TSchema, F>(receiver: WebhookReceiver<P, B, F>): AnyWebhookReceiver {
  return { provider: receiver.provider, with: (use) => use(receiver) };
}

/**
 * The checks every webhook passes before its body is trusted, in one order: the raw bytes
 * verified, then parsed, then any signed fields verified. Returns the parsed body.
 */
export async function verifiedBody<P extends Provider, B extends TSchema, F>(
  receiver: WebhookReceiver<P, B, F>,
  integration: IntegrationOf<P>,
  request: SignedRequest,
  contentType: string,
): Promise<F> {
  receiver.verify?.(integration, request);
  const fields = await receiver.parse(request.raw, contentType);
  receiver.verifyFields?.(integration, request, fields);
  return fields;
}

export async function parseJson(raw: Buffer): Promise<unknown> {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as unknown;
  } catch (err) {
    throw new WebhookBodyError(`The body is not valid UTF-8 JSON: ${(err as Error).message}`);
  }
}

/** A form body's fields; `keepBytes` reads multipart values as latin1, every byte kept (SendGrid's charsets). */
export const parseFormFields =
  (keepBytes: boolean) =>
  async (raw: Buffer, contentType: string): Promise<Record<string, string>> =>
    Object.fromEntries((await parseForm(raw, contentType, { keepBytes })).fields);
