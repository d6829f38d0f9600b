/**
 * API keys: a key is shown once to its owner and stored only as a SHA-256 hash in config
 * (API_KEYS="name[@tenant]:sha256:<hex>,…"), so a leaked config or log gives nobody access. Each
 * key belongs to a tenant: the one after @, or without one a tenant of its own named after the
 * key; `@*` makes an admin key, which sees every tenant's jobs (and keeps its own under its name).
 */
import { createHash, randomBytes } from 'node:crypto';

export interface ApiKeyHash {
  name: string;
  tenant: string;
  /** Sees and acts on every tenant's jobs, drafts and deliveries. */
  admin: boolean;
  sha256: Buffer;
}

const NAME = '[A-Za-z0-9_.-]{1,64}';
/** One API_KEYS entry; config.ts validates with the same expression. */
export const API_KEY_ENTRY = new RegExp(`^(${NAME})(?:@(${NAME}|\\*))?:sha256:([0-9a-f]{64})$`);

/** Parses API_KEYS; throws with the offending entry (never the whole value) when one is malformed. */
export function parseApiKeys(value: string | undefined): ApiKeyHash[] {
  if (!value?.trim()) return [];
  return value.split(',').map((raw, index) => {
    const entry = raw.trim();
    const match = API_KEY_ENTRY.exec(entry);
    if (!match) throw new Error(`API_KEYS entry ${index + 1} must look like name[@tenant]:sha256:<64 hex digits>`);
    const [, name, tenant] = match as unknown as [string, string, string | undefined, string];
    return {
      name,
      tenant: tenant === undefined || tenant === '*' ? name : tenant,
      admin: tenant === '*',
      sha256: Buffer.from(match[3]!, 'hex'),
    };
  });
}

/** A new random key and the API_KEYS entry that admits it (for `tenant`, or a tenant of its own; '*' = admin). */
export function newApiKey(name: string, tenant?: string): { key: string; entry: string } {
  const label = tenant === undefined ? name : `${name}@${tenant}`;
  const key = `ondo_${randomBytes(32).toString('base64url')}`;
  const entry = `${label}:sha256:${sha256(key).toString('hex')}`;
  if (!API_KEY_ENTRY.test(entry))
    throw new Error('a key name (and a tenant) is 1–64 letters, digits, _ . or - (a tenant may be * for an admin key)');
  return { key, entry };
}

/** SHA-256 of a key, as API_KEYS stores it. */
export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
