/**
 * Safe by default: an API without keys is only served on a loopback address, unless the operator
 * says plainly (ALLOW_OPEN_API=1) that an open API on the network is what they want.
 */
import { ConfigError, type Config } from '../../config.js';

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|::1|\[::1\]|::ffff:127(\.\d{1,3}){3})$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim());
}

/**
 * Throws when the API would listen open on the network; returns a warning to log when that was
 * explicitly allowed, and nothing when keys are set or the address is loopback.
 */
export function checkExposure(config: Pick<Config, 'host' | 'apiKeys' | 'allowOpenApi'>): string | undefined {
  if (config.apiKeys.length > 0 || isLoopbackHost(config.host)) return undefined;
  if (config.allowOpenApi) {
    return `the API is open: HOST=${config.host} without API_KEYS (ALLOW_OPEN_API=1); anyone who reaches this address can use it`;
  }
  throw new ConfigError(
    `refusing to serve an open API on HOST=${config.host}: set API_KEYS (npx ondo key new <name>), ` +
      'listen on 127.0.0.1, or set ALLOW_OPEN_API=1 if an open API on the network is really intended',
  );
}
