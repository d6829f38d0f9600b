/**
 * The batch report as one self-contained HTML file (inline CSS and SVG, no external assets: the
 * machines that run ondo may have no internet). Every text from a mail goes through `html`, which
 * escapes whatever it interpolates.
 */
import { TONE_LEVELS, type ToneLevel } from '../../analysis/tone-schema.js';
import { duration } from './progress.js';
import { GRID, type BatchFacts } from './report.js';
import type { LintFinding } from '../../drafting/lint/index.js';
import type { BatchDraft, TriagedMail } from './task.js';

export interface ReportContext {
  input: string;
  generatedAt: Date;
  elapsedSeconds: number;
  interrupted: boolean;
  dictionaryVersion: string;
  /** Japanese scenario names (the templates' label). */
  scenarioLabels: ReadonlyMap<string, string>;
}

export const LEVEL_LABELS: Record<ToneLevel, string> = { calm: '平常', concerned: '心配', angry: '怒り', furious: '激怒' };
const LEVEL_COLORS: Record<ToneLevel, string> = { calm: '#4a8fd6', concerned: '#d9a400', angry: '#ee7a22', furious: '#d0342c' };
const CATEGORY_LABELS: Record<string, string> = {
  anger: '怒り',
  urgency: '緊急',
  deadline: '期限',
  escalation: 'エスカレーション',
  'polite-annoyance': '丁寧な苛立ち',
  'complaint-fact': '事実としての不満',
  declaration: '激怒の宣言',
  'repeated-contact': '再三の連絡',
  symbols: '記号',
};
const TOP_TERMS = 20;

export function renderReport(facts: BatchFacts, context: ReportContext): string {
  const scenarioName = (kind: string) => context.scenarioLabels.get(kind) ?? kind;
  const percent = (n: number) => (facts.triaged ? `${Math.round((100 * n) / facts.triaged)}%` : '–');
  const scenarios = [...facts.scenarios].sort((a, b) => b[1] - a[1]);
  const priorities = [...facts.priorities].sort((a, b) => a[0].localeCompare(b[0]));
  const terms = [...facts.terms.values()]
    .filter((t) => t.mails > 0)
    .sort((a, b) => b.mails - a.mails)
    .slice(0, TOP_TERMS);

  const page = html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ondo 問い合わせ温度レポート</title>
<style>${raw(REPORT_STYLE)}</style>
</head>
<body>
<header>
  <h1>ondo 問い合わせ温度レポート</h1>
  <p class="meta">入力 <code>${context.input}</code> ・ 作成 ${formatTime(context.generatedAt)} ・ 所要 ${duration(context.elapsedSeconds)} ・ 辞書 <code>${context.dictionaryVersion}</code></p>
  ${context.interrupted ? html`<p class="warning" role="alert">途中で中断されました。この集計は中断までに処理した ${facts.triaged} 件だけのものです。</p>` : ''}
</header>
<main>
<section class="cards" aria-label="概要">
  ${card('処理件数', facts.triaged, facts.skippedCount ? `スキップ ${facts.skippedCount} 件` : '')}
  ${card(LEVEL_LABELS.furious, facts.levels.furious, percent(facts.levels.furious), 'furious')}
  ${card(LEVEL_LABELS.angry, facts.levels.angry, percent(facts.levels.angry), 'angry')}
  ${card('丁寧だが不満', facts.politeButAnnoyed, '丁寧な文面に不満のサイン')}
  ${card('責任者対応', facts.escalated, percent(facts.escalated))}
</section>

<section>
  <h2>温度（レベル）別の件数</h2>
  <div class="pair">
  <table class="counts" id="levels"><thead><tr><th>温度</th><th>件数</th><th>割合</th></tr></thead><tbody>
  ${TONE_LEVELS.map((level) => html`<tr data-level="${level}"><td>${levelBadge(level)}</td><td class="num">${facts.levels[level]}</td><td class="num">${percent(facts.levels[level])}</td></tr>`)}
  </tbody></table>
  ${barChart(
    TONE_LEVELS.map((level) => ({ label: LEVEL_LABELS[level], value: facts.levels[level], color: LEVEL_COLORS[level] })),
    '温度別の件数',
  )}
  </div>
  <p class="note">丁寧な文面でも不満のサインがあるメールは「怒り」以上になります（丁寧だが不満: ${facts.politeButAnnoyed} 件）。</p>
</section>

<section>
  <h2>内容（シナリオ）別の件数</h2>
  <div class="pair">
  <table class="counts" id="scenarios"><thead><tr><th>シナリオ</th><th>件数</th><th>割合</th></tr></thead><tbody>
  ${scenarios.map(([kind, value]) => html`<tr data-scenario="${kind}"><td>${scenarioName(kind)}</td><td class="num">${value}</td><td class="num">${percent(value)}</td></tr>`)}
  </tbody></table>
  ${barChart(
    scenarios.map(([kind, value]) => ({ label: scenarioName(kind), value, color: '#6b7fa8' })),
    'シナリオ別の件数',
  )}
  </div>
  <h3>優先度</h3>
  <table class="counts" id="priorities"><thead><tr><th>優先度</th><th>件数</th><th>割合</th></tr></thead><tbody>
  ${priorities.map(([priority, value]) => html`<tr data-priority="${priority}"><td>${priority}</td><td class="num">${value}</td><td class="num">${percent(value)}</td></tr>`)}
  </tbody></table>
</section>

<section>
  <h2>怒りと緊急度の分布</h2>
  <p class="note">横軸が怒り、縦軸が緊急度（どちらも 0〜100）。色が濃いほど件数が多く、右上ほど急いで対応すべきメールです。</p>
  ${heatmap(facts.grid)}
</section>

<section>
  <h2>優先して対応したいメール（上位 ${facts.hottest.length} 件）</h2>
  ${facts.hottest.length ? hottestTable(facts.hottest, scenarioName) : html`<p>該当するメールはありません。</p>`}
</section>

<section>
  <h2>よく出る根拠の語句</h2>
  <p class="note">スコアに効いた辞書エントリと、それが根拠になったメールの件数です。</p>
  <table id="terms"><thead><tr><th>語句</th><th>分類</th><th>辞書エントリ</th><th>件数</th><th>割合</th></tr></thead><tbody>
  ${terms.map(
    (t) =>
      html`<tr><td>${[...t.texts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(
          ([text]) => html`<span class="term">${text}</span>`,
        )}</td><td>${CATEGORY_LABELS[t.category] ?? t.category}</td><td><code>${t.entryId}</code></td><td class="num">${t.mails}</td><td class="num">${percent(t.mails)}</td></tr>`,
  )}
  </tbody></table>
</section>

${
  facts.skippedCount
    ? html`<section>
  <h2>スキップした行（${facts.skippedCount} 件）</h2>
  <table id="skipped"><thead><tr><th>場所</th><th>理由</th></tr></thead><tbody>
  ${facts.skipped.map((s) => html`<tr><td>${s.label}</td><td>${s.reason}</td></tr>`)}
  </tbody></table>
  ${facts.skippedCount > facts.skipped.length ? html`<p class="note">ほか ${facts.skippedCount - facts.skipped.length} 件はコマンドの出力を見てください。</p>` : ''}
</section>`
    : ''
}
</main>
<footer>ondo batch が作成しました。メール本文を含むため、社外に共有しないでください。</footer>
</body>
</html>
`;
  return page.text;
}

function card(title: string, value: number, sub: string, level?: ToneLevel): Html {
  return html`<div class="card"${raw(level ? ` style="border-top-color:${LEVEL_COLORS[level]}"` : '')}><div class="card-title">${title}</div><div class="card-value">${value}</div><div class="card-sub">${sub}</div></div>`;
}

function levelBadge(level: ToneLevel): Html {
  return html`<span class="badge" style="background:${LEVEL_COLORS[level]}">${LEVEL_LABELS[level]}</span>`;
}

function hottestTable(mails: readonly TriagedMail[], scenarioName: (kind: string) => string): Html {
  return html`<table id="hottest"><thead><tr><th>温度</th><th>ID</th><th>怒り</th><th>緊急度</th><th>シナリオ・優先度</th><th>返信期限</th><th>件名と本文（根拠を強調）</th></tr></thead><tbody>
  ${mails.map((mail) => {
    const { row } = mail;
    return html`<tr><td>${levelBadge(row.level)}${row.politeButAnnoyed ? html`<div class="flag">丁寧だが不満</div>` : ''}${row.escalate ? html`<div class="flag">責任者対応</div>` : ''}</td>
    <td><code>${row.id}</code></td><td class="num">${row.anger}</td><td class="num">${row.urgency}</td>
    <td>${scenarioName(row.scenario)}<br>${row.priority}</td><td>${formatTime(new Date(row.replyBy))}</td>
    <td><div class="subject">${marked(mail, 'subject')}</div><div class="excerpt">${marked(mail, 'body')}</div>${row.draft ? draftBlock(row.draft, row.lint ?? []) : ''}</td></tr>`;
  })}
  </tbody></table>`;
}

/** With --drafts: the reply draft as the agent would send it, and the linter's findings on it. */
function draftBlock(draft: BatchDraft, lint: readonly LintFinding[]): Html {
  return html`<details class="draft"><summary>返信の下書き${lint.length ? `（指摘 ${lint.length} 件）` : ''}</summary>
    <div class="draft-subject">件名: ${draft.subject}</div><div class="draft-text">${draft.text}</div>
    ${lint.length ? html`<ul class="lint">${lint.map((f) => html`<li><code>${f.ruleId}</code> 「${f.text}」 ${f.message.ja}${f.rewrite ? html`<div class="rewrite">書き換え案: ${f.rewrite}</div>` : ''}</li>`)}</ul>` : ''}
  </details>`;
}

/** The field's text with its evidence in <mark>; overlapping pieces of evidence keep the first. */
function marked(mail: TriagedMail, field: 'subject' | 'body'): Html {
  const text = field === 'subject' ? mail.subject : mail.body;
  const spans = mail.evidence.filter((e) => e.field === field && e.end <= text.length).sort((a, b) => a.start - b.start);
  const parts: Html[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    parts.push(
      html`${text.slice(at, span.start)}<mark title="${span.entryId}（${CATEGORY_LABELS[span.category] ?? span.category}）+${span.contribution}">${text.slice(span.start, span.end)}</mark>`,
    );
    at = span.end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}

interface Bar {
  label: string;
  value: number;
  color: string;
}

function barChart(bars: readonly Bar[], title: string): Html {
  // 13 px text: about 13 px for each Japanese character
  const labelWidth = Math.min(260, 16 + 13 * Math.max(1, ...bars.map((b) => b.label.length)));
  const [barWidth, rowHeight] = [300, 26];
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 8;
  return html`<svg class="chart" role="img" aria-label="${title}" width="${labelWidth + barWidth + 60}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}">
  ${bars.map((bar, i) => {
    const y = 4 + i * rowHeight;
    const width = Math.round((bar.value / max) * barWidth);
    return html`<g><title>${bar.label}: ${bar.value} 件</title><text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${bar.label}</text><rect x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 8}" rx="3" fill="${bar.color}"></rect><text x="${labelWidth + width + 6}" y="${y + 17}">${bar.value}</text></g>`;
  })}
</svg>`;
}

function heatmap(grid: readonly (readonly number[])[]): Html {
  const [cell, left, bottom, top] = [34, 56, 44, 10];
  const size = cell * GRID;
  const max = Math.max(1, ...grid.flat());
  const step = 100 / GRID;
  const cells: Html[] = [];
  for (let a = 0; a < GRID; a++) {
    for (let u = 0; u < GRID; u++) {
      const count = grid[a]![u]!;
      const x = left + a * cell;
      const y = top + (GRID - 1 - u) * cell;
      const alpha = count ? (0.15 + (0.85 * Math.log1p(count)) / Math.log1p(max)).toFixed(2) : '0';
      const square = html`<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="rgba(208,52,44,${alpha})" stroke="#e4e4e4"></rect>`;
      cells.push(
        count
          ? html`<g><title>怒り ${a * step}〜${a * step + step - 1}・緊急度 ${u * step}〜${u * step + step - 1}: ${count} 件</title>${square}<text x="${x + cell / 2 - 1}" y="${y + cell / 2 + 4}" text-anchor="middle" class="${Number(alpha) > 0.6 ? 'light' : ''}">${count}</text></g>`
          : square,
      );
    }
  }
  const ticks = [0, 50, 100].map(
    (v) =>
      html`<text x="${left + (v / 100) * size}" y="${top + size + 16}" text-anchor="middle">${v}</text><text x="${left - 6}" y="${top + size - (v / 100) * size + 4}" text-anchor="end">${v}</text>`,
  );
  const width = left + size + 24;
  const height = top + size + bottom;
  return html`<svg class="chart" id="distribution" role="img" aria-label="怒りと緊急度の分布" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  ${cells}${ticks}
  <text x="${left + size / 2}" y="${top + size + 36}" text-anchor="middle">怒り →</text>
  <text transform="translate(16 ${top + size / 2}) rotate(-90)" text-anchor="middle">緊急度 →</text>
</svg>`;
}

const timeFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
function formatTime(date: Date): string {
  return Number.isNaN(date.getTime()) ? '–' : timeFormat.format(date);
}

/** Markup built by `html`: interpolated strings are escaped, nested Html is kept as it is. */
export class Html {
  constructor(readonly text: string) {}
}
type Part = Html | string | number | boolean | undefined | readonly Part[];

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let text = strings[0]!;
  values.forEach((value, i) => (text += partText(value) + strings[i + 1]!));
  return new Html(text);
}

export function raw(text: string): Html {
  return new Html(text);
}

function partText(part: Part): string {
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(partText).join('');
  if (part === undefined || part === false) return '';
  return escapeHtml(String(part));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Yu Gothic UI", Meiryo, sans-serif; color: var(--ink); background: #f7f8fa; line-height: 1.6; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 0 0 12px; }
h3 { font-size: 1rem; margin: 16px 0 8px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 18px 20px; margin: 16px 0; overflow-x: auto; }
.meta, .note, footer { color: var(--muted); font-size: 0.85rem; }
footer { padding-bottom: 32px; }
.warning { background: #fff4e5; border: 1px solid #f0b429; border-radius: 6px; padding: 8px 12px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; background: none; border: 0; padding: 0; }
.card { background: #fff; border: 1px solid var(--line); border-top: 4px solid #9aa5b1; border-radius: 8px; padding: 12px 16px; }
.card-title { color: var(--muted); font-size: 0.85rem; }
.card-value { font-size: 1.8rem; font-weight: 700; }
.card-sub { color: var(--muted); font-size: 0.8rem; min-height: 1.2em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin-top: 8px; }
table.counts { width: auto; min-width: 300px; margin-top: 0; }
.pair { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; color: #fff; border-radius: 999px; padding: 0 10px; font-size: 0.8rem; font-weight: 700; white-space: nowrap; }
.flag { font-size: 0.75rem; color: #b42318; white-space: nowrap; }
.subject { font-weight: 600; }
.excerpt { white-space: pre-wrap; color: #323f4b; max-width: 560px; }
details.draft { margin-top: 8px; max-width: 560px; }
details.draft summary { cursor: pointer; color: #1f4e8c; font-weight: 600; }
.draft-subject { color: var(--muted); font-size: 0.85rem; margin-top: 4px; }
.draft-text { white-space: pre-wrap; background: #f7f8fa; border-left: 3px solid #6b7fa8; padding: 8px 12px; margin-top: 4px; }
ul.lint { margin: 6px 0 0; padding-left: 1.2em; font-size: 0.85rem; }
.rewrite { color: var(--muted); }
mark { background: #ffe08a; border-radius: 3px; padding: 0 1px; }
.term { display: inline-block; background: #f0f2f5; border-radius: 4px; padding: 0 6px; margin: 0 4px 2px 0; }
code { font-size: 0.85em; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 13px; fill: var(--ink); }
svg.chart text.light { fill: #fff; }
`;
