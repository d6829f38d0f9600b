/**
 * Signature and secret checks shared by every receiver: HMACs over the raw bytes, constant-time
 * comparison that never throws on a wrong length, the ±5 min replay window, and secret lists
 * (several secrets are accepted at once so a rotation needs no downtime).
 */
import { createHmac, createPublicKey, timingSafeEqual, verify as verifySignature } from 'node:crypto';

/** Constant-time equality of two byte strings; a length mismatch is a plain false (timingSafeEqual would throw). */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

/** Compares a received text (a signature, a token) with each accepted value; true when one matches. */
export function matchesAny(received: string | undefined, accepted: readonly string[]): boolean {
  if (received === undefined) return false;
  const given = Buffer.from(received, 'utf8');
  // Every candidate is compared (no early exit), so timing does not reveal which secret matched.
  let found = false;
  for (const candidate of accepted) found = safeEqual(given, Buffer.from(candidate, 'utf8')) || found;
  return found;
}

export function hmacSha256(key: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** True when `seconds` (unix time) lies within ±toleranceSeconds of now. */
export function withinWindow(seconds: number, nowMs: number, toleranceSeconds: number): boolean {
  return Number.isFinite(seconds) && Math.abs(nowMs / 1000 - seconds) <= toleranceSeconds;
}

/** Basic credentials from an Authorization header, as "user:password" (undefined when absent or not Basic). */
export function basicCredentials(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  return match ? Buffer.from(match[1]!, 'base64').toString('utf8') : undefined;
}

/** The HMAC key of a Standard-Webhooks secret: base64 after an optional whsec_ prefix. */
export function standardWebhookKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

/** `v1,<base64>` of HMAC-SHA256(key, "<id>.<timestamp>.<body>"), the Standard Webhooks signature. */
export function signStandardWebhook(secret: string, id: string, timestamp: number, body: Buffer | string): string {
  return `v1,${hmacSha256(standardWebhookKey(secret), `${id}.${timestamp}.`, body).toString('base64')}`;
}

/** Checks a Standard Webhooks signature header (space-separated `v1,<sig>` entries) against every secret. */
export function verifyStandardWebhook(secrets: readonly string[], id: string, timestamp: string, body: Buffer, header: string): boolean {
  const given = header
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  let found = false;
  for (const secret of secrets) {
    const expected = hmacSha256(standardWebhookKey(secret), `${id}.${timestamp}.`, body);
    for (const signature of given) found = safeEqual(signature, expected) || found;
  }
  return found;
}

/**
 * ECDSA (P-256, SHA-256) over timestamp + raw body with a base64 DER signature: SendGrid's signed
 * webhook scheme. Keys are base64 DER SubjectPublicKeyInfo, as SendGrid shows them, or PEM.
 */
export function verifyEcdsa(publicKeys: readonly string[], timestamp: string, body: Buffer, signature: string): boolean {
  let der: Buffer;
  try {
    der = Buffer.from(signature, 'base64');
  } catch {
    return false;
  }
  return publicKeys.some((key) => {
    try {
      const publicKey = key.includes('BEGIN PUBLIC KEY')
        ? createPublicKey(key)
        : createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' });
      return verifySignature('sha256', Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), publicKey, der);
    } catch {
      return false; // a malformed key or signature is a failed check, never a 500
    }
  });
}
