/**
 * The review inbox at /inbox, for teams without a helpdesk: drafts waiting for review (most urgent
 * first), one claimed with a lease that is renewed while the page is open and given back when the
 * agent leaves, the customer's mail with its evidence beside the editable draft (linted as the
 * agent types), then approved or sent back with a reason. Only the API key is kept (this tab's session).
 */
import { bindApiKeyInput, getJson, postJson, problemKind } from './api.js';
import { byId, h, show } from './dom.js';
import { renderMarkedMail } from './evidence.js';
import { LEVELS, PRIORITIES, loadManualLabels, manual, scenarioLabel } from './labels.js';
import { setupLiveLint } from './live-lint.js';
import { installTooltips } from './marked-text.js';

const PLACEHOLDER = /【[^【】\n]+】/g;
/** Problems that mean the draft is no longer this agent's: back to the list. */
const LOST = new Set(['lease-lost', 'review-claimed', 'review-decided', 'not-found']);

/** @typedef {{ item: any, lease: { token: string, agent: string, expiresAt: string } }} Claimed */

const queue = byId('queue');
const review = byId('review');
const list = byId('review-list');
const queueStatus = byId('queue-status');
const queueError = byId('queue-error');
const agentInput = /** @type {HTMLInputElement} */ (byId('agent-name'));
const subjectInput = /** @type {HTMLInputElement} */ (byId('review-subject'));
const textInput = /** @type {HTMLTextAreaElement} */ (byId('review-text'));
const reasonInput = /** @type {HTMLTextAreaElement} */ (byId('reject-reason'));
const decisionError = byId('decision-error');
const showAll = /** @type {HTMLInputElement} */ (byId('review-show-all'));
const correctionLevel = /** @type {HTMLSelectElement} */ (byId('correction-level'));
const correctionScenario = /** @type {HTMLSelectElement} */ (byId('correction-scenario'));
const correctionPba = /** @type {HTMLInputElement} */ (byId('correction-pba'));

/** The draft this page holds, while it holds one. @type {Claimed | null} */
let held = null;
/** The customer's mail behind it, when the server still has it. @type {any} */
let heldMail = null;
let renewTimer = 0;
let busy = false;
const reviewPanel = byId('review');

/**
 * Marks the page as waiting for the server (a claim being opened, a decision being sent): clicks are
 * ignored meanwhile, so the panel says so to assistive technology (and to the browser tests).
 * @param {boolean} value
 */
function setBusy(value) {
  busy = value;
  reviewPanel.setAttribute('aria-busy', String(value));
}

const liveLint = setupLiveLint({
  input: textInput,
  status: byId('review-lint-status'),
  list: byId('review-findings'),
  level: () => held?.item.draft.level,
});

/** @param {string} message */
function fail(message) {
  queueError.textContent = message;
  show(queueError, true);
}

/** @param {unknown} err */
const messageOf = (err) => (err instanceof Error ? err.message : String(err));

async function refresh() {
  show(queueError, false);
  queueStatus.textContent = '一覧を読み込んでいます…';
  try {
    const { total, items } = await getJson('/v1/reviews?limit=100');
    byId('queue-total').textContent = String(total);
    list.replaceChildren(...items.map(row));
    const free = items.filter((/** @type {any} */ item) => item.status === 'pending').length;
    queueStatus.textContent = total === 0 ? 'レビュー待ちの下書きはありません。' : `${total} 件のうち ${free} 件をすぐに取れます。`;
  } catch (err) {
    queueStatus.textContent = '一覧を読み込めませんでした。';
    fail(messageOf(err));
  }
}

/** @param {any} item */
function row(item) {
  const { draft } = item;
  const title = draft.subject || '（件名なし）';
  const claimedBy = item.status === 'claimed' ? item.claim?.agent : undefined;
  const take = h('button', {
    className: 'button secondary small',
    text: 'これを取る',
    attrs: { type: 'button', 'aria-label': `「${title}」を取る` },
  });
  take.addEventListener('click', () => void claim(item.id));
  return h(
    'li',
    { className: `review-row${claimedBy !== undefined ? ' is-claimed' : ''}`, dataset: { id: item.id, status: item.status } },
    h('span', { className: `priority priority-${item.priority}`, text: item.priority, attrs: { title: PRIORITIES[item.priority] ?? '' } }),
    h(
      'div',
      { className: 'review-row-main' },
      h('p', { className: 'review-row-title', text: title }),
      h(
        'p',
        { className: 'review-row-meta muted' },
        h('time', { attrs: { datetime: item.replyBy }, text: item.replyByLabel }),
        `・${draft.scenario ? scenarioLabel(draft.scenario) : 'フォローアップ'}`,
        draft.level ? `・温度「${LEVELS[draft.level] ?? draft.level}」` : '',
        item.escalate ? h('strong', { className: 'escalate', text: '・責任者対応' }) : '',
      ),
    ),
    claimedBy !== undefined ? h('span', { className: 'review-row-holder', text: `${claimedBy} さんが確認中` }) : take,
  );
}

/** The agent's name, or null (with the reason shown and the field focused) when it is missing. */
function agentName() {
  const agent = agentInput.value.trim();
  agentInput.toggleAttribute('aria-invalid', agent === '');
  if (agent) return agent;
  fail('下書きを取る前に「あなたの名前」を入力してください。');
  agentInput.focus();
  return null;
}

/** Claims the given draft, or the most urgent free one. @param {string} [id] */
async function claim(id) {
  if (busy) return;
  show(queueError, false);
  const agent = agentName();
  if (!agent) return;
  setBusy(true);
  queueStatus.textContent = '下書きを取っています…';
  try {
    const claimed = await postJson(id ? `/v1/reviews/${encodeURIComponent(id)}/claim` : '/v1/reviews/claim', { agent });
    if (!claimed) {
      queueStatus.textContent = 'いま取れる下書きはありません（すべて確認中か、レビュー待ちがありません）。';
      await refresh();
      return;
    }
    await open(claimed);
  } catch (err) {
    fail(messageOf(err));
    await refresh();
  } finally {
    setBusy(false);
  }
}

/** Shows a claimed draft beside its mail and starts renewing its lease. @param {Claimed} claimed */
async function open(claimed) {
  held = claimed;
  heldMail = null;
  const { item } = claimed;
  review.dataset.id = item.id;
  const { draft } = item;
  byId('review-heading').textContent = draft.subject || '（件名なし）';
  byId('review-priority').replaceChildren(
    h('span', { className: `priority priority-${item.priority}`, text: item.priority }),
    ` ${PRIORITIES[item.priority] ?? ''}`,
  );
  byId('review-reply-by').replaceChildren(h('time', { attrs: { datetime: item.replyBy }, text: item.replyByLabel }));
  byId('review-level').textContent = draft.level ? (LEVELS[draft.level] ?? draft.level) : '—';
  byId('review-escalate').replaceChildren(
    item.escalate ? h('strong', { className: 'escalate', text: 'はい' }) : 'いいえ',
    ...(item.escalate ? [h('ul', {}, ...item.escalateReasons.map((/** @type {string} */ r) => h('li', { text: r })))] : []),
  );
  subjectInput.value = draft.subject;
  textInput.value = draft.text;
  reasonInput.value = '';
  resetCorrection();
  show(decisionError, false);
  liveLint.reset();
  showPlaceholders();
  showLease();
  show(queue, false);
  show(review, true);
  byId('review-heading').focus();
  scheduleRenewal();
  await loadMail(item.id);
}

/** @param {string} id */
async function loadMail(id) {
  const missing = byId('review-mail-missing');
  show(missing, false);
  show(byId('review-mail'), true);
  try {
    heldMail = await getJson(`/v1/reviews/${encodeURIComponent(id)}/mail`);
    if (held?.item.id !== id) return;
    renderMail();
  } catch (err) {
    if (held?.item.id !== id) return;
    show(byId('review-mail'), false);
    byId('review-legend').replaceChildren();
    missing.textContent =
      problemKind(err) === 'not-found'
        ? 'この下書きのお客様のメールは、サーバーにもう残っていません（フォローアップの下書きか、保存期間を過ぎました）。'
        : `お客様のメールを読み込めませんでした。${messageOf(err)}`;
    show(missing, true);
  }
}

function renderMail() {
  if (!heldMail) return;
  renderMarkedMail(
    { subject: byId('review-mail-subject'), body: byId('review-mail-body'), legend: byId('review-legend') },
    heldMail.tone,
    heldMail,
    showAll.checked,
  );
}

function showPlaceholders() {
  const names = [...new Set([...textInput.value.matchAll(PLACEHOLDER)].map((m) => m[0]))];
  byId('review-placeholders').textContent =
    names.length > 0 ? `送信前に埋める項目：${names.join('')}（埋めるまで承認できません）` : '埋める項目はありません。';
  return names;
}

function showLease() {
  if (!held) return;
  const until = new Date(held.lease.expiresAt).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' });
  byId('review-lease').textContent = `${held.lease.agent} さんが確保中（${until} まで。このページを開いている間は自動で延長します）`;
}

/** Renews the lease a third of the way through what is left of it (at least every two minutes). */
function scheduleRenewal() {
  window.clearTimeout(renewTimer);
  if (!held) return;
  const left = new Date(held.lease.expiresAt).getTime() - Date.now();
  renewTimer = window.setTimeout(renew, Math.min(120_000, Math.max(1_000, left / 3)));
}

async function renew() {
  const current = held;
  if (!current) return;
  try {
    const renewed = await postJson(`/v1/reviews/${encodeURIComponent(current.item.id)}/claim`, {
      agent: current.lease.agent,
      leaseToken: current.lease.token,
    });
    if (held !== current) return;
    held = { item: current.item, lease: renewed.lease };
    showLease();
    scheduleRenewal();
  } catch (err) {
    if (held !== current) return;
    if (LOST.has(problemKind(err))) return lost(messageOf(err));
    // The server or the network is down for a moment: try again, the lease has time left.
    byId('review-lease').textContent = `確保の延長に失敗しました。もう一度試します。${messageOf(err)}`;
    renewTimer = window.setTimeout(renew, 5_000);
  }
}

/** The draft is no longer this page's: back to the list, saying why. @param {string} message */
async function lost(message) {
  close();
  fail(message);
  await refresh();
}

/** Back to the list (after a decision, a release, or a lost lease). */
function close() {
  window.clearTimeout(renewTimer);
  held = null;
  heldMail = null;
  liveLint.reset();
  delete review.dataset.id;
  show(review, false);
  show(queue, true);
  byId('queue-heading').focus();
}

function resetCorrection() {
  correctionLevel.replaceChildren(
    h('option', { attrs: { value: '' }, text: '訂正しない' }),
    ...Object.entries(LEVELS).map(([code, label]) => h('option', { attrs: { value: code }, text: label })),
  );
  correctionScenario.replaceChildren(
    h('option', { attrs: { value: '' }, text: '指定しない' }),
    ...Object.entries(manual.scenarios).map(([code, label]) => h('option', { attrs: { value: code }, text: label })),
  );
  correctionPba.checked = false;
}

/** The correction the review routes take, when the agent chose a level. */
function correction() {
  if (!correctionLevel.value) return {};
  return {
    correction: {
      level: correctionLevel.value,
      politeButAnnoyed: correctionPba.checked,
      ...(correctionScenario.value ? { scenario: correctionScenario.value } : {}),
    },
  };
}

/** @param {string} message @param {HTMLElement} field */
function decisionProblem(message, field) {
  decisionError.textContent = message;
  show(decisionError, true);
  field.setAttribute('aria-invalid', 'true');
  field.focus();
}

/**
 * Approves or rejects the held draft, then goes back to the list with what happened.
 * @param {'approve' | 'reject'} action
 */
async function decide(action) {
  const current = held;
  if (!current || busy) return;
  show(decisionError, false);
  for (const field of [textInput, reasonInput]) field.removeAttribute('aria-invalid');
  const body = { leaseToken: current.lease.token, ...correction() };
  if (action === 'approve') {
    if (!/\S/.test(textInput.value)) return decisionProblem('返信の本文が空です。', textInput);
    if (showPlaceholders().length > 0)
      return decisionProblem('【】の項目が残っています。実際の内容に置き換えてから承認してください。', textInput);
    Object.assign(body, { text: textInput.value, ...(subjectInput.value.trim() ? { subject: subjectInput.value.trim() } : {}) });
  } else {
    if (!/\S/.test(reasonInput.value)) return decisionProblem('差し戻す理由を書いてください。', reasonInput);
    Object.assign(body, { reason: reasonInput.value.trim() });
  }
  setBusy(true);
  const button = byId(action);
  button.setAttribute('aria-disabled', 'true');
  try {
    const decided = await postJson(`/v1/reviews/${encodeURIComponent(current.item.id)}/${action}`, body);
    const title = current.item.draft.subject || '（件名なし）';
    const lint = decided.lint.length > 0 ? `返信チェックの指摘 ${decided.lint.length} 件も記録しました。` : '';
    const stored = decided.correction?.stored ? '判定の訂正も送りました。' : '';
    close();
    await refresh();
    queueStatus.textContent = `${action === 'approve' ? '承認しました' : '差し戻しました'}：「${title}」。${lint}${stored}`;
  } catch (err) {
    if (LOST.has(problemKind(err))) await lost(messageOf(err));
    else {
      decisionError.textContent = messageOf(err);
      show(decisionError, true);
    }
  } finally {
    setBusy(false);
    button.removeAttribute('aria-disabled');
  }
}

async function release() {
  const current = held;
  if (!current) return;
  close();
  try {
    await postJson(`/v1/reviews/${encodeURIComponent(current.item.id)}/release`, { leaseToken: current.lease.token });
  } catch (err) {
    if (!LOST.has(problemKind(err))) fail(messageOf(err));
  }
  await refresh();
  queueStatus.textContent = `「${current.item.draft.subject || '（件名なし）'}」を一覧に戻しました。`;
}

bindApiKeyInput(/** @type {HTMLInputElement} */ (byId('api-key')), () => {
  if (!held) void refresh();
});
installTooltips();
byId('claim-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void claim();
});
byId('queue-refresh').addEventListener('click', () => void refresh());
byId('review-release').addEventListener('click', () => void release());
byId('approve').addEventListener('click', () => void decide('approve'));
byId('reject').addEventListener('click', () => void decide('reject'));
showAll.addEventListener('change', renderMail);
textInput.addEventListener('input', showPlaceholders);

// Leaving (closing the tab, reloading, going elsewhere) gives the draft back at once instead of when
// its lease lapses. fetch keepalive, not sendBeacon: a beacon cannot carry the API key.
window.addEventListener('pagehide', () => {
  if (!held) return;
  window.clearTimeout(renewTimer);
  postJson(`/v1/reviews/${encodeURIComponent(held.item.id)}/release`, { leaseToken: held.lease.token }, { keepalive: true }).catch(
    () => {},
  );
});
// Back from the browser's page cache: the draft was given back on leaving, so show the list again.
window.addEventListener('pageshow', (event) => {
  if (!event.persisted || !held) return;
  close();
  void refresh().then(() => {
    queueStatus.textContent = 'ページを離れたため、確認中の下書きを一覧に戻しました。';
  });
});

void Promise.all([loadManualLabels(), refresh()]).finally(() => {
  document.documentElement.dataset.ready = 'true';
});
