/**
 * The 「メールを判定」 tab: sends a pasted mail, or an .eml file as base64, to POST /v1/triage and
 * shows first what an agent acts on (level, triage, the draft), then the mail with the evidence
 * that moved the score in place. Sample mails, the browser-only history, 「判定が違う」 and the
 * draft card live in their own modules.
 */
import { fileToBase64, postJson } from './api.js';
import { setupCorrection } from './correction.js';
import { byId, h, show } from './dom.js';
import { setupDraft } from './draft.js';
import { renderMarkedMail, round } from './evidence.js';
import { setupHistory } from './history.js';
import { LEVELS, LEVEL_HELP, NOT_COUNTED, PRIORITIES, categoryLabel, scenarioLabel } from './labels.js';
import { handleRequestForm } from './request-form.js';
import { SAMPLE_MAILS } from './samples.js';

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
  /** The mail as last sent (without overrides), what ondo first said about it, and the level shown. */
  /** @type {{ request: Record<string, unknown>, customerMail: string, mail: { subject?: string, body: string }, tone: any } | null} */
  let last = null;
  const correction = setupCorrection();
  const showAll = /** @type {HTMLInputElement} */ (byId('show-all-marks'));
  const draft = setupDraft({
    onSendToLint: (reply) => {
      if (last) onSendToLint(reply, last.customerMail, currentLevel);
    },
    async onRedraft(override) {
      if (!last) return;
      const status = byId('analyze-status');
      status.textContent = '下書きを作り直しています…';
      try {
        const result = await postJson('/v1/triage', { ...last.request, ...overrides, ...override });
        overrides = { ...overrides, ...override };
        render(result, false);
        status.textContent = `下書きを作り直しました（用件「${scenarioLabel(result.scenario.primary)}」・温度「${LEVELS[result.tone.level]}」）。`;
      } catch (err) {
        status.textContent = `下書きを作り直せませんでした。${err instanceof Error ? err.message : ''}`;
        render(lastResult, false);
      }
    },
  });
  /** The agent's choices of scenario and level for the current mail. */
  /** @type {{ scenario?: string, level?: string }} */
  let overrides = {};
  let currentLevel = '';
  /** @type {any} */
  let lastResult = null;
  const history = setupHistory({
    onPick(entry) {
      setFile(null);
      subjectInput.value = entry.subject;
      bodyInput.value = entry.body;
      form.requestSubmit();
    },
  });
  byId('samples').replaceChildren(
    ...SAMPLE_MAILS.map((sample) => {
      const button = h('button', { className: 'chip', text: sample.label, attrs: { type: 'button' } });
      button.addEventListener('click', () => {
        setFile(null);
        subjectInput.value = sample.subject;
        bodyInput.value = sample.body;
        bodyInput.focus();
      });
      return button;
    }),
  );
  showAll.addEventListener('change', () => {
    if (lastResult) renderMail(lastResult.tone, lastMailView, lastResult.mail, showAll.checked);
  });
  /** @type {{ subject: string, body: string }} */
  let lastMailView = { subject: '', body: '' };

  /** @param {File | null | undefined} chosen */
  const setFile = (chosen) => {
    file = chosen ?? null;
    if (!file) fileInput.value = '';
    subjectInput.disabled = bodyInput.disabled = file !== null;
    byId('eml-name').textContent = file
      ? `${file.name}（${Math.max(1, Math.round(file.size / 1024))} KB）を判定します。件名と本文の欄は使いません。`
      : '';
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
    validate: () =>
      file || /\S/.test(bodyInput.value) ? null : { message: '本文を入力するか、.eml ファイルを選んでください。', field: bodyInput },
    async run() {
      const subject = subjectInput.value.trim();
      // A pasted mail is read as a mail (clean): quoted history and signature are not the customer's new words.
      const mail = file
        ? { raw: await fileToBase64(file), rawEncoding: 'base64' }
        : { body: bodyInput.value, clean: true, ...(subject ? { subject } : {}) };
      const request = { ...mail, ...senderFields() };
      const result = await postJson('/v1/triage', request);
      // Evidence offsets point into the text the server kept (a raw mail decoded, a paste cleaned).
      const view = result.mail ? { subject: result.mail.subject ?? '', body: result.mail.text } : { subject, body: bodyInput.value };
      const scored = { ...(view.subject ? { subject: view.subject } : {}), body: view.body };
      last = { request, customerMail: view.body, mail: scored, tone: result.tone };
      overrides = {};
      lastMailView = view;
      render(result, true);
      history.add({
        subject: view.subject,
        body: view.body,
        level: result.tone.level,
        anger: result.tone.anger,
        urgency: result.tone.urgency,
        scenario: result.scenario.primary,
      });
      return summaryOf(result);
    },
  });

  function senderFields() {
    const fields = {
      companyName: /** @type {HTMLInputElement} */ (byId('sender-company')).value.trim(),
      agentName: /** @type {HTMLInputElement} */ (byId('sender-agent')).value.trim(),
      customerName: /** @type {HTMLInputElement} */ (byId('customer-name')).value.trim().replace(/様$/, ''),
    };
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
  }

  /** @param {any} result @param {boolean} fresh a new mail (not a re-draft of the same one) */
  function render(result, fresh) {
    const { tone, scenario, routing } = result;
    lastResult = result;
    currentLevel = tone.level;
    renderTone(tone, overrides.level !== undefined);
    if (fresh) renderMail(tone, lastMailView, result.mail, showAll.checked);
    renderTriage(scenario, routing);
    draft.show(result);
    const first = fresh && last ? last.tone : null;
    correction.reset(
      first && last
        ? {
            mail: last.mail,
            ondo: {
              level: first.level,
              politeButAnnoyed: first.politeButAnnoyed,
              scenario: scenario.primary,
              dictionaryVersion: first.dictionaryVersion,
            },
          }
        : null,
      { level: tone.level, scenario: scenario.primary },
    );
    show(byId('analyze-output'), true);
  }
}

/** @param {any} result */
function summaryOf(result) {
  const { tone, routing } = result;
  const polite = tone.politeButAnnoyed ? '丁寧な文面ですが怒りとして扱います。' : '';
  return `判定しました。レベルは「${LEVELS[tone.level]}」、怒り ${tone.anger}・緊急度 ${tone.urgency}。${polite}優先度は ${routing.priority} です。`;
}

/** @param {any} tone @param {boolean} chosen the level is the agent's choice, not ondo's reading */
function renderTone(tone, chosen) {
  const badge = byId('level-badge');
  badge.className = `level-badge level-${tone.level}`;
  badge.textContent = LEVELS[tone.level] ?? tone.level;
  byId('level-help').textContent = `${chosen ? '（担当者が選んだ温度）' : ''}${LEVEL_HELP[tone.level] ?? ''}`;
  setGauge(byId('gauge-anger'), tone.anger);
  setGauge(byId('gauge-urgency'), tone.urgency);

  const politeReason = tone.reasons.find((/** @type {any} */ r) => r.code === 'polite-but-annoyed');
  show(byId('pba'), tone.politeButAnnoyed);
  byId('pba-text').textContent = politeReason?.ja ?? '丁寧な文面ですが、不満のサインがあるため「怒り」レベルとして扱います。';

  const reasons = tone.reasons.filter((/** @type {any} */ r) => !(tone.politeButAnnoyed && r === politeReason));
  byId('reasons').replaceChildren(
    ...(reasons.length > 0
      ? reasons.map((/** @type {any} */ r) => h('li', { text: r.ja, dataset: { code: r.code } }))
      : [h('li', { text: '怒りや緊急を示す表現は見つかりませんでした。' })]),
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
  gauge.append(
    svg,
    h('span', { className: 'gauge-number' }),
    h('span', { className: 'gauge-label', text: gauge.getAttribute('aria-label') ?? '', attrs: { 'aria-hidden': 'true' } }),
  );
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
 * @param {any} tone
 * @param {{ subject: string, body: string }} mail
 * @param {any} parsed the server's reading of the mail (raw or pasted), when it sent one
 * @param {boolean} all also mark the signals that do not move the score (politeness, intensifiers, not counted)
 */
function renderMail(tone, mail, parsed, all) {
  renderMarkedMail({ subject: byId('mail-subject-view'), body: byId('mail-body-view'), legend: byId('legend') }, tone, mail, all);

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
    ...tone.notCounted.map((/** @type {any} */ n) =>
      h('li', {}, `「${n.text}」`, h('code', { text: n.entryId }), `：${NOT_COUNTED[n.why] ?? n.why}`),
    ),
  );

  const meta = byId('mail-meta');
  show(meta, Boolean(parsed));
  if (parsed) {
    const from = parsed.from
      ? `差出人：${[parsed.from.name, parsed.from.address && `<${parsed.from.address}>`].filter(Boolean).join(' ')}`
      : '';
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
    ...(scenario.source === 'agent' ? [h('span', { className: 'muted', text: '（担当者が選択）' })] : []),
    ...(secondary.length > 0 ? [h('span', { className: 'muted', text: `（ほかに：${secondary.join('、')}）` })] : []),
  );
  byId('triage-priority').replaceChildren(
    h('span', { className: `priority priority-${routing.priority}`, text: routing.priority }),
    ` ${PRIORITIES[routing.priority] ?? ''}`,
  );
  byId('triage-escalate').replaceChildren(
    routing.escalate ? h('strong', { className: 'escalate', text: 'はい' }) : 'いいえ',
    ...(routing.escalate ? [h('ul', {}, ...routing.escalateReasons.map((/** @type {string} */ r) => h('li', { text: r })))] : []),
  );
  const { sla } = routing;
  const allowance =
    sla.businessHours !== undefined ? `${sla.businessHours} 営業時間` : sla.businessDays !== undefined ? `${sla.businessDays} 営業日` : '';
  byId('triage-reply-by').replaceChildren(
    h('time', { attrs: { datetime: routing.replyBy }, text: routing.replyByLabel }),
    allowance ? h('span', { className: 'muted', text: `（「${LEVELS[sla.level] ?? sla.level}」は ${allowance}以内）` }) : '',
  );
}
