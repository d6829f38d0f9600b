/**
 * The evidence in a customer's mail, shown in place: the words that moved the score highlighted in
 * their category's colour, with a tooltip in words; the signals that do not move it (politeness,
 * intensifiers, what was not counted) only on request. The playground's mail card and the review
 * inbox both show a mail this way.
 */
import { h } from './dom.js';
import { NOT_COUNTED, categoryLabel } from './labels.js';
import { renderMarked } from './marked-text.js';

/** Categories with their own highlight colour in playground.css; others share one. */
const COLOURED = new Set([
  'anger',
  'polite-annoyance',
  'escalation',
  'repeated-contact',
  'urgency',
  'deadline',
  'symbols',
  'politeness',
  'intensifier',
  'cushion',
]);
const highlightClass = (/** @type {string} */ category) => `hl-${COLOURED.has(category) ? category : 'other'}`;

/** @param {number} n */
export const round = (n) => String(Math.round(n * 10) / 10);

/**
 * Where an aggregated evidence item occurred: its first few spans (the server lists at most five
 * and counts the rest), or its own range from an older server.
 * @param {any} item
 * @returns {{ start: number, end: number }[]}
 */
function spansOf(item) {
  return Array.isArray(item.spans) && item.spans.length > 0 ? item.spans : [{ start: item.start, end: item.end }];
}

/**
 * How a piece of evidence reads in its tooltip: what kind of signal it is and how much it moved the
 * score, in words (the dictionary ids and weights stay in the evidence table).
 * @param {any} e
 */
function evidenceTip(e) {
  const count = (e.count ?? 1) > 1 ? [`このメールに ${e.count} 回`] : [];
  if (e.weight === 0) return [categoryLabel(e.category), '点数には加わりません（丁寧さや強調の手がかり）', ...count];
  const boosted = e.multiplier !== 1 ? [`前の強調語（「本当に」「何度も」など）で ${round(e.multiplier)} 倍`] : [];
  return [categoryLabel(e.category), `点数を上げた表現（寄与 +${round(e.contribution)}）`, ...boosted, ...count];
}

/**
 * The highlight marks of one field's items (counted evidence or words not counted), one per span
 * they occurred at; `toMark` gives the look (class, rank, tooltip) of an item at one span.
 * @param {any[]} list
 * @param {'subject' | 'body'} field
 * @param {(item: any) => { className: string, rank: number, tip: string[] }} toMark
 */
function marksOf(list, field, toMark) {
  return list
    .filter((item) => item.field === field)
    .flatMap((item) => spansOf(item).map((span) => ({ ...item, ...span })))
    .map((item) => ({ start: item.start, end: item.end, id: item.entryId, ...toMark(item) }));
}

/**
 * Renders the subject and body with their evidence highlighted, and the legend of the colours used.
 * @param {{ subject: HTMLElement, body: HTMLElement, legend: HTMLElement }} views
 * @param {any} tone the API's tone (evidence and notCounted, offsets into the subject or body)
 * @param {{ subject?: string, body: string }} mail the text the offsets point into
 * @param {boolean} all also mark the signals that do not move the score
 */
export function renderMarkedMail(views, tone, mail, all) {
  const shown = tone.evidence.filter((/** @type {any} */ e) => all || e.weight !== 0);
  /** @param {'subject' | 'body'} field */
  const marksIn = (field) => [
    ...marksOf(shown, field, (e) => ({ className: highlightClass(e.category), rank: e.contribution, tip: evidenceTip(e) })),
    ...marksOf(all ? tone.notCounted : [], field, (n) => ({
      className: 'hl-not-counted',
      rank: -1,
      tip: [`${categoryLabel(n.category)}（数えていません）`, NOT_COUNTED[n.why] ?? '点数には加えていません'],
    })),
  ];
  if (mail.subject) renderMarked(views.subject, mail.subject, marksIn('subject'));
  else views.subject.replaceChildren(h('span', { className: 'muted', text: '（件名なし）' }));
  renderMarked(views.body, mail.body, marksIn('body'));

  const categories = [...new Set(shown.map((/** @type {any} */ e) => e.category))];
  views.legend.replaceChildren(
    ...categories.map((category) =>
      h(
        'li',
        {},
        h('span', { className: `swatch ${highlightClass(/** @type {string} */ (category))}`, attrs: { 'aria-hidden': 'true' } }),
        categoryLabel(/** @type {string} */ (category)),
      ),
    ),
    ...(all && tone.notCounted.length > 0
      ? [h('li', {}, h('span', { className: 'swatch hl-not-counted', attrs: { 'aria-hidden': 'true' } }), '数えなかった表現')]
      : []),
  );
}
