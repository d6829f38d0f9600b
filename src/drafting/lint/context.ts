/** What a lint rule sees (the reply as sentences, phrase lookups, the customer's level) and what it reports. */
import type { ToneLevel } from '../../analysis/tone-schema.js';
import type { CompiledLintRules, PhraseMatch } from './compile.js';
import type { PhraseSetId } from './dictionary-schema.js';
import type { LintRuleId, ReplyKind } from './finding-schema.js';
import { hasPredicate, originalRange, type ReplyText, type Sentence } from './sentences.js';

/** One problem as a rule reports it: offsets relative to the sentence; lintReply maps them to the reply. */
export interface RuleReport {
  readonly sentence: Sentence;
  readonly start: number;
  readonly end: number;
  /** The words the message quotes; defaults to the reported text. */
  readonly quote?: string;
  readonly rewrite?: string;
}

/**
 * A rule checks one sentence at a time (lintReply walks the sentences once for every rule), the
 * reply as a whole (a line it lacks), or both.
 */
export interface LintRule {
  readonly id: LintRuleId;
  readonly inSentence?: (context: LintContext, sentence: Sentence) => RuleReport[];
  readonly inReply?: (context: LintContext) => RuleReport[];
}

/** A rule that reports spans of one sentence, each offering the sentence's rewrite. */
export function sentenceRule(
  id: LintRuleId,
  spans: (context: LintContext, sentence: Sentence) => ReadonlyArray<{ readonly start: number; readonly end: number }>,
): LintRule {
  return {
    id,
    inSentence: (context, sentence) =>
      spans(context, sentence).map(({ start, end }) => ({ sentence, start, end, rewrite: context.rewrite(sentence) })),
  };
}

export interface LintContext {
  readonly reply: ReplyText;
  readonly rules: CompiledLintRules;
  readonly customerLevel: ToneLevel | undefined;
  /** The mail being answered, when the caller gives it. */
  readonly customerMail: string | undefined;
  readonly kind: ReplyKind;
  /** Matches of a phrase set in a sentence, leaving out words inside 「」『』 (quotes and screen labels). */
  matches(set: PhraseSetId, sentence: Sentence): readonly PhraseMatch[];
  has(set: PhraseSetId, sentence: Sentence): boolean;
  /** Whether any sentence of the reply matches the set: worked out once a reply, as rules ask it of every sentence. */
  inReply(set: PhraseSetId): boolean;
  /** A fact about the reply worked out once (rules ask it of every sentence): `compute` runs at the first ask of `key`. */
  once<T>(key: string, compute: () => T): T;
  /**
   * Sentences that are more than a salutation, a greeting or the agent introducing themselves, and
   * not the company or department lines above the salutation.
   */
  readonly substantive: readonly Sentence[];
  /** The sentence as written, rewritten cushion first (every phrase-level fix applied). */
  rewrite(sentence: Sentence): string;
  /** The text as written for a range relative to a sentence. */
  original(sentence: Sentence, start: number, end: number): string;
  /** The sentence as written, shortened for quoting in a message. */
  excerpt(sentence: Sentence): string;
}

const EXCERPT_LENGTH = 30;
/** What may remain of a sentence once its salutation, greeting and introduction are taken out. */
const PUNCTUATION_ONLY = /^[\s、。,.!?・…:ー-]*$/;

export function createLintContext(
  reply: ReplyText,
  options: { rules: CompiledLintRules; customerLevel?: ToneLevel | undefined; customerMail?: string | undefined; kind: ReplyKind },
  rewriteSentence: (context: LintContext, sentence: Sentence) => string,
): LintContext {
  const facts = new Map<string, unknown>();
  const once = <T>(key: string, compute: () => T): T => {
    if (facts.has(key)) return facts.get(key) as T;
    const value = compute();
    facts.set(key, value);
    return value;
  };
  const matches = (set: PhraseSetId, sentence: Sentence): readonly PhraseMatch[] =>
    once(`matches\0${set}\0${sentence.index}`, () =>
      options.rules.sets[set].find(sentence.text).filter((m) => !sentence.quoted.some(([from, to]) => m.start >= from && m.end <= to)),
    );
  const isCourtesyOnly = (sentence: Sentence): boolean => {
    const courtesy = (['salutation', 'greeting', 'self-introduction'] as const).flatMap((set) => matches(set, sentence));
    if (!courtesy.length) return false;
    let rest = '';
    for (let i = 0; i < sentence.text.length; i++) {
      if (!courtesy.some((m) => i >= m.start && i < m.end)) rest += sentence.text[i];
    }
    return PUNCTUATION_ONLY.test(rest);
  };
  // The address block: lines with no predicate (a company, a department) above the salutation.
  const salutation = reply.sentences.findIndex((s) => matches('salutation', s).length > 0);
  const addressEnd = salutation < 0 ? 0 : salutation;
  const context: LintContext = {
    reply,
    rules: options.rules,
    customerLevel: options.customerLevel,
    customerMail: options.customerMail,
    kind: options.kind,
    matches,
    has: (set, sentence) => matches(set, sentence).length > 0,
    inReply: (set) => once(`inReply\0${set}`, () => reply.sentences.some((s) => matches(set, s).length > 0)),
    once,
    substantive: reply.sentences.filter((s, i) => !isCourtesyOnly(s) && !(i < addressEnd && !hasPredicate(s))),
    rewrite: (sentence) => once(`rewrite\0${sentence.index}`, () => rewriteSentence(context, sentence)),
    original(sentence, start, end) {
      const [from, to] = originalRange(reply, sentence, start, end);
      return reply.original.slice(from, to);
    },
    excerpt(sentence) {
      const text = context.original(sentence, 0, sentence.text.length);
      return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
    },
  };
  return context;
}

/** For the reply-wide rules: points at the sentence where the missing line belongs and inserts it before. */
export function reportBefore(context: LintContext, anchor: Sentence, line: string, quote?: string): RuleReport {
  return {
    sentence: anchor,
    start: 0,
    end: anchor.text.length,
    quote: quote ?? context.excerpt(anchor),
    rewrite: `${line}\n${context.rewrite(anchor)}`,
  };
}
