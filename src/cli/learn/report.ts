/** `ondo learn report`: agreement per dictionary version as text, and as one self-contained HTML page. */
import { SCENARIO_KINDS, type ScenarioKind } from '../../analysis/scenario-schema.js';
import { TONE_LEVELS } from '../../analysis/tone-schema.js';
import type {
  Agreement,
  AgreementReport,
  Confusion,
  ScenarioConfusion,
  ScenarioDisagreements,
  VersionAgreement,
} from '../../feedback/agreement.js';
import type { FeedbackRecord } from '../../feedback/record.js';
import { html, LEVEL_LABELS, raw, REPORT_STYLE, type Html } from '../batch/report-html.js';

const percent = (a: Agreement) => (a.n ? `${((100 * a.agreed) / a.n).toFixed(1)}%` : '–');
const EXCERPT = 140;

function excerpt({ mail }: Pick<FeedbackRecord, 'mail'>): string {
  const text = `${mail.subject ? `${mail.subject} / ` : ''}${mail.body}`.replace(/\s+/gu, ' ');
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

function confusionText(confusion: Confusion): string {
  const width = 10;
  const head = `${'agent \\ ondo'.padEnd(14)}${TONE_LEVELS.map((l) => l.padStart(width)).join('')}`;
  const rows = TONE_LEVELS.map((a) => `${a.padEnd(14)}${TONE_LEVELS.map((o) => String(confusion[a][o]).padStart(width)).join('')}`);
  return [head, ...rows].join('\n');
}

/** The scenarios of a sparse matrix, in SCENARIO_KINDS order: rows (agents) and columns (ondo) alike. */
function scenariosOf(confusion: ScenarioConfusion): ScenarioKind[] {
  const seen = new Set<string>();
  for (const [agent, row] of Object.entries(confusion)) {
    seen.add(agent);
    for (const ondo of Object.keys(row ?? {})) seen.add(ondo);
  }
  return SCENARIO_KINDS.filter((k) => seen.has(k));
}

/** One line per agent scenario: what ondo read those mails as (the matrix row, zeros left out). */
function scenarioConfusionText(confusion: ScenarioConfusion): string[] {
  return scenariosOf(confusion).flatMap((agent) => {
    const row = confusion[agent];
    if (!row) return [];
    const cells = scenariosOf(confusion).flatMap((ondo) => (row[ondo] ? [`${ondo} ${row[ondo]}`] : []));
    return [`    ${agent.padEnd(26)}→ ${cells.join(', ')}`];
  });
}

function versionText(v: VersionAgreement): string {
  return [
    `dictionary ${v.dictionaryVersion}  (${v.from.slice(0, 10)} – ${v.to.slice(0, 10)})`,
    `  level agreement ${percent(v.level)} (${v.level.agreed}/${v.level.n}); ondo hotter than the agent ${v.over}, cooler ${v.under}`,
    `  polite-but-annoyed agreement ${percent(v.politeButAnnoyed)} (${v.politeButAnnoyed.agreed}/${v.politeButAnnoyed.n})`,
    `  scenario agreement ${percent(v.scenario)} (${v.scenario.agreed}/${v.scenario.n})`,
    confusionText(v.confusion).replace(/^/gmu, '  '),
    ...(v.scenario.n ? ['  scenario confusion (agent → ondo):', ...scenarioConfusionText(v.scenarioConfusion)] : []),
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
      lines.push(`  ${d.record.id}  ondo ${d.record.ondo.level} → agent ${d.record.agent.level}${scenario}: ${excerpt(d.record)}`);
    }
  }
  const missed = report.scenarios.filter((s) => s.records.length > 0);
  if (missed.length) {
    lines.push('', "Scenario disagreements, by the agents' scenario (masked):");
    for (const s of missed) {
      lines.push(`  ${s.scenario}: ondo agreed ${percent(s.agreement)} (${s.agreement.agreed}/${s.agreement.n}); read as ${readAsText(s)}`);
      for (const r of s.records) lines.push(`    ${r.id}  ondo ${r.ondo.scenario}: ${excerpt(r)}`);
    }
  }
  return lines.join('\n');
}

const readAsText = (s: ScenarioDisagreements) => s.readAs.map((r) => `${r.scenario} ×${r.count}`).join(', ');

export interface AgreementPageContext {
  generatedAt: Date;
  source: string;
  /** The manual's Japanese scenario names (templates' label: 配送遅延・未着); a kind without one shows its code. */
  scenarioLabels?: ReadonlyMap<string, string>;
}

function scenarioConfusionHtml(v: VersionAgreement, name: (kind: ScenarioKind) => string): Html {
  const kinds = scenariosOf(v.scenarioConfusion);
  return html`<table class="confusion scenarios" data-version="${v.dictionaryVersion}"><thead><tr><th>担当者 ＼ ondo</th>${kinds.map((k) => html`<th>${name(k)}</th>`)}</tr></thead><tbody>
  ${kinds
    .filter((a) => v.scenarioConfusion[a])
    .map(
      (a) =>
        html`<tr data-agent="${a}"><th>${name(a)}</th>${kinds.map((o) => html`<td class="num${a === o ? ' diagonal' : ''}" data-ondo="${o}">${v.scenarioConfusion[a]![o] ?? 0}</td>`)}</tr>`,
    )}
  </tbody></table>`;
}

function confusionHtml(v: VersionAgreement): Html {
  return html`<table class="confusion" data-version="${v.dictionaryVersion}"><thead><tr><th>担当者 ＼ ondo</th>${TONE_LEVELS.map((l) => html`<th>${LEVEL_LABELS[l]}</th>`)}</tr></thead><tbody>
  ${TONE_LEVELS.map(
    (a) =>
      html`<tr data-agent="${a}"><th>${LEVEL_LABELS[a]}</th>${TONE_LEVELS.map((o) => html`<td class="num${a === o ? ' diagonal' : ''}" data-ondo="${o}">${v.confusion[a][o]}</td>`)}</tr>`,
  )}
  </tbody></table>`;
}

export function renderAgreementHtml(report: AgreementReport, context: AgreementPageContext): string {
  const name = (kind: ScenarioKind) => context.scenarioLabels?.get(kind) ?? kind;
  const readAsHtml = (s: ScenarioDisagreements) => s.readAs.map((r) => `${name(r.scenario)} ×${r.count}`).join('、');
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
  ${v.scenario.n ? html`<h3>シナリオ（担当者 × ondo）</h3>${scenarioConfusionHtml(v, name)}` : ''}
</section>`,
)}
<section id="disagreements">
  <h2>判定が大きく食い違ったメール</h2>
  <table><thead><tr><th>ID</th><th>ondo</th><th>担当者</th><th>シナリオ</th><th>本文（マスク済み）</th></tr></thead><tbody>
  ${report.disagreements.map(
    (
      d,
    ) => html`<tr data-id="${d.record.id}"><td><code>${d.record.id}</code></td><td>${LEVEL_LABELS[d.record.ondo.level]}</td><td>${LEVEL_LABELS[d.record.agent.level]}</td>
    <td>${d.scenarioDiffers ? `${name(d.record.ondo.scenario!)} → ${name(d.record.agent.scenario!)}` : d.record.agent.scenario ? name(d.record.agent.scenario) : ''}</td><td class="excerpt">${excerpt(d.record)}</td></tr>`,
  )}
  </tbody></table>
</section>
<section id="scenario-disagreements">
  <h2>シナリオ別の食い違い（担当者のシナリオごと）</h2>
  ${report.scenarios
    .filter((s) => s.records.length > 0)
    .map(
      (s) => html`<section class="scenario" data-scenario="${s.scenario}">
  <h3>${name(s.scenario)}: ondo の一致 ${percent(s.agreement)}（${s.agreement.agreed}/${s.agreement.n}）・ ondo の判定 ${readAsHtml(s)}</h3>
  <table><thead><tr><th>ID</th><th>ondo のシナリオ</th><th>本文（マスク済み）</th></tr></thead><tbody>
  ${s.records.map((r) => html`<tr data-id="${r.id}"><td><code>${r.id}</code></td><td>${r.ondo.scenario ? name(r.ondo.scenario) : ''}</td><td class="excerpt">${excerpt(r)}</td></tr>`)}
  </tbody></table>
</section>`,
    )}
</section>
</main>
</body>
</html>
`.text;
}
