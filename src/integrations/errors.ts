/**
 * The integrations' errors, each caught with instanceof where it is answered: the webhook route
 * turns the webhook errors into problem+json, the delivery job sorts outbound failures into
 * wait, retry or dead letter, the deliveries route answers a replay of a delivery that is not failed.
 */

/** A receiver's verdict that the caller is not who it claims: answered 401 problem+json. */
export class WebhookAuthError extends Error {
  override name = 'WebhookAuthError';
  constructor(
    readonly reason:
      'missing-signature' | 'invalid-signature' | 'stale-timestamp' | 'missing-credentials' | 'invalid-credentials' | 'invalid-path-token',
    message: string,
  ) {
    super(message);
  }
}

/** The payload is authentic but cannot be turned into a message (no ticket id, no text …): answered 422. */
export class WebhookPayloadError extends Error {
  override name = 'WebhookPayloadError';
}

export type OutboundFailure = 'rate-limited' | 'transient' | 'permanent';

/** A call to a helpdesk or callback failed; `kind` says whether to wait (Retry-After), retry with backoff or give up. */
export class OutboundError extends Error {
  override name = 'OutboundError';
  constructor(
    readonly kind: OutboundFailure,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The body is not the JSON (UTF-8) it claims to be: answered 400 invalid-json. */
export class WebhookBodyError extends Error {
  override name = 'WebhookBodyError';
}

/** Only a failed delivery (a dead letter) can be replayed. */
export class DeliveryNotFailed extends Error {
  override name = 'DeliveryNotFailed';
}
