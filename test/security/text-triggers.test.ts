/**
 * Every text-processing step is linear in its input: the dictionaries' own trigger phrases, repeated
 * at MAX_BODY_BYTES in shapes that once made a rule rescan per match (trigger-probes.ts), are triaged
 * within a multiple of the time a plain mail of the same size takes in the same run, so the bound
 * holds on a loaded machine (a rescan per match in frames.ts took 30 times that). The drafting readers
 * take the first 20,000 characters, so one alone is bounded by a share of a plain mail's triage (a
 * rescan per date in customer-deadline.ts took 3.5 times a whole triage).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { loadConfig } from '../../src/config.js';
import { findCustomerDeadline } from '../../src/drafting/customer-deadline.js';
import { nameWords, readCustomerName } from '../../src/drafting/customer-name.js';
import { readCustomerText } from '../../src/drafting/customer-text.js';
import { loadDrafting, type Drafting } from '../../src/drafting/drafting.js';
import { readErrand } from '../../src/drafting/mail-errand.js';
import { readMailFacts } from '../../src/drafting/mail-facts.js';
import { readSentenceConditions } from '../../src/drafting/stock-sentences.js';
import { triage } from '../../src/drafting/triage.js';
import { sharedEngine } from '../support/engine.js';
import { atSizeLimit } from './text-worst-cases.js';
import { plainMail, triggerPhrases, triggerProbes, type TriggerProbe } from './trigger-probes.js';

const LIMIT = loadConfig({}).maxBodyBytes;
/** A probe triages within this many times a plain mail of the same size (the worst linear one: about 4). */
const TRIAGE_RATIO = 10;
/** One drafting reader alone, on a probe, within this share of a plain mail's whole triage. */
const READER_SHARE = 1;
const NOW = new Date('2026-12-07T10:00:00+09:00');

let engine: AnalysisEngine;
let drafting: Drafting;
let probes: TriggerProbe[];
let plainMs: number;

/** The faster of two runs when the first is over `bound`: a loaded machine stalls one run now and then. */
function timed(run: () => unknown, bound: number): number {
  const once = () => {
    const started = performance.now();
    run();
    return performance.now() - started;
  };
  const first = once();
  return first <= bound ? first : Math.min(first, once());
}

beforeAll(async () => {
  engine = await sharedEngine();
  drafting = loadDrafting(engine.dictionaries);
  probes = triggerProbes(triggerPhrases(engine.dictionaries));
  const plain = atSizeLimit(plainMail, LIMIT);
  triage(engine, drafting, { body: plain }, NOW); // warm up
  const runs = [0, 1, 2].map(() => timed(() => triage(engine, drafting, { body: plain }, NOW), Infinity)).sort((a, b) => a - b);
  plainMs = runs[1]!;
}, 120_000);

// The probes are built from the dictionaries loaded in beforeAll; their names do not depend on the phrases.
const SHAPES = triggerProbes(['最悪']).map((probe) => probe.name);
/**
 * Shapes still superlinear, each with its cause; skipped until it is fixed (then delete the line). Empty
 * since feeling-target.ts walk() reads at most WALK_REACH tokens back (「二度と買わない」 without
 * punctuation took 5 s where a plain mail takes 0.3 s).
 */
const KNOWN_SUPERLINEAR = new Set<string>();

describe(`triage of trigger phrases at MAX_BODY_BYTES (${LIMIT} bytes)`, () => {
  it('builds every probe at the limit from the dictionaries’ phrases', () => {
    for (const shape of KNOWN_SUPERLINEAR) expect(SHAPES).toContain(shape);
    expect(probes.map((probe) => probe.name)).toEqual(SHAPES);
    expect(triggerPhrases(engine.dictionaries).length).toBeGreaterThan(50);
    for (const probe of probes) expect(Buffer.byteLength(atSizeLimit(probe.make, LIMIT), 'utf8')).toBeLessThanOrEqual(LIMIT);
  });

  SHAPES.forEach((shape, n) => {
    (KNOWN_SUPERLINEAR.has(shape) ? it.skip : it)(
      `${shape}: triages within ${TRIAGE_RATIO}× a plain mail`,
      () => {
        const probe = probes[n]!;
        const body = atSizeLimit(probe.make, LIMIT);
        const ms = timed(() => triage(engine, drafting, { body }, NOW), plainMs * TRIAGE_RATIO);
        expect(ms / plainMs, `${probe.name}: ${Math.round(ms)} ms, a plain mail ${Math.round(plainMs)} ms`).toBeLessThan(TRIAGE_RATIO);
      },
      120_000,
    );
  });
});

describe('the drafting readers on trigger phrases at MAX_BODY_BYTES', () => {
  const readers: Record<string, (body: string) => unknown> = {
    'customer text': (body) => readCustomerText(body),
    deadline: (body) => findCustomerDeadline(readCustomerText(body).text, NOW, drafting.manual),
    facts: (body) => readMailFacts(undefined, body),
    'stock sentences': (body) =>
      readSentenceConditions(readCustomerText(body).text, readMailFacts(undefined, body), {
        followUp: true,
        thanks: false,
        deadline: true,
        othersSilent: false,
      }),
    name: (body) => readCustomerName(body, nameWords(engine.tokenizer)),
    errand: (body) => readErrand(undefined, body, [], [], readCustomerText(body)),
  };
  for (const [reader, read] of Object.entries(readers)) {
    it(`${reader}: each probe within ${READER_SHARE}× a plain mail's whole triage`, () => {
      const slow: string[] = [];
      for (const probe of probes) {
        const body = atSizeLimit(probe.make, LIMIT);
        const ms = timed(() => read(body), plainMs * READER_SHARE);
        if (ms > plainMs * READER_SHARE) slow.push(`${probe.name}: ${Math.round(ms)} ms (a plain triage ${Math.round(plainMs)} ms)`);
      }
      expect(slow).toEqual([]);
    }, 300_000);
  }
});
