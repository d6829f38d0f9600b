/**
 * The labelled mail sets the feedback tests may read: every emails*.jsonl fixture except the
 * untouched held-out set 6, which stays blind (no test of this feature opens it).
 */
import { readdirSync } from 'node:fs';

const FIXTURES = new URL('../fixtures/', import.meta.url);

export function maskableFixtureFiles(): URL[] {
  return readdirSync(FIXTURES)
    .filter((name) => /^emails.*\.jsonl$/u.test(name) && !name.includes('-holdout-6') && !name.includes('-holdout-7'))
    .sort()
    .map((name) => new URL(name, FIXTURES));
}
