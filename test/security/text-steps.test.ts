/**
 * Issue 19 row 2: every text-processing step is linear in its input. Each worst-case shape runs
 * at the body limit (100 KB of UTF-8) under a generous bound; a quadratic step takes seconds to
 * minutes there (the "--" lines took 64 s before the fix).
 */
import { describe, expect, it } from 'vitest';
import { sharedTokenizer } from '../support/engine.js';
import { TEXT_WORST_CASES, atSizeLimit, timeTextStep } from './text-worst-cases.js';

const BODY_LIMIT_BYTES = 100 * 1024;
// Generous: the machine is shared by many test processes; a linear step takes well under a
// second alone, a quadratic one a minute.
const BOUND_MS = 10_000;
// Reading the facts cuts the body at 20,000 characters, so a quadratic there costs seconds, not
// minutes (2.8 s for 「怒」 alone, far more under load); linear, it takes a millisecond.
const FACTS_BOUND_MS = 1_000;

/** The case at the body limit: as many characters as fit in 100 KB of UTF-8. */
const atBodyLimit = (make: (n: number) => string) => atSizeLimit(make, BODY_LIMIT_BYTES);

describe('text steps on worst-case input', () => {
  for (const { step, name, make } of TEXT_WORST_CASES) {
    const bound = step === 'facts' ? FACTS_BOUND_MS : BOUND_MS;
    it(`${step}: ${name} finishes within ${bound} ms at 100 KB`, async () => {
      const tokenizer = step === 'tokenizer' ? await sharedTokenizer() : undefined;
      const text = atBodyLimit(make);
      expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
      expect(timeTextStep(step, text, tokenizer)).toBeLessThan(bound);
    });
  }
});
