/**
 * Outbound HTTP to helpdesks and callbacks: only to the origins an integration configures (no
 * SSRF through payload data or redirects), with a timeout, and every failure classified as the
 * delivery job needs it: rate-limited (wait Retry-After, no attempt used), transient (retry with
 * backoff) or permanent (dead-letter at once).
 */
import { outboundUrls, type Integration } from '../config/integrations.js';
import { OutboundError } from './errors.js';

export interface OutboundResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

export interface OutboundOptions {
  timeoutMs: number;
  /** The largest answer read (a helpdesk's page of comments): past it the call fails for good. Default 5 MiB. */
  maxResponseBytes?: number;
  /** Tests and the worker may pass their own fetch; default the global one (undici). */
  fetch?: typeof fetch;
}

const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** The answer's text, read no further than `maxBytes` (a huge answer would sit whole in this process's memory). */
async function responseText(response: Response, maxBytes: number, what: string): Promise<string> {
  const tooLarge = () => new OutboundError('permanent', `${what}: the answer is larger than ${maxBytes} bytes`, response.status);
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    if (response.body) {
      for await (const chunk of response.body) {
        bytes += chunk.length;
        if (bytes > maxBytes) throw tooLarge();
        chunks.push(chunk);
      }
    }
  } catch (err) {
    if (err instanceof OutboundError) throw err;
    return ''; // a body cut off by the network reads as none, as before: the status decides
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A Retry-After value (seconds or an HTTP date) in ms; missing or unreadable → 60 s; capped at an hour. */
export function retryAfterMs(value: string | null, nowMs = Date.now()): number {
  const fallback = 60_000;
  if (!value) return fallback;
  const seconds = Number(value.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - nowMs;
  if (!Number.isFinite(ms)) return fallback;
  return Math.min(Math.max(ms, 0), 3_600_000);
}

/** Statuses worth another attempt besides 5xx: timeout, conflict (Zendesk's concurrent update), too early. */
const TRANSIENT_4XX = new Set([408, 409, 425]);

export async function callOutbound(
  integration: Integration,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  init: { headers: Record<string, string>; body?: string },
  options: OutboundOptions,
): Promise<OutboundResponse> {
  const target = new URL(url);
  const allowed = outboundUrls(integration).map((u) => new URL(u).origin);
  // The URL is built from configuration; this check makes sure nothing from a payload redirected it.
  if (!allowed.includes(target.origin)) {
    throw new OutboundError('permanent', `refused to call ${target.origin}: not a configured host of integration ${integration.id}`);
  }
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(target, {
      method,
      headers: init.headers,
      body: init.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    const reason =
      err instanceof Error ? (err.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : err.message) : String(err);
    throw new OutboundError('transient', `${method} ${target.pathname}: ${reason}`);
  }
  const what = `${method} ${target.pathname} → ${response.status}`;
  const text = await responseText(response, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, what);
  if (response.status === 429) {
    throw new OutboundError('rate-limited', `${what} (rate limited)`, 429, retryAfterMs(response.headers.get('retry-after')));
  }
  if (response.status >= 500 || TRANSIENT_4XX.has(response.status))
    throw new OutboundError('transient', `${what}: ${text.slice(0, 200)}`, response.status);
  if (response.status >= 300 && response.status < 400)
    throw new OutboundError('permanent', `${what}: redirects are not followed`, response.status);
  if (response.status >= 400) throw new OutboundError('permanent', `${what}: ${text.slice(0, 300)}`, response.status);
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json };
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
