/**
 * The 「返信をチェック」 tab: sends an agent's reply (and, if given, the customer's mail or level) to
 * POST /v1/replies/lint and shows each finding in place and in a list with its rewrite.
 */
import { postJson } from './api.js';
import { byId, copyText, h, show } from './dom.js';
import { LEVELS, LINT_RULES, SEVERITIES } from './labels.js';
import { renderMarked } from './marked-text.js';
import { handleRequestForm } from './request-form.js';

const PLACEHOLDER = /【[^【】\n]+】/g;
/** Rules about the reply as a whole: their span is the sentence where the missing words belong, not words to remove. */
const REPLY_WIDE = new Set(['no-thanks', 'no-empathy', 'refusal-first']);

export function setupLintTab() {
  const form = /** @type {HTMLFormElement} */ (byId('lint-form'));
  const replyInput = /** @type {HTMLTextAreaElement} */ (byId('lint-reply'));
  const levelInput = /** @type {HTMLSelectElement} */ (byId('lint-level'));
  const customerInput = /** @type {HTMLTextAreaElement} */ (byId('lint-customer'));
  const errorBox = byId('lint-error');

  const status = byId('lint-status');
  handleRequestForm({
    form,
    button: byId('lint-button'),
    status,
    errorBox,
    labels: { idle: 'チェックする', busy: 'チェックしています…', failed: 'チェックできませんでした。' },
    validate: () => (/\S/.test(replyInput.value) ? null : { message: 'チェックする返信文を入力してください。', field: replyInput }),
    async run() {
      const reply = replyInput.value;
      const customerMail = /\S/.test(customerInput.value) ? { body: customerInput.value } : undefined;
      const customerLevel = levelInput.value || undefined;
      const result = await postJson('/v1/replies/lint', {
        text: reply,
        ...(customerMail ? { customerMail } : {}),
        ...(customerLevel ? { customerLevel } : {}),
      });
      render(reply, result.findings);
      return summaryOf(result);
    },
  });

  return {
    /** Fills the form (from the draft of the other tab), ready to edit and check. @param {string} reply @param {string} customerMail @param {string} level */
    load(reply, customerMail, level) {
      replyInput.value = reply;
      customerInput.value = customerMail;
      levelInput.value = level;
      show(byId('lint-output'), false);
      show(errorBox, false);
      status.textContent = '判定した下書きを入れました。【】の項目を埋めてから「チェックする」を押してください。';
    },
  };
}

/** @param {any} result */
function summaryOf(result) {
  const level = result.customerLevel ? `お客様の温度は「${LEVELS[result.customerLevel]}」として確認しました。` : '';
  const findings = /** @type {any[]} */ (result.findings);
  if (findings.length === 0) return `指摘はありません。${level}`;
  const errors = findings.filter((f) => f.severity === 'error').length;
  return `${findings.length} 件の指摘があります（要修正 ${errors} 件・注意 ${findings.length - errors} 件）。${level}`;
}

/** @param {string} reply @param {any[]} findings */
function render(reply, findings) {
  renderMarked(
    byId('lint-reply-view'),
    reply,
    findings.map((f) => ({
      start: f.start,
      end: f.end,
      id: f.ruleId,
      className: REPLY_WIDE.has(f.ruleId) ? `hl-sentence-${f.severity}` : `hl-${f.severity}`,
      // The offending words colour over a reply-wide finding's sentence, errors over warnings, narrow spans over wide ones.
      rank: (REPLY_WIDE.has(f.ruleId) ? 0 : 2e6) + (f.severity === 'error' ? 1e6 : 0) - (f.end - f.start),
      tip: [`${LINT_RULES[f.ruleId] ?? f.ruleId}（${SEVERITIES[f.severity] ?? f.severity}）`, f.message.ja],
    })),
  );

  /** @type {Set<string>} */
  const rewrites = new Set();
  byId('findings').replaceChildren(
    ...(findings.length === 0 ? [h('li', { className: 'finding none', text: '指摘はありません。マニュアルどおりの返信です。' })] : []),
    ...findings.map((f) => {
      const repeated = f.rewrite !== undefined && rewrites.has(f.rewrite);
      if (f.rewrite !== undefined) rewrites.add(f.rewrite);
      return h(
        'li',
        { className: `finding finding-${f.severity}`, dataset: { rule: f.ruleId } },
        h(
          'p',
          { className: 'finding-head' },
          h('span', { className: `severity severity-${f.severity}`, text: SEVERITIES[f.severity] ?? f.severity }),
          h('span', { className: 'finding-rule', text: LINT_RULES[f.ruleId] ?? f.ruleId }),
          h('code', { text: f.ruleId }),
        ),
        h('p', { className: 'finding-message', text: f.message.ja }),
        h('blockquote', { className: 'finding-quote', text: f.text }),
        f.rewrite === undefined
          ? null
          : repeated
            ? h('p', { className: 'help', text: '書き換え案は上の指摘と同じです。' })
            : rewriteBlock(f.rewrite),
      );
    }),
  );
  byId('lint-copy-status').textContent = '';
  show(byId('lint-output'), true);
}

/** @param {string} rewrite */
function rewriteBlock(rewrite) {
  const text = h('div', { className: 'rewrite-text' });
  const marks = [...rewrite.matchAll(PLACEHOLDER)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    id: m[0].slice(1, -1),
    className: 'hl-placeholder',
    rank: 0,
    tip: [`${m[0]} 送信前に埋める項目`, '実際の内容に置き換えてください。'],
  }));
  renderMarked(text, rewrite, marks);
  const copy = h('button', { className: 'button secondary small', attrs: { type: 'button' }, text: '書き換え案をコピー' });
  copy.addEventListener('click', async () => {
    const copied = await copyText(rewrite);
    byId('lint-copy-status').textContent = copied
      ? '書き換え案をコピーしました。'
      : 'コピーできませんでした。書き換え案を選択してコピーしてください。';
  });
  return h('div', { className: 'rewrite' }, h('p', { className: 'rewrite-title', text: '書き換え案' }), text, copy);
}
