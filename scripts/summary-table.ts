/** The figures of every labelled set, side by side: tone (the bars of issue 14), then scenarios, linter and drafts. */
import type { DraftJudgement } from './draft-judge.js';
import type { ClassScores, Share, ToneEvaluation } from './evaluation.js';
import type { PostEvaluation, ReviewEvaluation } from './text-evaluation.js';

export interface SetSummary {
  name: string;
  tone: ToneEvaluation;
  reviews?: ReviewEvaluation;
  posts?: PostEvaluation;
  /** Primary scenario accuracy on the set's mails. */
  scenarios?: number;
  /** The reply linter's micro scores on the set's labelled replies. */
  linter?: ClassScores;
  drafts?: DraftJudgement;
}

/** A table as cells: the header row first. */
export type Cells = string[][];

export const TONE_COLUMNS = [
  'set',
  'macro-F1',
  'polite-annoyed ≥ angry',
  'flag recall',
  'furious recall',
  'escalated',
  'calm/concerned → angry',
  'reviews AUC anger / dissat.',
  '5★ angry',
  'posts ρ',
  'posts AUC anger / dissat.',
];

export const REPLY_COLUMNS = ['set', 'scenarios', 'linter micro P / R', 'drafts meeting every check', 'draft scenarios'];

const f3 = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(3));
const pct = (s: Share) => (s.n === 0 ? '—' : `${(s.rate * 100).toFixed(1)}%`);
const percent = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`);

export function summaryRow({ name, tone, reviews, posts }: SetSummary): string[] {
  return [
    name,
    f3(tone.macroF1),
    pct(tone.politeButAnnoyedLifted),
    tone.politeButAnnoyed.support === 0 ? '—' : f3(tone.politeButAnnoyed.recall),
    tone.perLevel.furious.support === 0 ? '—' : f3(tone.perLevel.furious.recall),
    pct(tone.escalation),
    pct(tone.calmReadAngry),
    reviews ? `${f3(reviews.aucAnger)} / ${f3(reviews.aucDissatisfaction)}` : '—',
    reviews ? pct(reviews.fiveStarAngry) : '—',
    posts ? f3(posts.spearmanAnger) : '—',
    posts ? `${f3(posts.aucAnger)} / ${f3(posts.aucDissatisfaction)}` : '—',
  ];
}

export function replyRow({ name, scenarios, linter, drafts }: SetSummary): string[] {
  return [
    name,
    percent(scenarios),
    linter ? `${percent(linter.precision)} / ${percent(linter.recall)}` : '—',
    drafts ? `${percent(drafts.meetingAll)} (${Math.round(drafts.meetingAll * drafts.total)}/${drafts.total})` : '—',
    drafts ? percent(drafts.scenarioAccuracy) : '—',
  ];
}

export const toneCells = (sets: readonly SetSummary[]): Cells => [TONE_COLUMNS, ...sets.map(summaryRow)];
export const replyCells = (sets: readonly SetSummary[]): Cells => [REPLY_COLUMNS, ...sets.map(replyRow)];

export function markdownTable([header, ...rows]: Cells): string {
  return [header!, header!.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A table's cells back from its Markdown (the separator row dropped). */
export function parseMarkdownTable(text: string): Cells {
  return text
    .trim()
    .split('\n')
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    )
    .filter((cells) => !cells.every((cell) => /^-+$/.test(cell)));
}

export function formatSummaryTable(sets: readonly SetSummary[]): string {
  return `${markdownTable(toneCells(sets))}\n\n${markdownTable(replyCells(sets))}`;
}
