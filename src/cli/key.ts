/** `ondo key new <name>`: makes an API key and the API_KEYS entry that admits it (the key itself is never stored). */
import { newApiKey } from '../config/api-keys.js';

export const KEY_USAGE = `  ondo key new <name> [tenant]
      Prints a new API key (give it to the caller, once) and the API_KEYS entry to add to the
      server's configuration, which holds only its SHA-256 hash. The key sees only its tenant's
      jobs (without one, a tenant of its own named after the key); tenant * makes an admin key.`;

export function keyCommand(args: string[]): number {
  const [action, name, tenant] = args;
  if (action !== 'new' || !name) {
    console.error(`usage:\n${KEY_USAGE}`);
    return 2;
  }
  const { key, entry } = newApiKey(name, tenant);
  console.log(`key (give to "${name}", shown only now): ${key}`);
  console.log(`add to API_KEYS (comma-separated):  ${entry}`);
  return 0;
}
