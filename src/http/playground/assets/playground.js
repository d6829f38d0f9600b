/** Entry point of the playground page: tabs, tooltips, the manual's labels, and the two tabs' forms. */
import { setupAnalyzeTab } from './analyze.js';
import { bindApiKeyInput } from './api.js';
import { loadManualLabels } from './labels.js';
import { setupLintTab } from './lint.js';
import { installTooltips } from './marked-text.js';

/** WAI-ARIA tabs: one tab stop for the list, arrow keys / Home / End move between tabs, activation follows focus. */
function setupTabs() {
  const tabs = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('[role="tab"]')]);
  /** @param {HTMLElement} tab @param {boolean} focus */
  const select = (tab, focus) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(other.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
    if (focus) tab.focus();
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const index = tabs.indexOf(tab);
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(/** @type {HTMLElement} */ (tabs[(next + tabs.length) % tabs.length]), true);
    });
  }
  return select;
}

const selectTab = setupTabs();
bindApiKeyInput(/** @type {HTMLInputElement} */ (document.getElementById('api-key')));
installTooltips();
const lint = setupLintTab();
setupAnalyzeTab({
  onSendToLint(reply, customerMail, level) {
    lint.load(reply, customerMail, level);
    selectTab(/** @type {HTMLElement} */ (document.getElementById('tab-lint')), false);
    document.getElementById('lint-reply')?.focus();
  },
});
void loadManualLabels().finally(() => {
  document.documentElement.dataset.ready = 'true';
});
