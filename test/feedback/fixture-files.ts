/**
 * The labelled mail sets the feedback tests may read: every emails*.jsonl fixture except the
 * blind held-out set, which no test of this feature opens.
 */
import { readdirSync } from 'node:fs';
import { BLIND_FIXTURE } from '../../src/cli/learn/labelled-sets.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);

export function maskableFixtureFiles(): URL[] {
  return readdirSync(FIXTURES)
    .filter((name) => /^emails.*\.jsonl$/u.test(name) && !name.includes(BLIND_FIXTURE))
    .sort()
    .map((name) => new URL(name, FIXTURES));
}
