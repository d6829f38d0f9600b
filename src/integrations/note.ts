/**
 * The private note an agent reads in the ticket: level, reasons, routing and the draft, in
 * Japanese, most important first. Ends with a reference id that lets a retried delivery find a
 * note it already posted.
 */
import type { TriageResult } from '../drafting/triage-schema.js';

const LEVEL_LABELS: Record<string, string> = { calm: '通常', concerned: '困りごと', angry: '怒り', furious: '激怒' };
const PRIORITY_LABELS: Record<string, string> = { P1: '最優先', P2: '優先', P3: '通常', P4: '低' };

export const NOTE_MARKER_LABEL = 'ondo 参照ID:';

export interface DraftNote {
  /** Plain text, lines separated by \n. */
  text: string;
  /** The same as simple HTML (Freshdesk notes are HTML). */
  html: string;
  marker: string;
}

export function formatDraftNote(result: TriageResult, marker: string): DraftNote {
  const { tone, routing, draft } = result;
  const headline = [
    `【ondo 下書き】${LEVEL_LABELS[tone.level] ?? tone.level}（${tone.level}）`,
    `優先度 ${routing.priority} ${PRIORITY_LABELS[routing.priority] ?? ''}`.trim(),
    routing.escalate ? '要エスカレーション' : undefined,
  ]
    .filter(Boolean)
    .join('・');
  const lines = [
    headline,
    `返信期限: ${routing.replyByLabel}（${routing.replyBy}）`,
    `怒り ${tone.anger} / 緊急度 ${tone.urgency}${tone.politeButAnnoyed ? ' / 丁寧だが苛立ち' : ''}`,
  ];
  if (tone.reasons.length > 0) lines.push('', '判定理由:', ...tone.reasons.slice(0, 5).map((r) => `・${r.ja}`));
  if (routing.escalate) lines.push('', 'エスカレーション理由:', ...routing.escalateReasons.map((r) => `・${r}`));
  lines.push('', '──────────', `返信下書き（件名: ${draft.subject}）`, '', draft.text, '──────────');
  if (draft.placeholders.length > 0) lines.push(`送信前に記入: ${draft.placeholders.map((p) => `【${p}】`).join(' ')}`);
  lines.push('この下書きは社内メモです。内容を確認・編集してからお客様へ返信してください。', `${NOTE_MARKER_LABEL} ${marker}`);
  const text = lines.join('\n');
  return { text, html: toHtml(text), marker };
}

/** Tags set when the integration's note.setTags is on. */
export function routingTags(result: TriageResult): string[] {
  const tags: string[] = [];
  if (result.tone.level === 'angry' || result.tone.level === 'furious') tags.push('ondo-angry');
  if (result.tone.level === 'furious') tags.push('ondo-furious');
  if (result.routing.escalate) tags.push('ondo-escalate');
  return tags;
}

function toHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<div>${escaped.split('\n').join('<br>')}</div>`;
}
