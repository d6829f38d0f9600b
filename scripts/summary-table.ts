/** One Markdown row per labelled set: the figures issue 14 sets bars for, side by side. */
import type { Share, ToneEvaluation } from './evaluation.js';
import type { PostEvaluation, ReviewEvaluation } from './text-evaluation.js';

export interface SetSummary {
  name: string;
  tone: ToneEvaluation;
  reviews?: ReviewEvaluation;
  posts?: PostEvaluation;
}

const COLUMNS = [
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

const f3 = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(3));
const pct = (s: Share) => (s.n === 0 ? '—' : `${(s.rate * 100).toFixed(1)}%`);

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

export function formatSummaryTable(sets: readonly SetSummary[]): string {
  const rows = [COLUMNS, COLUMNS.map(() => '---'), ...sets.map(summaryRow)];
  return rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
