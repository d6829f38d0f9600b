/**
 * The reply linter as the agent types: a pause in typing sends the text to POST /v1/replies/lint
 * and lists the findings under the editor (the playground's draft card, the review inbox's draft).
 * Only the newest text's answer is shown.
 */
import { postJson } from './api.js';
import { h } from './dom.js';
import { LINT_RULES, SEVERITIES } from './labels.js';

/** How long typing must pause before the text is linted. */
const LINT_DELAY_MS = 400;

/**
 * @param {{ input: HTMLTextAreaElement, status: HTMLElement, list: HTMLElement, level: () => string | undefined }} options
 *   level: the customer's level, so a missing apology is flagged for an angry customer
 */
export function setupLiveLint({ input, status, list, level }) {
  let timer = 0;
  let seq = 0;

  async function lintNow() {
    const current = ++seq;
    const text = input.value;
    if (!/\S/.test(text)) {
      status.textContent = '下書きが空です。';
      list.replaceChildren();
      return;
    }
    try {
      const customerLevel = level();
      const result = await postJson('/v1/replies/lint', { text, ...(customerLevel ? { customerLevel } : {}) });
      if (current !== seq) return; // a newer edit is being checked
      const findings = /** @type {any[]} */ (result.findings);
      status.textContent =
        findings.length === 0 ? '返信チェック：指摘はありません。' : `返信チェック：${findings.length} 件の指摘があります。`;
      list.replaceChildren(
        ...findings.map((f) =>
          h(
            'li',
            { className: `finding-line finding-${f.severity}`, dataset: { rule: f.ruleId } },
            h('strong', { text: `${LINT_RULES[f.ruleId] ?? '指摘'}（${SEVERITIES[f.severity] ?? f.severity}）` }),
            `：${f.message.ja}`,
          ),
        ),
      );
    } catch (err) {
      if (current === seq) status.textContent = `返信チェックができませんでした。${err instanceof Error ? err.message : ''}`;
    }
  }

  input.addEventListener('input', () => schedule());

  function schedule() {
    window.clearTimeout(timer);
    status.textContent = '確認しています…';
    timer = window.setTimeout(lintNow, LINT_DELAY_MS);
  }

  return {
    /** Lints the text once typing pauses. */
    schedule,
    /** Forgets pending and running checks, and clears what was shown. */
    reset() {
      window.clearTimeout(timer);
      seq++;
      status.textContent = '';
      list.replaceChildren();
    },
  };
}
