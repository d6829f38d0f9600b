/** API key checks on requests: the bearer token, matched in constant time against the configured hashes (config/api-keys.ts). */
import { timingSafeEqual } from 'node:crypto';
import { sha256, type ApiKeyHash } from '../../config/api-keys.js';

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

/** The key that matches, compared in constant time against every configured hash. */
export function matchApiKey(presented: string, keys: readonly ApiKeyHash[]): ApiKeyHash | undefined {
  const digest = sha256(presented);
  let found: ApiKeyHash | undefined;
  for (const key of keys) {
    // No early exit: the time taken does not depend on which key (if any) matched.
    if (timingSafeEqual(digest, key.sha256) && found === undefined) found = key;
  }
  return found;
}
