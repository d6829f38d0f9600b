/** `ondo learn report`: agreement per dictionary version as text, and as one self-contained HTML page. */
import { TONE_LEVELS } from '../../analysis/tone-schema.js';
import type { Agreement, AgreementReport, Confusion, Disagreement, VersionAgreement } from '../../feedback/agreement.js';
import { html, LEVEL_LABELS, raw, REPORT_STYLE, type Html } from '../batch/report-html.js';

const percent = (a: Agreement) => (a.n ? `${((100 * a.agreed) / a.n).toFixed(1)}%` : '–');
const EXCERPT = 140;

function excerpt(d: Disagreement): string {
  const text = `${d.record.mail.subject ? `${d.record.mail.subject} / ` : ''}${d.record.mail.body}`.replace(/\s+/gu, ' ');
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

function confusionText(confusion: Confusion): string {
  const width = 10;
  const head = `${'agent \\ ondo'.padEnd(14)}${TONE_LEVELS.map((l) => l.padStart(width)).join('')}`;
  const rows = TONE_LEVELS.map((a) => `${a.padEnd(14)}${TONE_LEVELS.map((o) => String(confusion[a][o]).padStart(width)).join('')}`);
  return [head, ...rows].join('\n');
}

function versionText(v: VersionAgreement): string {
  return [
    `dictionary ${v.dictionaryVersion}  (${v.from.slice(0, 10)} – ${v.to.slice(0, 10)})`,
    `  level agreement ${percent(v.level)} (${v.level.agreed}/${v.level.n}); ondo hotter than the agent ${v.over}, cooler ${v.under}`,
    `  polite-but-annoyed agreement ${percent(v.politeButAnnoyed)} (${v.politeButAnnoyed.agreed}/${v.politeButAnnoyed.n})`,
    `  scenario agreement ${percent(v.scenario)} (${v.scenario.agreed}/${v.scenario.n})`,
    confusionText(v.confusion).replace(/^/gmu, '  '),
  ].join('\n');
}

export function formatAgreementText(report: AgreementReport): string {
  if (report.total.n === 0)
    return 'No corrections stored yet (FEEDBACK=on, then POST /v1/feedback or approve/reject a review with a correction).';
  const lines = [`${report.total.n} corrections; agents agree with ondo's level in ${percent(report.total)}`, ''];
  for (const v of report.versions) lines.push(versionText(v), '');
  if (report.disagreements.length) {
    lines.push('Biggest disagreements (masked):');
    for (const d of report.disagreements) {
      const scenario = d.scenarioDiffers ? `, scenario ${d.record.ondo.scenario} → ${d.record.agent.scenario}` : '';
      lines.push(`  ${d.record.id}  ondo ${d.record.ondo.level} → agent ${d.record.agent.level}${scenario}: ${excerpt(d)}`);
    }
  }
  return lines.join('\n');
}

function confusionHtml(v: VersionAgreement): Html {
  return html`<table class="confusion" data-version="${v.dictionaryVersion}"><thead><tr><th>担当者 ＼ ondo</th>${TONE_LEVELS.map((l) => html`<th>${LEVEL_LABELS[l]}</th>`)}</tr></thead><tbody>
  ${TONE_LEVELS.map(
    (a) =>
      html`<tr data-agent="${a}"><th>${LEVEL_LABELS[a]}</th>${TONE_LEVELS.map((o) => html`<td class="num${a === o ? ' diagonal' : ''}" data-ondo="${o}">${v.confusion[a][o]}</td>`)}</tr>`,
  )}
  </tbody></table>`;
}

export function renderAgreementHtml(report: AgreementReport, context: { generatedAt: Date; source: string }): string {
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ondo 判定と担当者の一致率</title>
<style>${raw(REPORT_STYLE)} td.diagonal { background: #e6f4ea; font-weight: 700; }</style>
</head>
<body>
<header>
  <h1>ondo 判定と担当者の一致率</h1>
  <p class="meta">修正 ${report.total.n} 件（${context.source}）・ 作成 ${context.generatedAt.toISOString()} ・ 本文は個人情報をマスク済み</p>
</header>
<main>
<section id="summary"><h2>全体</h2><p>担当者が ondo の温度判定に同意した割合: <strong>${percent(report.total)}</strong>（${report.total.agreed}/${report.total.n}）</p></section>
${report.versions.map(
  (v) => html`<section class="version" data-version="${v.dictionaryVersion}">
  <h2>辞書 <code>${v.dictionaryVersion}</code></h2>
  <p class="meta">${v.from.slice(0, 10)} 〜 ${v.to.slice(0, 10)}</p>
  <p>温度の一致 <strong>${percent(v.level)}</strong>（${v.level.agreed}/${v.level.n}）・ ondo が高く読んだ ${v.over} 件・低く読んだ ${v.under} 件 ・ 丁寧だが不満 ${percent(v.politeButAnnoyed)} ・ シナリオ ${percent(v.scenario)}</p>
  ${confusionHtml(v)}
</section>`,
)}
<section id="disagreements">
  <h2>判定が大きく食い違ったメール</h2>
  <table><thead><tr><th>ID</th><th>ondo</th><th>担当者</th><th>シナリオ</th><th>本文（マスク済み）</th></tr></thead><tbody>
  ${report.disagreements.map(
    (
      d,
    ) => html`<tr data-id="${d.record.id}"><td><code>${d.record.id}</code></td><td>${LEVEL_LABELS[d.record.ondo.level]}</td><td>${LEVEL_LABELS[d.record.agent.level]}</td>
    <td>${d.scenarioDiffers ? `${d.record.ondo.scenario} → ${d.record.agent.scenario}` : (d.record.agent.scenario ?? '')}</td><td class="excerpt">${excerpt(d)}</td></tr>`,
  )}
  </tbody></table>
</section>
</main>
</body>
</html>
`.text;
}
