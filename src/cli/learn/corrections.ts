/** Where `ondo learn` reads the team's corrections: an export file (JSON Lines) or the Redis the API stores them in. */
import { readFileSync } from 'node:fs';
import { createRedisClient } from '../../queue/connection.js';
import { Compile } from 'typebox/compile';
import { loadConfig } from '../../config.js';
import { FeedbackRecord } from '../../feedback/record.js';
import { DEFAULT_TENANT, FeedbackStore } from '../../feedback/store.js';
import { idSecret, JobIds } from '../../queue/tenants.js';

export interface CorrectionSource {
  /** A JSON Lines export (GET /v1/feedback/export); without it, Redis (REDIS_URL, QUEUE_PREFIX). */
  from?: string;
  tenant?: string;
}

const checkRecord = Compile(FeedbackRecord);

export function parseCorrections(text: string, name: string): FeedbackRecord[] {
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${name}:${index + 1}: not JSON`);
    }
    if (!checkRecord.Check(value)) {
      const first = [...checkRecord.Errors(value)][0];
      throw new Error(`${name}:${index + 1}: not a stored correction (${first?.instancePath || '/'} ${first?.message ?? ''})`);
    }
    return [value];
  });
}

export async function readCorrections(source: CorrectionSource): Promise<FeedbackRecord[]> {
  if (source.from) return parseCorrections(readFileSync(source.from, 'utf8'), source.from);
  const config = loadConfig();
  const redis = createRedisClient(config, { maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: true });
  redis.on('error', () => {}); // the first command rejects instead
  try {
    await redis.connect();
    const store = new FeedbackStore(redis, {
      prefix: config.queuePrefix,
      retentionDays: config.feedbackRetentionDays,
      ids: new JobIds(idSecret(redis, config.queuePrefix, config.idSecret)),
    });
    const records: FeedbackRecord[] = [];
    for await (const record of store.all(source.tenant ?? DEFAULT_TENANT)) records.push(record);
    return records;
  } finally {
    redis.disconnect();
  }
}
