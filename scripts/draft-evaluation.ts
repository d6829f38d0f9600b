/**
 * Runs labelled mails through triage and judges each draft (scripts/draft-judge.ts).
 * `npx tsx scripts/draft-evaluation.ts <file.jsonl> [--verbose]` prints the judgement for one set.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadAnalysisEngine, type AnalysisEngine } from '../src/analysis/analyze.js';
import { loadDrafting, type Drafting } from '../src/drafting/drafting.js';
import { triage, type TriageRequest } from '../src/drafting/triage.js';
import type { TriageResult } from '../src/drafting/triage-schema.js';
import { formatDraftJudgement, judgeDraft, summarise, type DraftJudgement, type DraftLabel, type JudgedDraft } from './draft-judge.js';

/**
 * Sets judged by `npm run eval`. drafts-holdout-22.jsonl is left out on purpose: it is the blind,
 * untouched measure, run by the lead with `tsx scripts/draft-evaluation.ts test/fixtures/drafts-holdout-22.jsonl` (or `scripts/_blind.ts`).
 */
export const DRAFT_SETS = [
  {
    name: 'development',
    path: fileURLToPath(new URL('../test/fixtures/drafts.jsonl', import.meta.url)),
    status: "the issue's own examples, tuned on",
  },
  ...[5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21].map((set) => ({
    name: `held-out ${set}`,
    path: fileURLToPath(new URL(`../test/fixtures/drafts-holdout-${set}.jsonl`, import.meta.url)),
    status: 'blind until first measured, then tuned on',
  })),
] as const;

export function readDraftLabels(path: string): DraftLabel[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DraftLabel);
}

/** The parts of a triage result the judge reads. */
export function judgedDraftOf(result: TriageResult): JudgedDraft {
  return {
    text: result.draft.text,
    promiseDate: result.draft.promiseDate,
    replyBy: result.routing.replyBy,
    priority: result.routing.priority,
    reasons: [
      ...result.routing.escalateReasons,
      ...(result.routing.customerDeadline?.reason ? [result.routing.customerDeadline.reason] : []),
    ],
  };
}

export function evaluateDrafts(
  engine: AnalysisEngine,
  drafting: Drafting,
  labels: readonly DraftLabel[],
  context: Partial<TriageRequest> = {},
): DraftJudgement {
  return summarise(
    labels.map((label) => {
      const result = triage(engine, drafting, { subject: label.subject, body: label.body, receivedAt: label.receivedAt, ...context });
      return { label, scenario: result.scenario.primary, verdict: judgeDraft(label, judgedDraftOf(result)) };
    }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx scripts/draft-evaluation.ts <drafts.jsonl> [--verbose]');
    process.exit(2);
  }
  const engine = await loadAnalysisEngine();
  const labels = readDraftLabels(resolve(file));
  console.log(`${labels.length} labelled mails from ${file}\n`);
  console.log(
    formatDraftJudgement(evaluateDrafts(engine, loadDrafting(engine.dictionaries), labels), {
      verbose: process.argv.includes('--verbose'),
    }),
  );
}
