import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { mineContexts } from '../../src/feedback/suggest/context.js';
import { Scorer, type LabelledText } from '../../src/feedback/suggest/scorer.js';
import { sharedTokenizer } from '../support/engine.js';

const team = readFileSync(new URL('../fixtures/team-over-corrections.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as LabelledText & { part: string });
const byId = (...ids: string[]) => team.filter((m) => ids.includes(m.id));
const calmPolicyholders = byId('i01', 'i02', 'i03', 'i04', 'i05', 'i06');

describe('mineContexts', () => {
  const mine = async (corrections: readonly LabelledText[], guard: readonly LabelledText[] = []) =>
    mineContexts({
      scorer: new Scorer(await sharedTokenizer()),
      dictionaries: loadDictionaries(),
      corrections,
      background: [],
      guard,
    }).map((c) => c.entry);

  it(
    'hides the threat inside the phrase the calm mails share, with a context entry of weight 0 in its own category',
    { timeout: 120_000 },
    async () => {
      const [entry] = await mine(calmPolicyholders);
      expect(entry).toMatchObject({ pattern: '訴訟 費用', category: 'escalation', weight: 0, polarity: 'any', match: 'lemma' });
      expect(entry!.examples!.match!.length).toBeGreaterThan(0);
    },
  );

  it('never lowers a mail labelled furious: 「訴訟費用がかかっても構いませんので、徹底的に争います」 forces the longer 「訴訟費用保険」', async () => {
    const patterns = (await mine(calmPolicyholders, byId('i08'))).map((e) => e.pattern);
    expect(patterns).not.toContain('訴訟 費用');
    expect(patterns).toContain('訴訟 費用 保険');
  });

  it('proposes nothing from a single over-read mail', async () => {
    expect(await mine(byId('i01', 'i09'))).toEqual([]);
  });
});
