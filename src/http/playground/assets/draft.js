/**
 * The draft card: the draft with its 【placeholders】, edited in place with the reply linter
 * running as the agent types, copied or taken to the reply check, and re-drafted in one click for
 * another scenario or level (POST /v1/triage with `scenario` / `level`).
 */
import { byId, copyText, h, show } from './dom.js';
import { LEVELS, manual, placeholderHint, scenarioLabel } from './labels.js';
import { setupLiveLint } from './live-lint.js';
import { renderMarked } from './marked-text.js';

const PLACEHOLDER = /【[^【】\n]+】/g;
/** Candidate scenarios offered as one-click choices besides the one drafted. */
const CHOICES = 3;

/**
 * @param {{
 *   onRedraft: (override: { scenario?: string, level?: string }) => Promise<void>,
 *   onSendToLint: (reply: string) => void,
 * }} options
 */
export function setupDraft({ onRedraft, onSendToLint }) {
  const view = byId('draft-text');
  const editor = byId('draft-editor');
  const input = /** @type {HTMLTextAreaElement} */ (byId('draft-input'));
  const editButton = byId('draft-edit');
  const copyStatus = byId('draft-copy-status');
  const lintStatus = byId('draft-lint-status');
  const otherScenario = /** @type {HTMLSelectElement} */ (byId('scenario-other'));
  /** @type {{ text: string, composed: string, scenario: string, level: string }} */
  const state = { text: '', composed: '', scenario: '', level: '' };
  const liveLint = setupLiveLint({ input, status: lintStatus, list: byId('draft-findings'), level: () => state.level });

  const editing = () => editButton.getAttribute('aria-pressed') === 'true';
  const setEditing = (/** @type {boolean} */ on) => {
    editButton.setAttribute('aria-pressed', String(on));
    editButton.textContent = on ? '編集を終える' : '編集する';
    show(editor, on);
    show(view, !on);
    if (on) {
      input.value = state.text;
      input.focus();
      liveLint.schedule();
    } else {
      renderText();
    }
  };

  editButton.addEventListener('click', () => setEditing(!editing()));
  input.addEventListener('input', () => {
    state.text = input.value;
    copyStatus.textContent = '';
  });
  byId('draft-copy').addEventListener('click', async () => {
    const copied = await copyText(state.text);
    copyStatus.textContent = copied ? '下書きをコピーしました。' : 'コピーできませんでした。下書きを選択してコピーしてください。';
  });
  byId('draft-to-lint').addEventListener('click', () => onSendToLint(state.text));
  otherScenario.addEventListener('change', () => {
    if (otherScenario.value) void redraft({ scenario: otherScenario.value });
  });

  /** @param {{ scenario?: string, level?: string }} override */
  async function redraft(override) {
    for (const button of document.querySelectorAll('.chips button')) button.setAttribute('aria-disabled', 'true');
    await onRedraft(override);
  }

  function renderText() {
    const marks = [...state.text.matchAll(PLACEHOLDER)].map((m) => {
      const name = m[0].slice(1, -1);
      return {
        start: m.index ?? 0,
        end: (m.index ?? 0) + m[0].length,
        id: name,
        className: 'hl-placeholder',
        rank: 0,
        tip: [`【${name}】 送信前に埋める項目`, placeholderHint(name, state.scenario)],
      };
    });
    renderMarked(view, state.text, marks);
    const names = [...new Set(marks.map((m) => m.id))];
    byId('draft-placeholders').textContent =
      names.length > 0
        ? `送信前に埋める項目：${names.map((n) => `【${n}】`).join('')}（ondo は事実を作りません）`
        : '埋める項目はありません。';
  }

  /** One-click choices: the strongest other candidates, then every scenario in a list; the four levels. @param {any} scenario @param {string} level */
  function renderChoices(scenario, level) {
    const candidates = /** @type {string[]} */ (scenario.scores.map((/** @type {any} */ s) => s.scenario)).filter(
      (s) => s !== scenario.primary && s !== 'other',
    );
    const chip = (
      /** @type {string} */ label,
      /** @type {boolean} */ current,
      /** @type {() => void} */ onClick,
      /** @type {Record<string, string>} */ dataset,
    ) => {
      const button = h('button', { className: 'chip', text: label, attrs: { type: 'button', 'aria-pressed': String(current) }, dataset });
      button.addEventListener('click', () => {
        if (!current) onClick();
      });
      return button;
    };
    byId('scenario-choices').replaceChildren(
      chip(scenarioLabel(scenario.primary), true, () => {}, { scenario: scenario.primary }),
      ...candidates.slice(0, CHOICES).map((s) => chip(scenarioLabel(s), false, () => void redraft({ scenario: s }), { scenario: s })),
    );
    otherScenario.replaceChildren(
      h('option', { attrs: { value: '' }, text: 'ほかの用件を選ぶ…' }),
      ...Object.entries(manual.scenarios)
        .filter(([code]) => code !== scenario.primary)
        .map(([code, label]) => h('option', { attrs: { value: code }, text: label })),
    );
    byId('level-choices').replaceChildren(
      ...Object.entries(LEVELS).map(([code, label]) => chip(label, code === level, () => void redraft({ level: code }), { level: code })),
    );
  }

  return {
    /** A new draft from the server (a new mail, or a re-draft): edits to the old one are replaced. @param {any} result */
    show(result) {
      const { draft, scenario, tone } = result;
      liveLint.reset();
      const wasEdited = state.text !== state.composed;
      Object.assign(state, { text: draft.text, composed: draft.text, scenario: draft.scenario ?? scenario.primary, level: tone.level });
      byId('draft-subject').textContent = draft.subject;
      show(byId('draft-general'), Boolean(scenario.generalDraft));
      setEditing(false);
      copyStatus.textContent = wasEdited ? '編集していた下書きは、新しい下書きに置き換わりました。' : '';
      renderChoices(scenario, tone.level);
    },
    /** The text as it stands (edited or not). */
    text: () => state.text,
  };
}
