/**
 * API keys: a key is shown once to its owner and stored only as a SHA-256 hash in config
 * (API_KEYS="name:sha256:<hex>,…"), so a leaked config or log gives nobody access.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ApiKeyHash {
  name: string;
  sha256: Buffer;
}

const ENTRY = /^([A-Za-z0-9_.-]{1,64}):sha256:([0-9a-f]{64})$/;

/** Parses API_KEYS; throws with the offending entry (never the whole value) when one is malformed. */
export function parseApiKeys(value: string | undefined): ApiKeyHash[] {
  if (!value?.trim()) return [];
  return value.split(',').map((raw, index) => {
    const entry = raw.trim();
    const match = ENTRY.exec(entry);
    if (!match) throw new Error(`API_KEYS entry ${index + 1} must look like name:sha256:<64 hex digits>`);
    return { name: match[1]!, sha256: Buffer.from(match[2]!, 'hex') };
  });
}

/** A new random key and the API_KEYS entry that admits it. */
export function newApiKey(name: string): { key: string; entry: string } {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new Error('a key name is 1–64 letters, digits, _ . or -');
  const key = `ondo_${randomBytes(32).toString('base64url')}`;
  return { key, entry: `${name}:sha256:${sha256(key).toString('hex')}` };
}

/** The name of the key that matches, compared in constant time against every configured hash. */
export function matchApiKey(presented: string, keys: readonly ApiKeyHash[]): string | undefined {
  const digest = sha256(presented);
  let found: string | undefined;
  for (const key of keys) {
    // No early exit: the time taken does not depend on which key (if any) matched.
    if (timingSafeEqual(digest, key.sha256) && found === undefined) found = key.name;
  }
  return found;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
