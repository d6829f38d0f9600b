/**
 * vague-timing: 追って・後ほど・近日中に… in a sentence that gives no concrete date or time. The
 * date must be in the same sentence (a date elsewhere in the reply is usually about something else:
 * 「11月20日に出荷済み…追ってご連絡いたします」), or in the next one when it starts 「遅くとも…」 or, after a
 * request to wait, forecasts a date (見込みです, 予定です); an event waited on (収集が完了しましたら) may be
 * dated in any earlier sentence that names it.
 * A phrase that times a request to the customer (早めにご注文ください) promises nothing of ours.
 */
import type { PhraseMatch } from '../compile.js';
import { sentenceRule, type LintContext } from '../context.js';
import type { Sentence } from '../sentences.js';

export function vagueTimings(context: LintContext, sentence: Sentence): readonly PhraseMatch[] {
  if (context.has('concrete-date', sentence)) return [];
  const next = context.reply.sentences[sentence.index + 1];
  if (next && context.has('date-follow-up', next) && context.has('concrete-date', next)) return [];
  if (STANDING_PRACTICE.test(sentence.text) && HABITUAL_END.test(sentence.text)) return [];
  // A wait asked for and then dated (今しばらくお待ちください。12月14日には発送できる見込みです) is bounded.
  const waitDated = next !== undefined && context.has('concrete-date', next) && DATED_FORECAST.test(next.text);
  const previous = context.reply.sentences[sentence.index - 1];
  const previousDated = previous !== undefined && context.has('concrete-date', previous);
  return context
    .matches('vague-timing', sentence)
    .filter(
      (m) =>
        !asksCustomer(sentence, m) &&
        !(WAITS_ON_EVENT.has(m.entry.id) && (previousDated || eventDatedBefore(context, sentence, m))) &&
        !(waitDated && WAIT_REQUESTS.has(m.entry.id)),
    );
}

/**
 * The event waited on (収集が完了しましたら) is named with a date in an earlier sentence of the reply
 * (明日12月9日（水）の午前中に、臨時で収集に伺います): the customer knows when it happens.
 */
function eventDatedBefore(context: LintContext, sentence: Sentence, match: PhraseMatch): boolean {
  const ga = sentence.tokens.findLastIndex((t) => t.end <= match.start && t.pos === '助詞' && t.lemma === 'が');
  const event = sentence.tokens[ga - 1];
  if (!event || event.pos !== '名詞' || event.surface.length < 2) return false;
  return context.reply.sentences.slice(0, sentence.index).some((s) => s.text.includes(event.surface) && context.has('concrete-date', s));
}

/**
 * 〜次第 / 〜たら wait on an event; when the sentence before dates it (「12日15時までに復元いたします。
 * 復元が完了しましたら、お知らせいたします」), the customer knows when.
 */
const WAITS_ON_EVENT: ReadonlySet<string> = new Set(['vague.shidai', 'vague.tara']);

/** しばらく / お時間をいただき ask the customer to wait; a dated forecast right after says until when. */
const WAIT_REQUESTS: ReadonlySet<string> = new Set(['vague.shibaraku', 'vague.ojikan-wo-itadaku']);
/** The next sentence forecasts (見込みです, 予定です), so its date is when the wait ends. */
const DATED_FORECAST = /(?:見込み|予定)(?:です|でございます)[。!]?$/u;

/**
 * How the shop always works (「当店では発送準備が整い次第、出荷完了のお知らせをお送りしております」)
 * or what it is doing now (弊社は素材到着後、速やかに作業を進めております) describes the process, not a
 * promise to this customer, so it owes no date.
 */
const STANDING_PRACTICE = /(?:当店|弊店|弊社|当社|当院|当センター|当教室)(?:では|は)|通常(?:は|、)/u;
const HABITUAL_END = /(?:て|で)(?:おり|い)ます[。!]?$/u;

/**
 * The customer's act in the rest of the clause: a request (早めにご注文ください, 早めに受診していただければ)
 * or what they did (改めてご連絡くださり, 早めにお知らせくださった); 〜させていただきます is ours.
 */
const REQUEST = /(?:ください|下さい|くださ|下さ|(?<!せて)いただ|(?<!せて)頂)/u;
/** …unless the customer is asked to wait: then the phrase is how long it takes (しばらくお待ちください, しばらく時間をおいて). */
const WAITING = /(?:お待ち|待って|お時間|猶予|時間を(?:おい|置い|空け|あけ))/u;
/** A pause before the customer's own act (しばらく時間をおいてからアクセスしていただく): advice, not a wait for us. */
const PAUSE_BEFORE_ACT = /(?:おい|置い|空け|あけ|待っ)てから/u;

/**
 * The phrase times what the customer is asked to do or did, or what is already past, not what we
 * promise: 「お急ぎの方は早めに注文してください」 gives advice, and no date is owed.
 */
function asksCustomer(sentence: Sentence, match: PhraseMatch): boolean {
  const at = sentence.clauses.findIndex((c) => c.start <= match.start && match.start < c.end);
  const clause = sentence.clauses[at];
  const rest = sentence.text.slice(match.end, clause?.end ?? sentence.text.length);
  // What is told as past (速やかにお応えできなかったのは) is no promise that owes a date.
  return (REQUEST.test(rest) && (!WAITING.test(rest) || PAUSE_BEFORE_ACT.test(rest))) || toldAsPast(sentence, at);
}

/** Clause ends that chain to the next clause and take its tense (お時間を要し、…申し訳ございませんでした). */
const CHAINED: ReadonlySet<string> = new Set(['comma', 'て']);

/**
 * The clause is past, or chains (a continuative 〜し、 or 〜て) into clauses that end past: 「お届けまでに
 * お時間を要し、ご迷惑をおかけして申し訳ございませんでした」 apologises for a wait that is over.
 */
function toldAsPast(sentence: Sentence, at: number): boolean {
  for (let i = at; i >= 0 && i < sentence.clauses.length; i++) {
    const clause = sentence.clauses[i]!;
    if (clause.past) return true;
    if (!CHAINED.has(clause.ends)) return false;
  }
  return false;
}

/** Joins phrases that touch (近日中に＋改めて) so one vague promise is one finding. */
function joinAdjacent(matches: readonly PhraseMatch[]): Array<{ start: number; end: number }> {
  const joined: Array<{ start: number; end: number }> = [];
  for (const m of matches) {
    const last = joined[joined.length - 1];
    if (last && m.start - last.end <= 1) last.end = m.end;
    else joined.push({ start: m.start, end: m.end });
  }
  return joined;
}

export const vagueTiming = sentenceRule('vague-timing', (context, sentence) => joinAdjacent(vagueTimings(context, sentence)));
