/**
 * The secret path token: an integration with `pathTokens` is served only at
 * /webhooks/<provider>/<id>/<token>, compared in constant time before the provider's own check.
 * It is the second factor for Mailgun (whose signature covers timestamp and token, not the mail)
 * where Basic credentials in the forward() URL are not wanted; the URL itself is the secret.
 */
import { matchesAny } from './signature.js';
import { WebhookAuthError } from './errors.js';

export function verifyPathToken(integration: { pathTokens?: readonly string[] }, given: string | undefined): void {
  const accepted = integration.pathTokens ?? [];
  if (accepted.length === 0 && given === undefined) return;
  // A token on an integration that has none is refused too: a typo in the URL must not pass silently.
  if (!matchesAny(given, accepted))
    throw new WebhookAuthError('invalid-path-token', "the webhook URL does not carry this integration's path token");
}
