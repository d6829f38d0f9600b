/**
 * The submit cycle both tabs share: Ctrl+Enter submits, one request at a time, the button says it
 * is busy (aria-disabled, not disabled, so keyboard focus stays on it), the outcome is announced in
 * the status line (aria-live) and a failure in the alert box.
 */
import { show } from './dom.js';

/**
 * @param {object} options
 * @param {HTMLFormElement} options.form
 * @param {HTMLElement} options.button
 * @param {HTMLElement} options.status
 * @param {HTMLElement} options.errorBox
 * @param {{ idle: string, busy: string, failed: string }} options.labels
 * @param {() => { message: string, field: HTMLElement } | null} options.validate an input problem to show before any request
 * @param {() => Promise<string>} options.run sends the request and renders it; resolves to the status line
 */
export function handleRequestForm({ form, button, status, errorBox, labels, validate, run }) {
  let busy = false;
  const setBusy = (/** @type {boolean} */ on) => {
    busy = on;
    button.setAttribute('aria-disabled', String(on));
    button.textContent = on ? labels.busy : labels.idle;
    form.setAttribute('aria-busy', String(on));
    if (on) status.textContent = labels.busy;
  };
  const fail = (/** @type {string} */ message) => {
    errorBox.textContent = message;
    show(errorBox, true);
    status.textContent = labels.failed;
  };

  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    show(errorBox, false);
    for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
    const problem = validate();
    if (problem) {
      fail(problem.message);
      problem.field.setAttribute('aria-invalid', 'true');
      problem.field.focus();
      return;
    }
    setBusy(true);
    try {
      status.textContent = await run();
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  });
}
