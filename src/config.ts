/** Environment → typed, validated configuration. The only module that reads process.env. */
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { ConfigError, SETTINGS, defaultText, type Setting } from './config/settings.js';

export { ConfigError } from './config/settings.js';

type Key = keyof typeof SETTINGS;
const ENTRIES = Object.entries(SETTINGS) as [Key, Setting][];

/** The schema of every setting, from the configuration table (src/config/settings.ts). */
export const ConfigSchema = Type.Object(
  Object.fromEntries(ENTRIES.map(([key, entry]) => [key, entry.schema])) as { [K in Key]: (typeof SETTINGS)[K]['schema'] },
);
export type Config = Static<typeof ConfigSchema>;

const checkConfig = Compile(ConfigSchema);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const candidate: Record<string, unknown> = {};
  for (const [key, entry] of ENTRIES) {
    const value = entry.read(env[entry.env] ?? defaultText(entry), entry.env, env);
    if (value !== undefined) candidate[key] = value;
  }
  if (Boolean(candidate.adminUser) !== Boolean(candidate.adminPassword)) {
    throw new ConfigError('invalid configuration: set both ADMIN_USER and ADMIN_PASSWORD (or neither, to turn the queue dashboard off)');
  }
  if ((candidate.headersTimeoutMs as number) > (candidate.requestTimeoutMs as number)) {
    throw new ConfigError(
      'invalid configuration: HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (the headers are part of the request)',
    );
  }
  if (checkConfig.Check(candidate)) return candidate;
  const problems = checkConfig.Errors(candidate).map((e) => {
    const key = e.instancePath.split('/')[1] as Key;
    const entry: Setting | undefined = SETTINGS[key];
    // A start-up error ends up in logs: name the variable, never echo a secret.
    const shown = entry?.secret ? '(hidden)' : JSON.stringify(candidate[key]);
    return `${entry?.env ?? key}=${shown}: ${e.message}`;
  });
  throw new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);
}

/**
 * The charset the terminal's locale names (LC_ALL, LC_CTYPE, LANG: `ja_JP.eucJP` → eucJP), or
 * utf8 when none is named (C, POSIX, Windows: Node writes Unicode to its console itself).
 */
export function terminalCharset(env: NodeJS.ProcessEnv = process.env): string {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  const codeset = /\.([^@]+)/.exec(locale)?.[1];
  return codeset === undefined || /^utf-?8$/i.test(codeset) ? 'utf8' : codeset;
}
