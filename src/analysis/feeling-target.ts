/**
 * Whose act a feeling is about: 「隣の人の騒音にイライラ」「上司に怒鳴られて最悪の一日」「夫が勝手に解約してしまい、
 * 腹が立って」「私のミスで住所を間違えてしまいました。最悪です。」 aim the words at a neighbour, a boss, a husband
 * or the writer, not at the company. Read from the participants (noun phrase + case particle) before the word,
 * nearest first; a participant that names the company, its staff, carrier or what it delivered keeps the word.
 * The word lists live in scoring.yaml `frames.self` (thirdParties, owners, faults, company).
 */
import { isPunctuation, isSentenceEnd, type Clause } from './clauses.js';
import type { CompiledScoring } from './compiled-config.js';
import { NEGATING_AUXILIARIES } from './negation.js';
import type { Token } from './tokenizer/index.js';

type SelfFrame = CompiledScoring['frames']['self'];

/** Clause ends that chain a cause into the next clause of the sentence (解約してしまい、 / 遅れたので、). */
const CHAINING = new Set(['comma', 'ので', 'から', 'し']);
/** Particles that mark a participant as the subject, or a feeling's subject (父は, 友達が, 夫も). */
export const SUBJECT = new Set(['が', 'は', 'も']);
/** The passive's suffix (叱ら|れ, 怒鳴ら|れ, 責め|られ). */
export const PASSIVE = new Set(['れる', 'られる']);
/** Auxiliary verbs of regret after て (してしまいました, しちゃいました): the writer tells a deed they regret. */
export const REGRET = new Set(['しまう', 'ちゃう', 'ちまう', 'じゃう']);
/** Verbs of claiming another's name (御社を名乗る, 公式を装う, 銀行を騙る). */
export const IMPERSONATING = new Set(['名乗る', '装う', '騙る', 'かたる', '語る']);
/** Benefactives and requests of the reader (どうしてくれる, 返金してください, ご説明いただけますか). */
const ASKED_OF_READER = new Set([
  'くれる',
  'くださる',
  '下さる',
  'ください',
  'いただく',
  'いただける',
  '頂く',
  '頂ける',
  'もらう',
  'もらえる',
]);
/** How many tokens a noun phrase may span back from its particle (隣|の|人|の|騒音|に). */
const PHRASE_REACH = 8;
/** The longest person phrase in `thirdParties` (上 の 階 の 人). */
const PHRASE_WORDS = 5;
/**
 * How far back from the word walk() reads participants, in tokens. A clause of real prose is far shorter; the
 * bound keeps a clause of repeated participants (二度と買わない… without punctuation) linear: without it each
 * word read back past every participant, and facts() rescanned the tokens between each one and the word.
 */
const WALK_REACH = 64;

type Kind = 'company' | 'third' | 'owner' | 'circumstance' | 'neutral';

export interface TargetInput {
  tokens: readonly Token[];
  clauses: readonly Clause[];
  self: SelfFrame;
  /** Tokens where a scoring match starts: a complaint between the participant and the word is the company's failure. */
  signalAt: Uint8Array;
  /** Tokens where a match already read as someone else's starts (not a signal against the company). */
  elsewhereAt: Uint8Array;
}

/**
 * The word at [start, end) in clause `index` is aimed at someone who is not the company: a third person or
 * the writer themself is the target (〜に), the agent (〜に/〜から + passive), the cause (私のミスで) or the
 * subject of the act the word reacts to (夫が…解約してしまい、). A sentence that is only the verdict
 * (最悪です。) is read from the sentence before it.
 */
export function aimedElsewhere(input: TargetInput, index: number, start: number, end: number): boolean {
  const { tokens, clauses, self } = input;
  const feeling = self.feelings.has(tokens[start]!.lemma);
  // 「ひどい対応」「御社のせい」: a word that names or qualifies the company's act is about that act.
  for (let i = start; i < end; i++) if (self.company.has(tokens[i]!.lemma)) return false;
  if (namesCompanyAfter(input, end)) return false;
  const clause = clauses[index]!;
  // 「どうしてくれるんですか」「返金してください」: what the reader is asked to do is aimed at the reader.
  if (positionsOf(input).askedFrom[start]! < clause.tokenEnd) return false;
  const verdict = walk(input, spanStart(clauses, index), start, feeling, end);
  if (verdict !== undefined) return verdict;
  // 「最悪です。」 alone: the sentence before tells what it is about, when it tells a deed regretted (〜てしまいました).
  const head = tokens[start]!;
  if (!feeling && head.pos !== '名詞' && head.pos !== '形容詞') return false;
  if (!bareVerdict(tokens, clause, start, end)) return false;
  // The last clause of the sentence before (the clauses before this one in its own sentence are few: it is bare).
  let previous = index - 1;
  while (previous >= 0 && clauses[previous]!.sentence === clause.sentence) previous--;
  if (previous < 0 || clauses[previous]!.sentence !== clause.sentence - 1) return false;
  return walk(input, spanStart(clauses, previous), clauses[previous]!.tokenEnd, true, undefined, true) === true;
}

/** The sentence is the word and nothing else but adverbs, auxiliaries and punctuation (本当に最悪です。). */
function bareVerdict(tokens: readonly Token[], clause: Clause, start: number, end: number): boolean {
  if (clause.end !== 'sentence' && clause.end !== 'text') return false;
  for (let i = clause.tokenStart; i < clause.tokenEnd; i++) {
    if (i >= start && i < end) continue;
    const t = tokens[i]!;
    const bare = isPunctuation(t) || t.pos === '副詞' || t.pos === '助動詞' || t.pos === '感動詞' || t.posDetail === '終助詞';
    if (!bare && !(t.lemma === '本当' && tokens[i + 1]?.lemma === 'に') && !(t.lemma === 'に' && tokens[i - 1]?.lemma === '本当'))
      return false;
  }
  return true;
}

/** The clause's start, or the start of the clause before it in the sentence when that one chains a cause into it. */
function spanStart(clauses: readonly Clause[], index: number): number {
  const before = clauses[index - 1];
  const chained = before !== undefined && before.sentence === clauses[index]!.sentence && CHAINING.has(before.end);
  return chained ? before.tokenStart : clauses[index]!.tokenStart;
}

/**
 * Reads the participants from `to` back to `from`, nearest first: true when the first that decides is a third
 * person or the writer in a role that makes them the word's target or cause, false when it is the company or a
 * thing as the subject, undefined when none decides.
 */
function walk(input: TargetInput, from: number, to: number, feeling: boolean, end = to, regretted = false): boolean | undefined {
  const { tokens, self } = input;
  const { stopAt } = positionsOf(input);
  // A thing as the nearest subject (商品が届かず) is what the word is about, unless a circumstance caused it (大雪で電車が止まり).
  let thing = false;
  from = Math.max(from, to - WALK_REACH);
  for (let i = to - 1; i > from; i--) {
    // Straight to the nearest token that can decide: a long clause of words is not walked once per word.
    i = stopAt[i]!;
    if (i <= from) break;
    const t = tokens[i]!;
    if (self.company.has(t.lemma) && !impersonated(tokens, i)) return false;
    if (t.pos !== '助詞' || (t.posDetail !== '格助詞' && t.posDetail !== '係助詞')) continue;
    if (tokens[i - 1]!.pos !== '名詞') continue;
    const phraseStart = nounPhraseStart(tokens, i - 1, from);
    const kind = classify(input, phraseStart, i);
    if (kind === 'company') return false;
    const between = facts(input, i + 1, to, end);
    const subject = SUBJECT.has(t.lemma);
    // The subject of the word itself (母も怒っています) is who feels it: read on.
    if (subject && feeling && !between.predicate) {
      i = phraseStart;
      continue;
    }
    if (kind === 'circumstance' && (subject || t.lemma === 'で') && !between.signal) return true;
    if (kind === 'neutral' || kind === 'circumstance' || thing) {
      if (subject) thing = true;
      i = phraseStart;
      continue;
    }
    if (kind === 'third') {
      // 上司に怒鳴られて, 隣の人の騒音にイライラ: the agent of a passive, or the target of a feeling.
      if ((t.lemma === 'に' || t.lemma === 'から') && (between.passive || (feeling && t.lemma === 'に'))) return true;
      // 夫が勝手に解約してしまい、腹が立って: the subject of what the word reacts to (not a failure, nor done to them).
      // Done to them (父が待たされて) is the company's act, unless that act was itself read as someone else's (母がだまされて).
      const doneToThem = between.passive && !between.elsewhere;
      // 「母も同席しており」: も adds a person to the scene; it does not name who did it.
      if (
        subject &&
        t.lemma !== 'も' &&
        !between.negation &&
        !doneToThem &&
        !between.signal &&
        (between.predicate || !feeling) &&
        (between.regret || !regretted)
      )
        return true;
    } else {
      if (t.lemma === 'に' && feeling) return true;
      if (t.lemma === 'で' && ownerPossessed(input, phraseStart, i)) return true;
      if (subject && between.predicate && between.regret && !between.signal) return true;
    }
    if (subject) return false;
    i = phraseStart;
  }
  return thing ? false : undefined;
}

/** 「御社を名乗るメール」「店を装ったサイト」: the company's name claimed by someone else. */
function impersonated(tokens: readonly Token[], i: number): boolean {
  return tokens[i + 1]?.lemma === 'を' && IMPERSONATING.has(tokens[i + 2]?.lemma ?? '');
}

/**
 * Per token of one text, found in one pass each way and kept for every word of it: the nearest token at or
 * before it that walk() must read (a company word, or a case particle after a noun), -1 when none; the first
 * word at or after it that asks something of the reader (ASKED_OF_READER), tokens.length when none.
 */
function positionsOf({ tokens, self }: TargetInput): { stopAt: Int32Array; askedFrom: Int32Array } {
  const known = POSITIONS.get(tokens);
  if (known && known.self === self) return known;
  const stopAt = new Int32Array(tokens.length);
  const askedFrom = new Int32Array(tokens.length + 1).fill(tokens.length);
  tokens.forEach((t, i) => {
    const particle = t.pos === '助詞' && (t.posDetail === '格助詞' || t.posDetail === '係助詞') && tokens[i - 1]?.pos === '名詞';
    stopAt[i] = self.company.has(t.lemma) || particle ? i : i > 0 ? stopAt[i - 1]! : -1;
  });
  for (let i = tokens.length - 1; i >= 0; i--) askedFrom[i] = ASKED_OF_READER.has(tokens[i]!.lemma) ? i : askedFrom[i + 1]!;
  const positions = { self, stopAt, askedFrom };
  POSITIONS.set(tokens, positions);
  return positions;
}
const POSITIONS = new WeakMap<readonly Token[], { self: SelfFrame; stopAt: Int32Array; askedFrom: Int32Array }>();

/** Where the noun phrase ending at `last` starts: nouns, prefixes and の (隣|の|人|の|騒音). */
function nounPhraseStart(tokens: readonly Token[], last: number, from: number): number {
  let i = last;
  while (i - 1 >= from && last - i < PHRASE_REACH) {
    const t = tokens[i - 1]!;
    if (t.pos === '名詞' || t.pos === '接頭詞' || t.posDetail === '連体化') i--;
    else break;
  }
  while (i < last && tokens[i]!.posDetail === '連体化') i++;
  return i;
}

/** A phrase names the company when any word in it does, a third person or the writer when its first noun does. */
function classify({ tokens, self }: TargetInput, start: number, end: number): Kind {
  for (let i = start; i < end; i++) if (self.company.has(tokens[i]!.lemma) && !impersonated(tokens, i)) return 'company';
  // 「うちの部長」「私の上司」: a person anywhere in the phrase.
  for (let i = start; i < end; i++) if (self.thirdParties.has(tokens[i]!.lemma)) return 'third';
  const first = tokens[start]!.lemma;
  if (self.symptoms.has(first)) return 'circumstance';
  // A person named by a phrase (隣 の 人, 近所 の 子): 隣の部屋 is the lodging's room, not a neighbour.
  let phrase = first;
  for (let i = start + 1; i < Math.min(end, start + PHRASE_WORDS); i++) {
    phrase += ` ${tokens[i]!.lemma}`;
    if (self.thirdParties.has(phrase)) return 'third';
  }
  if (self.thirdParties.has(first)) return 'third';
  if (self.owners.has(first)) return 'owner';
  return 'neutral';
}

/** 「私のミスで」「自分の不注意で」: the cause is the writer's own fault. */
function ownerPossessed({ tokens, self }: TargetInput, start: number, end: number): boolean {
  if (tokens[start + 1]?.posDetail !== '連体化') return false;
  for (let i = start + 2; i < end; i++) if (self.faults.has(tokens[i]!.lemma)) return true;
  return false;
}

/**
 * What stands between a participant and the word (the passive may sit in the word itself: 怒鳴ら|れ). A signal
 * between counts only if it was not itself read as aimed elsewhere (母がだまされて腹が立つ).
 */
function facts({ tokens, signalAt, elsewhereAt }: TargetInput, from: number, to: number, end: number) {
  let predicate = false;
  let passive = false;
  let regret = false;
  let negation = false;
  let signal = false;
  let elsewhere = false;
  for (let i = from; i < end; i++) {
    const t = tokens[i]!;
    if (t.pos === '動詞' && t.posDetail === '接尾' && PASSIVE.has(t.lemma)) passive = true;
    if (i >= to) continue;
    if ((t.pos === '動詞' || t.pos === '形容詞') && t.posDetail === '自立') predicate = true;
    if (REGRET.has(t.lemma)) regret = true;
    if (t.pos === '助動詞' && NEGATING_AUXILIARIES.has(t.lemma)) negation = true;
    if (signalAt[i] && !elsewhereAt[i]) signal = true;
    if (elsewhereAt[i]) elsewhere = true;
  }
  return { predicate, passive, regret, negation, signal, elsewhere };
}

/** The word qualifies a noun of the company's (ひどい対応, 最悪の接客). */
function namesCompanyAfter({ tokens, self }: TargetInput, end: number): boolean {
  let i = end;
  if (tokens[i]?.posDetail === '連体化' || tokens[i]?.lemma === 'な') i++;
  const next = tokens[i];
  return next !== undefined && !isSentenceEnd(next) && self.company.has(next.lemma);
}
