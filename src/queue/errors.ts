/**
 * Why a queue operation was refused, as a value: `kind` matches a problem kind of the HTTP layer,
 * which turns it into problem+json (queue/ never imports http/).
 */
export type QueueErrorKind = 'not-found' | 'idempotency-conflict' | 'review-claimed' | 'review-decided' | 'lease-lost' | 'job-not-failed';

export class QueueError extends Error {
  override name = 'QueueError';
  constructor(
    readonly kind: QueueErrorKind,
    message: string,
  ) {
    super(message);
  }
}
