/** Environment → typed, validated configuration. The only module that reads process.env. */
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** Largest mail body accepted, in UTF-8 bytes. */
  maxBodyBytes: Type.Integer({ minimum: 1024, maximum: 10 * 1024 * 1024 }),
  /** Largest raw RFC 822 mail accepted (attachments included), in bytes. */
  maxRawMailBytes: Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024 }),
  /** Folder of the support manual (dictionaries, templates); default: the one shipped with ondo. */
  dictionariesDir: Type.Optional(Type.String({ minLength: 1 })),
});
export type Config = Static<typeof ConfigSchema>;

/** Reads which environment variable feeds which field, so error messages can name the variable. */
const ENV_NAMES: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  logLevel: 'LOG_LEVEL',
  maxBodyBytes: 'MAX_BODY_BYTES',
  maxRawMailBytes: 'MAX_RAW_MAIL_BYTES',
  dictionariesDir: 'ONDO_DICTIONARIES_DIR',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const checkConfig = Compile(ConfigSchema);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const candidate = {
    port: integer(env.PORT ?? '3000', 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    logLevel: env.LOG_LEVEL ?? 'info',
    maxBodyBytes: integer(env.MAX_BODY_BYTES ?? String(100 * 1024), 'MAX_BODY_BYTES'),
    maxRawMailBytes: integer(env.MAX_RAW_MAIL_BYTES ?? String(5 * 1024 * 1024), 'MAX_RAW_MAIL_BYTES'),
    ...(env.ONDO_DICTIONARIES_DIR ? { dictionariesDir: env.ONDO_DICTIONARIES_DIR } : {}),
  };
  if (checkConfig.Check(candidate)) return candidate;
  const problems = checkConfig.Errors(candidate).map((e) => {
    const key = e.instancePath.slice(1) as keyof Config;
    return `${ENV_NAMES[key] ?? key}=${JSON.stringify(candidate[key as keyof typeof candidate])}: ${e.message}`;
  });
  throw new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);
}

function integer(value: string, name: string): number {
  if (!/^\d+$/.test(value.trim())) throw new ConfigError(`invalid configuration: ${name}=${JSON.stringify(value)}: must be a whole number`);
  return Number(value);
}
