/**
 * The learned blame signal: read where the clause shapes find nothing, only for an unhappy customer,
 * never where the shop admits its error or apologises; quoted from its heaviest clause, no rewrite.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DICTIONARIES_DIR } from '../../../src/analysis/lexicon/load.js';
import { parseYaml } from '../../../src/analysis/lexicon/yaml-file.js';
import type { ToneLevel } from '../../../src/analysis/tone-schema.js';
import { BLAME_LEARNED_FILE, BlameLearnedFileSchema } from '../../../src/drafting/lint/blame-learned.js';
import { lintReply } from '../../../src/drafting/lint/index.js';
import { replyFixturesHash, tuningReplySets } from '../../../scripts/blame-fit.js';
import { rules, shapeRules, tokenizer } from './rule-tester.js';

const blameOf = (text: string, customerLevel: ToneLevel, r = rules) =>
  lintReply(text, { rules: r, tokenizer, customerLevel }).filter((f) => f.ruleId === 'blame');

// Staff defended against the customer's complaint, with no phrase the shapes know (held-out 15's
// rh15-035; the session-14 refit no longer reads 「担当者は、ご指示と犬の状態に沿って適切に施術した
// ものと判断しております」 as blame on its own).
const defended = '駅係員は規定どおりにご案内したものと存じます。';

describe('dictionaries/learned/blame.yaml', () => {
  it('was fitted from the labelled replies as they are now (npm run fit:blame after changing a tuning set)', () => {
    const text = readFileSync(`${DEFAULT_DICTIONARIES_DIR}/${BLAME_LEARNED_FILE}`, 'utf8');
    const shipped = parseYaml({ name: BLAME_LEARNED_FILE, text }, BlameLearnedFileSchema);
    expect(shipped.fitted.fixtures).toBe(replyFixturesHash(tuningReplySets()));
  });
});

describe('the learned blame signal', () => {
  it('reads blame the clause shapes miss, quoting the clause that weighs most and offering no rewrite', () => {
    expect(blameOf(defended, 'angry', shapeRules)).toEqual([]);
    const [finding, ...more] = blameOf(defended, 'angry');
    expect(more).toEqual([]);
    expect(finding?.text).toBe('駅係員は規定どおりにご案内したものと存じます');
    expect(finding?.rewrite).toBeUndefined();
  });

  it('says nothing to a calm customer, where the shapes alone decide', () => {
    expect(blameOf(defended, 'calm')).toEqual([]);
  });

  it('clears a sentence that admits the shop’s own error, or apologises', () => {
    expect(blameOf('表記の違いは当社の確認不足により生じたものです。', 'angry')).toEqual([]);
    expect(blameOf('ご期待に沿えず申し訳ございませんが、担当者はご指示に沿って施術したものと判断しております。', 'angry')).toEqual([]);
  });
});
