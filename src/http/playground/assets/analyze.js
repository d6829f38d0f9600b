/**
 * The 「メールを判定」 tab: sends a pasted mail, or an .eml file as base64, to POST /v1/triage and
 * shows the level, the gauges, the reasons, the mail with its evidence in place, the triage and
 * the draft with its 【placeholders】.
 */
import { fileToBase64, postJson } from './api.js';
import { byId, copyText, h, show } from './dom.js';
import { LEVELS, LEVEL_HELP, NOT_COUNTED, PRIORITIES, categoryLabel, placeholderHint, scenarioLabel } from './labels.js';
import { renderMarked } from './marked-text.js';
import { handleRequestForm } from './request-form.js';

/** Categories with their own highlight colour in playground.css; others share one. */
const COLOURED = new Set(['anger', 'polite-annoyance', 'escalation', 'repeated-contact', 'urgency', 'deadline', 'symbols', 'politeness', 'intensifier', 'cushion']);
const highlightClass = (/** @type {string} */ category) => `hl-${COLOURED.has(category) ? category : 'other'}`;

/** @param {number} n */
const round = (n) => String(Math.round(n * 10) / 10);

/**
 * @param {{ onSendToLint: (reply: string, customerMail: string, level: string) => void }} options
 */
export function setupAnalyzeTab({ onSendToLint }) {
  const form = /** @type {HTMLFormElement} */ (byId('analyze-form'));
  const subjectInput = /** @type {HTMLInputElement} */ (byId('mail-subject'));
  const bodyInput = /** @type {HTMLTextAreaElement} */ (byId('mail-body'));
  const fileInput = /** @type {HTMLInputElement} */ (byId('eml-file'));
  const dropzone = byId('eml-drop');
  mountGauge(byId('gauge-anger'));
  mountGauge(byId('gauge-urgency'));
  /** @type {File | null} */
  let file = null;
  /** @type {{ draft: string, customerMail: string, level: string } | null} */
  let last = null;

  /** @param {File | null | undefined} chosen */
  const setFile = (chosen) => {
    file = chosen ?? null;
    if (!file) fileInput.value = '';
    subjectInput.disabled = bodyInput.disabled = file !== null;
    byId('eml-name').textContent = file ? `${file.name}（${Math.max(1, Math.round(file.size / 1024))} KB）を判定します。件名と本文の欄は使いません。` : '';
    show(byId('eml-status'), file !== null);
    dropzone.classList.toggle('has-file', file !== null);
  };

  byId('eml-choose').addEventListener('click', () => fileInput.click());
  byId('eml-clear').addEventListener('click', () => {
    setFile(null);
    bodyInput.focus();
  });
  fileInput.addEventListener('change', () => setFile(fileInput.files?.[0]));
  // The whole form takes a dropped file, so a near miss does not make the browser open the .eml.
  form.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    dropzone.classList.add('dragging');
  });
  form.addEventListener('dragleave', (event) => {
    if (!form.contains(/** @type {Node | null} */ (event.relatedTarget))) dropzone.classList.remove('dragging');
  });
  form.addEventListener('drop', (event) => {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    dropzone.classList.remove('dragging');
    setFile(event.dataTransfer.files[0]);
  });
  handleRequestForm({
    form,
    button: byId('analyze-button'),
    status: byId('analyze-status'),
    errorBox: byId('analyze-error'),
    labels: { idle: '判定する', busy: '判定しています…', failed: '判定できませんでした。' },
    validate: () => (file || /\S/.test(bodyInput.value) ? null : { message: '本文を入力するか、.eml ファイルを選んでください。', field: bodyInput }),
    async run() {
      const subject = subjectInput.value.trim();
      // A pasted mail is read as a mail (clean): quoted history and signature are not the customer's new words.
      const mail = file ? { raw: await fileToBase64(file), rawEncoding: 'base64' } : { body: bodyInput.value, clean: true, ...(subject ? { subject } : {}) };
      const result = await postJson('/v1/triage', { ...mail, ...senderFields() });
      // Evidence offsets point into the text the server kept (a raw mail decoded, a paste cleaned).
      render(result, result.mail ? { subject: result.mail.subject, body: result.mail.text } : { subject, body: bodyInput.value });
      return summaryOf(result);
    },
  });

  byId('draft-copy').addEventListener('click', async () => {
    if (!last) return;
    const copied = await copyText(last.draft);
    byId('draft-copy-status').textContent = copied ? '下書きをコピーしました。' : 'コピーできませんでした。下書きを選択してコピーしてください。';
  });
  byId('draft-to-lint').addEventListener('click', () => {
    if (last) onSendToLint(last.draft, last.customerMail, last.level);
  });

  function senderFields() {
    const fields = {
      companyName: /** @type {HTMLInputElement} */ (byId('sender-company')).value.trim(),
      agentName: /** @type {HTMLInputElement} */ (byId('sender-agent')).value.trim(),
      customerName: /** @type {HTMLInputElement} */ (byId('customer-name')).value.trim().replace(/様$/, ''),
    };
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
  }

  /** @param {any} result @param {{ subject: string, body: string }} mail */
  function render(result, mail) {
    const { tone, scenario, routing, draft } = result;
    renderTone(tone);
    renderMail(tone, mail, result.mail);
    renderTriage(scenario, routing);
    renderDraft(draft);
    last = { draft: draft.text, customerMail: mail.body, level: tone.level };
    byId('draft-copy-status').textContent = '';
    show(byId('analyze-output'), true);
  }
}

/** @param {any} result */
function summaryOf(result) {
  const { tone, routing } = result;
  const polite = tone.politeButAnnoyed ? '丁寧な文面ですが怒りとして扱います。' : '';
  return `判定しました。レベルは「${LEVELS[tone.level]}」、怒り ${tone.anger}・緊急度 ${tone.urgency}。${polite}優先度は ${routing.priority} です。`;
}

/** @param {any} tone */
function renderTone(tone) {
  const badge = byId('level-badge');
  badge.className = `level-badge level-${tone.level}`;
  badge.textContent = LEVELS[tone.level] ?? tone.level;
  byId('level-help').textContent = LEVEL_HELP[tone.level] ?? '';
  setGauge(byId('gauge-anger'), tone.anger);
  setGauge(byId('gauge-urgency'), tone.urgency);

  const politeReason = tone.reasons.find((/** @type {any} */ r) => r.code === 'polite-but-annoyed');
  show(byId('pba'), tone.politeButAnnoyed);
  byId('pba-text').textContent = politeReason?.ja ?? '丁寧な文面ですが、不満のサインがあるため「怒り」レベルとして扱います。';

  const reasons = tone.reasons.filter((/** @type {any} */ r) => !(tone.politeButAnnoyed && r === politeReason));
  byId('reasons').replaceChildren(
    ...(reasons.length > 0 ? reasons.map((/** @type {any} */ r) => h('li', { text: r.ja, dataset: { code: r.code } })) : [h('li', { text: '怒りや緊急を示す表現は見つかりませんでした。' })]),
  );
}

const SVG = 'http://www.w3.org/2000/svg';

/** Draws a half-circle gauge, labelled with its aria-label, into an element with role="meter". @param {HTMLElement} gauge */
function mountGauge(gauge) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 120 70');
  svg.setAttribute('aria-hidden', 'true');
  for (const className of ['gauge-track', 'gauge-value']) {
    const arc = document.createElementNS(SVG, 'path');
    arc.setAttribute('class', className);
    arc.setAttribute('d', 'M 10 62 A 50 50 0 0 1 110 62');
    arc.setAttribute('pathLength', '100');
    arc.setAttribute('stroke-dasharray', '0 100');
    svg.append(arc);
  }
  gauge.append(svg, h('span', { className: 'gauge-number' }), h('span', { className: 'gauge-label', text: gauge.getAttribute('aria-label') ?? '', attrs: { 'aria-hidden': 'true' } }));
}

/** @param {HTMLElement} gauge @param {number} value 0–100 */
function setGauge(gauge, value) {
  gauge.setAttribute('aria-valuenow', String(value));
  gauge.setAttribute('aria-valuetext', `${value}（100 点中）`);
  gauge.classList.remove('gauge-low', 'gauge-mid', 'gauge-high');
  gauge.classList.add(value >= 60 ? 'gauge-high' : value >= 30 ? 'gauge-mid' : 'gauge-low');
  gauge.querySelector('.gauge-value')?.setAttribute('stroke-dasharray', `${value} 100`);
  const number = gauge.querySelector('.gauge-number');
  if (number) number.textContent = String(value);
}

/**
 * Where an aggregated evidence item occurred: its first few spans (the server lists at most five
 * and counts the rest), or its own range from an older server.
 * @param {any} item
 * @returns {{ start: number, end: number }[]}
 */
function spansOf(item) {
  return Array.isArray(item.spans) && item.spans.length > 0 ? item.spans : [{ start: item.start, end: item.end }];
}

/**
 * @param {any} tone
 * @param {{ subject: string, body: string }} mail
 * @param {any} parsed the server's reading of the mail (raw or pasted), when it sent one
 */
function renderMail(tone, mail, parsed) {
  /** @param {'subject' | 'body'} field */
  const marksIn = (field) => [
    ...tone.evidence
      .filter((/** @type {any} */ e) => e.field === field)
      .flatMap((/** @type {any} */ e) => spansOf(e).map((span) => ({ ...e, ...span })))
      .map((/** @type {any} */ e) => ({
        start: e.start,
        end: e.end,
        id: e.entryId,
        className: highlightClass(e.category),
        rank: e.contribution,
        tip: [
          e.entryId,
          `分類：${categoryLabel(e.category)}（${e.category}）`,
          e.weight === 0 ? '点数には加わりません（丁寧さ・強調の手がかり）' : `重み ${round(e.weight)} × 倍率 ${round(e.multiplier)} → 寄与 ${round(e.contribution)}`,
        ],
      })),
    ...tone.notCounted
      .filter((/** @type {any} */ n) => n.field === field)
      .flatMap((/** @type {any} */ n) => spansOf(n).map((span) => ({ ...n, ...span })))
      .map((/** @type {any} */ n) => ({
        start: n.start,
        end: n.end,
        id: n.entryId,
        className: 'hl-not-counted',
        rank: -1,
        tip: [n.entryId, `分類：${categoryLabel(n.category)}（${n.category}）`, NOT_COUNTED[n.why] ?? '数えていません'],
      })),
  ];
  const subjectView = byId('mail-subject-view');
  if (mail.subject) renderMarked(subjectView, mail.subject, marksIn('subject'));
  else subjectView.replaceChildren(h('span', { className: 'muted', text: '（件名なし）' }));
  renderMarked(byId('mail-body-view'), mail.body, marksIn('body'));

  const categories = [...new Set(tone.evidence.map((/** @type {any} */ e) => e.category))];
  byId('legend').replaceChildren(
    ...categories.map((category) => h('li', {}, h('span', { className: `swatch ${highlightClass(/** @type {string} */ (category))}`, attrs: { 'aria-hidden': 'true' } }), categoryLabel(/** @type {string} */ (category)))),
    ...(tone.notCounted.length > 0 ? [h('li', {}, h('span', { className: 'swatch hl-not-counted', attrs: { 'aria-hidden': 'true' } }), '数えなかった表現')] : []),
  );

  byId('evidence-count').textContent = String(tone.evidence.length);
  byId('evidence-rows').replaceChildren(
    ...tone.evidence.map((/** @type {any} */ e) =>
      h(
        'tr',
        {},
        h('td', { text: `${e.field === 'subject' ? `件名：${e.text}` : e.text}${(e.count ?? 1) > 1 ? ` ×${e.count}` : ''}` }),
        h('td', { text: categoryLabel(e.category) }),
        h('td', {}, h('code', { text: e.entryId })),
        h('td', { className: 'num', text: round(e.weight) }),
        h('td', { className: 'num', text: round(e.multiplier) }),
        h('td', { className: 'num', text: round(e.contribution) }),
      ),
    ),
  );
  show(byId('not-counted'), tone.notCounted.length > 0);
  byId('not-counted-list').replaceChildren(
    ...tone.notCounted.map((/** @type {any} */ n) => h('li', {}, `「${n.text}」`, h('code', { text: n.entryId }), `：${NOT_COUNTED[n.why] ?? n.why}`)),
  );

  const meta = byId('mail-meta');
  show(meta, Boolean(parsed));
  if (parsed) {
    const from = parsed.from ? `差出人：${[parsed.from.name, parsed.from.address && `<${parsed.from.address}>`].filter(Boolean).join(' ')}` : '';
    const charset = parsed.charset ? `文字コード：${parsed.charset}` : '';
    const stripped = `引用 ${parsed.stripped.quotedLines} 行・署名 ${parsed.stripped.signatureLines} 行を除いて判定しました`;
    const attachments = parsed.attachments.length > 0 ? `添付 ${parsed.attachments.length} 件（中身は読みません）` : '';
    meta.textContent = [from, charset, stripped, attachments].filter(Boolean).join('｜');
  }
}

/** @param {any} scenario @param {any} routing */
function renderTriage(scenario, routing) {
  const secondary = scenario.secondary.map((/** @type {string} */ s) => scenarioLabel(s));
  byId('triage-scenario').replaceChildren(
    scenarioLabel(scenario.primary),
    ...(secondary.length > 0 ? [h('span', { className: 'muted', text: `（ほかに：${secondary.join('、')}）` })] : []),
  );
  byId('triage-priority').replaceChildren(h('span', { className: `priority priority-${routing.priority}`, text: routing.priority }), ` ${PRIORITIES[routing.priority] ?? ''}`);
  byId('triage-escalate').replaceChildren(
    routing.escalate ? h('strong', { className: 'escalate', text: 'はい' }) : 'いいえ',
    ...(routing.escalate ? [h('ul', {}, ...routing.escalateReasons.map((/** @type {string} */ r) => h('li', { text: r })))] : []),
  );
  const { sla } = routing;
  const allowance = sla.businessHours !== undefined ? `${sla.businessHours} 営業時間` : sla.businessDays !== undefined ? `${sla.businessDays} 営業日` : '';
  byId('triage-reply-by').replaceChildren(
    h('time', { attrs: { datetime: routing.replyBy }, text: routing.replyByLabel }),
    allowance ? h('span', { className: 'muted', text: `（「${LEVELS[sla.level] ?? sla.level}」は ${allowance}以内）` }) : '',
  );
}

/** @param {any} draft */
function renderDraft(draft) {
  byId('draft-subject').textContent = draft.subject;
  renderMarked(
    byId('draft-text'),
    draft.text,
    draft.placeholderSpans.map((/** @type {any} */ p) => ({
      start: p.start,
      end: p.end,
      id: p.name,
      className: 'hl-placeholder',
      rank: 0,
      tip: [`【${p.name}】 送信前に埋める項目`, placeholderHint(p.name, draft.scenario)],
    })),
  );
  const names = [...new Set(draft.placeholders)];
  byId('draft-placeholders').textContent =
    names.length > 0 ? `送信前に埋める項目：${names.map((n) => `【${n}】`).join('')}（ondo は事実を作りません）` : '埋める項目はありません。';
}
