/**
 * 「判定が違う」: the agent says what the mail really was (level, polite-but-annoyed, scenario) and
 * the page sends it to POST /v1/feedback with ondo's own first answer. When the server keeps no
 * corrections (FEEDBACK is not on) the form says so instead of offering to send.
 */
import { ApiError, postJson } from './api.js';
import { byId, h, show } from './dom.js';
import { LEVELS, features, manual } from './labels.js';

/**
 * @typedef {{ mail: { subject?: string, body: string }, ondo: { level: string, politeButAnnoyed: boolean, scenario: string, dictionaryVersion: string } }} Analysed
 */

export function setupCorrection() {
  const open = byId('correction-open');
  const form = /** @type {HTMLFormElement} */ (byId('correction'));
  const fields = /** @type {HTMLFieldSetElement} */ (byId('correction-fields'));
  const level = /** @type {HTMLSelectElement} */ (byId('correction-level'));
  const pba = /** @type {HTMLInputElement} */ (byId('correction-pba'));
  const scenario = /** @type {HTMLSelectElement} */ (byId('correction-scenario'));
  const status = byId('correction-status');
  const errorBox = byId('correction-error');
  /** @type {Analysed | null} */
  let analysed = null;
  level.replaceChildren(...Object.entries(LEVELS).map(([code, label]) => h('option', { attrs: { value: code }, text: label })));

  const setOff = (/** @type {boolean} */ off) => {
    show(byId('correction-off'), off);
    fields.disabled = off;
    show(fields, !off);
  };
  const toggle = (/** @type {boolean} */ visible) => {
    show(form, visible);
    open.setAttribute('aria-expanded', String(visible));
    if (visible) (fields.disabled ? open : level).focus();
  };
  open.addEventListener('click', () => {
    const visible = form.hidden;
    if (visible) {
      status.textContent = '';
      show(errorBox, false);
      setOff(!features.feedback);
    }
    toggle(visible);
  });
  byId('correction-cancel').addEventListener('click', () => {
    toggle(false);
    open.focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!analysed || fields.disabled) return;
    show(errorBox, false);
    const agent = { level: level.value, politeButAnnoyed: pba.checked, ...(scenario.value ? { scenario: scenario.value } : {}) };
    try {
      const record = await postJson('/v1/feedback', { mail: analysed.mail, ondo: analysed.ondo, agent, source: 'playground' });
      const masked = Object.values(record.masked ?? {}).reduce((sum, n) => sum + Number(n), 0);
      toggle(false);
      status.textContent = `訂正を送りました。ありがとうございます。${masked > 0 ? `（個人情報 ${masked} か所を伏せて保存しました）` : ''}`;
      open.focus();
    } catch (err) {
      if (err instanceof ApiError && /feedback-off$/.test(String(/** @type {any} */ (err.problem)?.type ?? ''))) {
        features.feedback = false;
        setOff(true);
        return;
      }
      errorBox.textContent = err instanceof Error ? err.message : String(err);
      show(errorBox, true);
    }
  });

  return {
    /**
     * The form starts from what the page shows now: a new mail (with ondo's first answer), or a
     * re-draft of the same mail for the level and scenario the agent chose (null: keep the answer).
     * @param {Analysed | null} next
     * @param {{ level: string, scenario: string }} shown
     */
    reset(next, shown) {
      if (next) {
        analysed = next;
        pba.checked = next.ondo.politeButAnnoyed;
        status.textContent = '';
      }
      toggle(false);
      level.value = shown.level;
      scenario.replaceChildren(
        h('option', { attrs: { value: '' }, text: '指定しない' }),
        ...Object.entries(manual.scenarios).map(([code, label]) => h('option', { attrs: { value: code }, text: label })),
      );
      scenario.value = shown.scenario;
    },
  };
}
