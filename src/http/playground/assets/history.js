/**
 * The mails analysed in this browser: kept in localStorage only (the page never sends the list
 * anywhere), newest first, at most HISTORY_LIMIT, clearable, and off with one checkbox.
 */
import { byId, h } from './dom.js';
import { LEVELS, scenarioLabel } from './labels.js';

const KEY = 'ondo.history';
const KEEP_KEY = 'ondo.history.keep';
export const HISTORY_LIMIT = 20;
/** A longer mail is kept cut to this many characters; the API takes larger ones, the history need not. */
const BODY_LIMIT = 20_000;

/** @typedef {{ at: string, subject: string, body: string, level: string, anger: number, urgency: number, scenario: string }} HistoryEntry */

/** @returns {HistoryEntry[]} */
function readHistory() {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((e) => e && typeof e.body === 'string') : [];
  } catch {
    return [];
  }
}

/** @param {HistoryEntry[]} entries */
function writeHistory(entries) {
  try {
    localStorage.setItem(KEY, JSON.stringify(entries));
  } catch {
    // storage full or refused (private mode): the history is a convenience, the page works without it
  }
}

/**
 * @param {{ onPick: (entry: HistoryEntry) => void }} options
 */
export function setupHistory({ onPick }) {
  const list = byId('history-list');
  const keep = /** @type {HTMLInputElement} */ (byId('history-keep'));
  const status = byId('history-status');
  keep.checked = localStorage.getItem(KEEP_KEY) !== 'off';
  keep.addEventListener('change', () => {
    if (keep.checked) localStorage.removeItem(KEEP_KEY);
    else localStorage.setItem(KEEP_KEY, 'off');
    status.textContent = keep.checked ? 'これから判定するメールを履歴に残します。' : 'これから判定するメールは履歴に残しません。';
  });
  byId('history-clear').addEventListener('click', () => {
    localStorage.removeItem(KEY);
    render();
    status.textContent = '履歴を消しました。';
  });

  function render() {
    const entries = readHistory();
    byId('history-count').textContent = String(entries.length);
    list.replaceChildren(
      ...(entries.length === 0 ? [h('li', { className: 'muted', text: 'まだありません。' })] : []),
      ...entries.map((entry) => {
        const button = h(
          'button',
          { className: 'history-item', attrs: { type: 'button' } },
          h('span', { className: `level-dot level-${entry.level}`, text: LEVELS[entry.level] ?? entry.level }),
          h('span', { className: 'history-title', text: entry.subject || entry.body.replace(/\s+/g, ' ').slice(0, 40) }),
          h('span', {
            className: 'history-meta muted',
            text: `${new Date(entry.at).toLocaleString('ja-JP', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}・${scenarioLabel(entry.scenario)}`,
          }),
        );
        button.addEventListener('click', () => onPick(entry));
        return h('li', {}, button);
      }),
    );
  }
  render();

  return {
    /** Adds a mail just analysed (the same mail again moves to the top). @param {Omit<HistoryEntry, 'at'>} entry */
    add(entry) {
      if (!keep.checked) return;
      const body = entry.body.slice(0, BODY_LIMIT);
      const others = readHistory().filter((e) => !(e.body === body && e.subject === entry.subject));
      writeHistory([{ ...entry, body, at: new Date().toISOString() }, ...others].slice(0, HISTORY_LIMIT));
      render();
    },
  };
}
