/**
 * Renders a text with spans highlighted in place (evidence in a mail, findings in a reply,
 * placeholders in a draft). Each highlight is focusable; hovering or focusing it shows a tooltip
 * with what the span is, and screen readers get the same text as its description.
 */
import { h } from './dom.js';
import { segmentText } from './segments.js';

/**
 * @typedef {object} Mark
 * @property {number} start
 * @property {number} end
 * @property {string} id what the span is (entry id, rule id, placeholder name): listed in data-ids
 * @property {string} className colour of the highlight
 * @property {number} rank where spans overlap, the highest rank gives the colour
 * @property {string[]} tip lines of the tooltip, the first one its heading
 */

/** @type {WeakMap<Element, string[][]>} */
const tips = new WeakMap();
let nextId = 0;

/**
 * Fills target with the text, each covered run wrapped in a focusable <mark>.
 * @param {HTMLElement} target
 * @param {string} text
 * @param {readonly Mark[]} marks
 */
export function renderMarked(target, text, marks) {
  const descriptions = h('div', { attrs: { hidden: true } });
  const body = h('div', { className: 'marked-text' });
  for (const run of segmentText(text, marks)) {
    if (run.spans.length === 0) {
      body.append(run.text);
      continue;
    }
    const top = run.spans.reduce((best, span) => (span.rank > best.rank ? span : best));
    const descriptionId = `mark-desc-${++nextId}`;
    const lines = run.spans.map((span) => span.tip);
    descriptions.append(h('span', { attrs: { id: descriptionId }, text: lines.map((tip) => tip.join('、')).join('。') }));
    const mark = h('mark', {
      className: `hl ${top.className}`,
      text: run.text,
      attrs: { tabindex: 0, 'aria-describedby': descriptionId },
      dataset: { ids: [...new Set(run.spans.map((span) => span.id))].join(' '), start: String(run.start), end: String(run.end) },
    });
    tips.set(mark, lines);
    body.append(mark);
  }
  target.replaceChildren(body, descriptions);
}

/** One tooltip for the whole page, shown next to the highlight under the pointer or the keyboard focus; Escape hides it. */
export function installTooltips() {
  const tooltip = h('div', { className: 'tooltip', attrs: { id: 'tooltip', role: 'tooltip', hidden: true } });
  document.body.append(tooltip);
  /** @type {Element | null} */
  let hovered = null;
  /** @type {Element | null} */
  let focused = null;

  const update = () => {
    const anchor = hovered ?? focused;
    const lines = anchor ? tips.get(anchor) : undefined;
    if (!anchor || !lines) {
      tooltip.hidden = true;
      return;
    }
    tooltip.replaceChildren(
      ...lines.map(([heading, ...rest]) =>
        h('div', { className: 'tooltip-item' }, h('strong', { text: heading ?? '' }), ...rest.map((line) => h('div', { text: line }))),
      ),
    );
    tooltip.hidden = false;
    const rect = anchor.getBoundingClientRect();
    const left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - tooltip.offsetWidth - 8));
    const below = rect.bottom + 6 + tooltip.offsetHeight < window.innerHeight;
    tooltip.style.left = `${left + window.scrollX}px`;
    tooltip.style.top = `${(below ? rect.bottom + 6 : rect.top - tooltip.offsetHeight - 6) + window.scrollY}px`;
  };
  /** @param {EventTarget | null} target */
  const markOf = (target) => (target instanceof Element ? target.closest('mark.hl') : null);

  document.addEventListener('mouseover', (event) => {
    hovered = markOf(event.target);
    update();
  });
  document.addEventListener('focusin', (event) => {
    focused = markOf(event.target);
    update();
  });
  document.addEventListener('focusout', () => {
    focused = null;
    update();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !tooltip.hidden) {
      hovered = null;
      focused = null;
      tooltip.hidden = true;
    }
  });
  window.addEventListener('resize', update);
  window.addEventListener('scroll', update, { passive: true });
}
