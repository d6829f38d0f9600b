/**
 * Clause-level polarity: cancels negative matches that sit in a frame where they do not describe
 * the service now — a hypothetical (壊れても), a trouble already resolved (困っていましたが、落ち着きました),
 * someone else's words and titles in 「」『』, a measure of something else (腹が立つくらいうまい), a joke
 * (足りなくなってきました笑), or another provider (別の旅行会社で…). The word lists live in scoring.yaml `frames`.
 */
import { clauseOfToken, isPunctuation, isSentenceEnd, quotedTokens, segmentClauses, type Clause } from './clauses.js';
import { compiledScoring, FAVOUR, FIX, PRAISE, PRAISE_WHEN_NEGATED, RELIEF, RELIEF_WHEN_NEGATED } from './compiled-config.js';
import { aimedElsewhere, IMPERSONATING, PASSIVE, REGRET, SUBJECT } from './feeling-target.js';
import type { CompiledLexicon } from './lexicon/compile.js';
import { LEARNED_CATEGORY } from './lexicon/learned.js';
import type { CancelledMatch, Match } from './match.js';
import { NEGATING_AUXILIARIES, scanNegation } from './negation.js';
import { toOriginalRange, type NormalizedText } from './normalize.js';
import type { ScoringConfig } from './scoring-config.js';
import type { Token } from './tokenizer/index.js';

/** What follows a case noun when it opens a consequence: 場合は, 際には, 場合も (not 場合の, a noun phrase). */
const CASE_TOPIC = new Set(['は', 'に', 'も', 'で']);

export type FrameReason = 'hypothetical' | 'resolved' | 'contrast' | 'quoted' | 'self' | 'degree' | 'joking' | 'other-party' | 'accepted';

export function applyFrames(
  tokens: readonly Token[],
  matches: readonly Match[],
  lexicon: Pick<CompiledLexicon, 'negatorLemmas'>,
  config: ScoringConfig,
  /** The original text, for regex matches (offsets there): the quotation and other-party frames apply to them. */
  original = '',
  /** Where each normalised character came from, to find the token a regex match starts in. */
  normalized?: NormalizedText,
): { kept: Match[]; cancelled: CancelledMatch[] } {
  const frames = compiledScoring(config).frames;
  const quotable = (m: Match) => m.tokenStart < 0 && frames.quoted.categories.has(m.entry.category);
  // A weight-0 entry only hides the word inside it (しつこい油汚れ): no frame needs to cancel it.
  const framed = (m: Match) => m.entry.weight !== 0 && (quotable(m) || (m.tokenStart >= 0 && frames.any.has(m.entry.category)));
  if (!matches.some(framed)) return { kept: [...matches], cancelled: [] };
  const quotedText = matches.some(quotable) ? quotedChars(original) : undefined;

  const clauses = segmentClauses(tokens);
  const clauseOf = clauseOfToken(clauses, tokens.length);
  // Per-clause and per-token facts, each computed at most once (a long clause with many matches
  // must not be rescanned per match).
  let quoted: Uint8Array | undefined;
  let resolved: ReturnType<typeof resolvedClauses> | undefined;
  const ownerAt = new Int32Array(clauses.length).fill(-2);
  const hasMarker = oncePerClause(clauses.length, markerInClause);
  const clauseRefuses = oncePerClause(clauses.length, refusalIn);
  const nextClauseRefuses = oncePerClause(clauses.length, refuses);
  const happenedDespite = oncePerClause(clauses.length, concededInPast);
  const turnedAgainst = oncePerClause(clauses.length, turnsAgainst);
  const planAt = positionPerClause(clauses.length, planIn);
  const thirdPartySubjectAt = positionPerClause(clauses.length, thirdPartySubjectIn);
  const lastWordAt = positionPerClause(clauses.length, lastWordIn);
  let rest: ReturnType<typeof restOfSentence> | undefined;
  let firmSignals: Int32Array | undefined;
  let otherParty: Uint8Array | undefined;
  let signalAt: Uint8Array | undefined;
  let sentences: ReturnType<typeof sentenceFacts> | undefined;
  let patronageIn: Uint8Array | undefined;
  let supposedBefore: Uint8Array | undefined;
  // Tokens where a match read as someone else's (other-party, self) starts: no signal against the company.
  const elsewhereAt = new Uint8Array(tokens.length);
  const kept: Match[] = [];
  const cancelled: CancelledMatch[] = [];
  for (const m of matches) {
    let why: FrameReason | undefined;
    if (quotable(m)) why = allSet(quotedText!, m.start, m.end) ? 'quoted' : (aboutOtherParty(m) ?? supposedThreat(m));
    else if (framed(m)) why = frameOf(m, clauseOf[m.tokenStart]!);
    if ((why === 'other-party' || why === 'self') && m.tokenStart >= 0) elsewhereAt[m.tokenStart] = 1;
    if (why) cancelled.push(Object.assign({}, m, { why }));
    else kept.push(m);
  }
  return { kept, cancelled };

  function frameOf(m: Match, index: number): FrameReason | undefined {
    const { category } = m.entry;
    const clause = clauses[index]!;
    if (frames.quoted.categories.has(category) && allSet((quoted ??= quotedTokens(tokens)), m.tokenStart, m.tokenEnd)) return 'quoted';
    if (frames.quoted.categories.has(category) && isHearsay(m)) return 'quoted';
    if (frames.hypothetical.caseCategories.has(category) && onlySupposed(m, index)) return 'hypothetical';
    // Not the learned words: their weights were fitted with these cases counted.
    const written = category !== LEARNED_CATEGORY && (m.entry.polarity ?? 'affirmative') === 'affirmative';
    // 「返事がない場合は法的措置を」 is pressure; 「時間が足りない場合、振り替えは可能でしょうか」 asks about a case: any word counts as supposed there.
    const asked = clause.question && category !== LEARNED_CATEGORY;
    if ((written || asked) && frames.hypothetical.categories.has(category) && namesACase(m, clause)) return 'hypothetical';
    // 「何度も足を運びたくなるお店」: effort counted under the auxiliary of wish is wished for, not spent.
    if (frames.hypothetical.wishCategories.has(category) && tokens[m.tokenEnd]?.pos === '助動詞' && tokens[m.tokenEnd]!.lemma === 'たい')
      return 'hypothetical';
    if (frames.hypothetical.categories.has(category) && (wasOnlyFeared(m, index) || wasOnlyIntended(m, index) || isWorriedAbout(m, clause)))
      return 'hypothetical';
    if (frames.hypothetical.outcomeCategories.has(category) && judgesSupposedOutcome(index)) return 'hypothetical';
    if (frames.hypothetical.categories.has(category) && acceptedAsNatural(m)) return 'accepted';
    // 「丁寧に謝ってくださって」: a demand's words (謝ってください) told as a favour done — it was granted.
    if (frames.resolved.categories.has(category) && grantedRequest(m)) return 'resolved';
    if (frames.resolved.categories.has(category)) {
      resolved ??= resolvedClauses(tokens, clauses, lexicon, config, (rest ??= restOfSentence()).signals);
      if (resolved.why[index]) return resolved.why[index];
      // 「ひどい寝癖も一発で直ります」: a fix later in the word's own clause — the trouble it names is gone.
      if (resolved.fixAt[index]! >= m.tokenEnd) return 'resolved';
      // The favour may open the next clause after a comma (割れていたのを、翌日交換してくださいました).
      const after = clause.end === 'comma' && clauses[index + 1]?.sentence === clause.sentence ? resolved.favourAt[index + 1]! : -1;
      if (takenUpByFavour(tokens, m, Math.max(resolved.favourAt[index]!, after))) return 'resolved';
      if (frames.resolved.worryCategories.has(category) && !spansConnective(m, index) && worryIsOver(index)) return 'resolved';
      if (
        frames.resolved.worryCategories.has(category) &&
        clause.past &&
        frames.resolved.momentary.has(tokens[m.tokenStart - 1]?.lemma ?? '')
      )
        return 'resolved';
    }
    if (frames.self.categories.has(category) && isWritersOwn(m, index)) return 'self';
    if (frames.self.patronageCategories.has(category) && (patronageIn ??= patronageSentences())[clause.sentence]) return 'self';
    if (frames.self.planCategories.has(category) && plannedByWriter(m)) return 'self';
    if (frames.resolved.meansCategories.has(category) && achievedBy(m, index)) return 'resolved';
    // A feeling is someone else's only when past (主人も大変怒っております is pressure the writer passes on).
    if (frames.self.feelings.has(tokens[m.tokenStart]!.lemma)) {
      if (feltBySomeoneElse(m, index)) return 'other-party';
    } else if (frames.self.categories.has(category) && describesThirdParty(m, index)) return 'other-party';
    if (frames.self.categories.has(category) && doneByThirdParty(m, index)) return 'other-party';
    if (frames.self.targetCategories.has(category)) {
      const input = { tokens, clauses, self: frames.self, signalAt: (signalAt ??= signalStarts()), elsewhereAt };
      if (aimedElsewhere(input, index, m.tokenStart, m.tokenEnd)) return 'other-party';
    }
    if (
      frames.otherParty.categories.has(category) &&
      allSet((otherParty ??= otherPartyScope(tokens, clauses, clauseOf, config)), m.tokenStart, m.tokenEnd)
    )
      return 'other-party';
    const { apologyCategories, regretCategories } = frames.self;
    if (frames.joking.categories.has(category) || apologyCategories.has(category) || regretCategories.has(category)) {
      sentences ??= sentenceFacts(tokens, clauses, config);
      const { sentence } = clause;
      if (frames.joking.categories.has(category) && sentences.jokes[sentence]) return 'joking';
      if (apologyCategories.has(category) && sentences.apologises[sentence]) return 'self';
      // 「毎回同じ席をお願いしてしまって申し訳ないです」: contact the writer regrets and apologises for is their own.
      if (regretCategories.has(category) && sentences.apologises[sentence] && sentences.regrets[sentence]) return 'self';
    }
    if (frames.degree.categories.has(category) && (measuresWhatFollows(m) || measuresPraise(m) || intensifiesPraise(m))) return 'degree';
    if (frames.quoted.categories.has(category) && judgesStory(m)) return 'quoted';
    // An entry that spans the connective itself (いつまで待てば) was written for that frame.
    const hypothetical = frames.hypothetical;
    if (!hypothetical.categories.has(category) || m.tokenEnd >= clause.tokenEnd) return undefined;
    // Words negative only when negated (返事がなければ) stay: a condition on a failure is pressure.
    // A word whatever its polarity is only supposed after 〜たら, as an affirmative one (二重になっていたら);
    // a state under 〜ば (まだ発送前であれば) or a fact under 〜ても (何度入力しても) still presses.
    const supposed = hasMarker(index);
    const polarity = m.entry.polarity ?? 'affirmative';
    if (polarity !== 'affirmative' && !supposed && !(polarity === 'any' && clause.end === 'たら')) return undefined;
    if (hypothetical.connectives.has(clause.end) && !asksHow(index)) return 'hypothetical';
    if (supposed && hypothetical.concessives.has(clause.end)) return 'hypothetical';
    if (hypothetical.concessives.has(clause.end) && !nextClauseRefuses(index) && !happenedDespite(index)) return 'hypothetical';
    return undefined;
  }

  /**
   * 「10分以上お待ちしても切れてしまいました」「何度入力してもエラーになりました」: the predicate right after a
   * concessive tells in the past what came of it, so the concession happened. 「壊れても交換してもらえると
   * 聞いて安心しました」 (its first predicate is not past) and relief or praise after it (濡れても無事でした) do not.
   */
  function concededInPast(index: number): boolean {
    const next = clauses[index + 1];
    if (!next || next.sentence !== clauses[index]!.sentence) return false;
    let i = next.tokenStart;
    while (i < next.tokenEnd && !PREDICATES.has(tokens[i]!.pos)) {
      if (frames.resolved.words.has(tokens[i]!.lemma)) return false;
      i++;
    }
    for (; i < next.tokenEnd; i++) {
      const t = tokens[i]!;
      if (frames.resolved.words.has(t.lemma)) return false;
      if (t.pos === '助動詞' && t.lemma === 'た' && t.surface !== 'たら') return true;
      const linking = t.pos === '助詞' && t.posDetail === '接続助詞' && (t.lemma === 'て' || t.lemma === 'で');
      const chained = i === next.tokenStart || PREDICATES.has(t.pos) || t.posDetail === '非自立' || t.posDetail === '接尾' || linking;
      if (!chained || (linking && tokens[i + 1]?.posDetail !== '非自立')) return false;
    }
    return false;
  }

  /** A regex match (二度と…ない) in the scope of another provider, found by the token it starts in. */
  function aboutOtherParty(m: Match): FrameReason | undefined {
    if (!normalized || !frames.otherParty.categories.has(m.entry.category)) return undefined;
    otherParty ??= otherPartyScope(tokens, clauses, clauseOf, config);
    const first = tokenAt(m.start);
    // A match that names the reader (費用はすべてそちらに請求します) is aimed at the reader, whatever came before.
    return first >= 0 && allSet(otherParty, first, tokenAt(m.end - 1) + 1) ? 'other-party' : undefined;
  }

  /**
   * 「二度と行かないと思ってた店だけど、…別物になってた」: a regex threat (二度と…ない) read on the tokens it
   * spans, in the frames that make a threat only supposed (onlySupposed).
   */
  function supposedThreat(m: Match): FrameReason | undefined {
    if (!normalized || !frames.hypothetical.caseCategories.has(m.entry.category)) return undefined;
    const first = tokenAt(m.start);
    if (first < 0) return undefined;
    const spanned = Object.assign({}, m, { tokenStart: first, tokenEnd: tokenAt(m.end - 1) + 1 });
    return onlySupposed(spanned, clauseOf[first]!) ? 'hypothetical' : undefined;
  }

  /** The last token starting at or before an original offset (-1 when none), by binary search. */
  function tokenAt(offset: number): number {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (toOriginalRange(normalized!, tokens[mid]!.start, tokens[mid]!.end)[0] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /**
   * A threat or any word only supposed: in a case a marker opened (もし…場合), or a past thought or plan the
   * writer has turned from (二度と行かないと思ってたけど, もう頼まないつもりだったけど).
   */
  function onlySupposed(m: Match, index: number): boolean {
    return inSupposedCase(m) || wasOnlyFeared(m, index) || wasOnlyIntended(m, index);
  }

  /**
   * 「遅いと聞いて」「壊れやすいという口コミ」「ひどいって噂」: the word is what others say, quoted without
   * brackets. Up to two auxiliaries (やすい, だ, た) may stand between the word and the quotative particle.
   */
  function isHearsay(m: Match): boolean {
    if (frames.quoted.hearsay.size === 0) return false;
    for (let i = m.tokenEnd; i < Math.min(tokens.length - 1, m.tokenEnd + 3); i++) {
      const t = tokens[i]!;
      if (t.pos === '助詞' && QUOTATIVE.has(t.lemma)) {
        const next = tokens[i + 1]!;
        const heard = next.lemma === 'いう' ? tokens[i + 2] : next;
        return heard !== undefined && frames.quoted.hearsay.has(heard.lemma);
      }
      if (t.pos !== '助動詞' && t.posDetail !== '非自立') return false;
    }
    return false;
  }

  /**
   * 「不良品かと思って焦ったけど」「待たされるかと思ったら」: the word is followed by (か)と and a verb of
   * expecting, in a clause that tells it as past and hands over to another (けど, が, たら). A supposition
   * marked as one (〜のではと, 〜かと, 〜んじゃないかと) may qualify a noun first (最悪の思い出になるのではと
   * 覚悟していました), and its sentence may end there when the next one turns against it (それなのに、…)
   * and goes on without a signal.
   */
  function wasOnlyFeared(m: Match, index: number): boolean {
    const { supposing } = frames.hypothetical;
    const clause = clauses[index]!;
    if (supposing.size === 0) return false;
    const handsOver = clause.end === 'たら' || (clause.past && frames.resolved.connectives.has(clause.end));
    if (!handsOver && !(clause.past && clause.end === 'sentence' && turnedAgainst(index))) return false;
    for (let i = m.tokenEnd; i < Math.min(clause.tokenEnd - 1, m.tokenEnd + 4); i++) {
      const t = tokens[i]!;
      if (t.pos === '助詞' && t.lemma === 'と') {
        if (handsOver && supposing.has(tokens[i + 1]!.lemma)) return true;
        break;
      }
      // 「押し売りされるかと」: する and the passive's suffix (れる, られる) may stand between the word and か.
      const verbOfIt = t.pos === '動詞' && (t.lemma === 'する' || t.posDetail === '接尾');
      if (t.pos !== '助動詞' && t.posDetail !== '非自立' && !verbOfIt && !(t.pos === '助詞' && t.lemma === 'か')) break;
    }
    return markedSupposition(m, clause);
  }

  /** 「…になるのではと覚悟」「…されるんじゃないかと思って」: a supposition marker, と and a verb of expecting. */
  function markedSupposition(m: Match, clause: Clause): boolean {
    for (let i = m.tokenEnd; i < Math.min(clause.tokenEnd - 1, m.tokenEnd + SUPPOSITION_REACH); i++) {
      const t = tokens[i]!;
      if (isPunctuation(t)) return false;
      if (t.pos === '助詞' && t.lemma === 'と' && t.posDetail !== '並立助詞')
        return frames.hypothetical.supposing.has(tokens[i + 1]!.lemma) && endsSupposition(i);
    }
    return false;
  }

  /** Tokens before the quotative と at `quote` end a supposition: か, かも, のでは, んじゃない(か), だろう. */
  function endsSupposition(quote: number): boolean {
    const [a, b, c] = [tokens[quote - 1], tokens[quote - 2], tokens[quote - 3]];
    if (a?.lemma === 'か' || a?.lemma === 'かも' || a?.lemma === 'う') return true;
    // の|で|は (のでは), ん|じゃ (んじゃ)
    if (a?.lemma === 'は' && b?.surface === 'で' && (c?.lemma === 'の' || c?.lemma === 'ん')) return true;
    return a?.surface === 'じゃ' && (b?.lemma === 'の' || b?.lemma === 'ん');
  }

  /**
   * The sentence after clause `index` opens with a contrast (それなのに、でも、ところが) and goes on to its
   * end with no signal and no negation: what the clause feared did not come.
   */
  function turnsAgainst(index: number): boolean {
    const next = clauses[index + 1];
    if (!next || next.sentence === clauses[index]!.sentence) return false;
    const opener = tokens.slice(next.tokenStart, next.tokenEnd).find((t) => !isPunctuation(t));
    if (!opener || !frames.resolved.contrastOpeners.has(opener.surface)) return false;
    return quietToSentenceEnd(index + 1, next.tokenStart);
  }

  /**
   * From token `from` in clause `index` to the end of its sentence, no clause is negated and no word signals.
   * Half of a pair (それなのに as what came of it) judges nothing alone, and a learned word decides no frame.
   */
  function quietToSentenceEnd(index: number, from: number, except?: Match): boolean {
    rest ??= restOfSentence();
    if (rest.refuses[index]) return false;
    const to = rest.endToken[index]!;
    firmSignals ??= firmSignalCounts();
    const excepted = except !== undefined && except.tokenStart >= from && except.tokenStart < to && isFirmSignal(except) ? 1 : 0;
    return firmSignals[to]! - firmSignals[from]! - excepted === 0;
  }

  /** A signal that judges alone: not half of a pair (それなのに as what came of it). */
  function isFirmSignal(m: Match): boolean {
    return isSignal(m) && !compiledScoring(config).onlyInPairs.has(m.entry.category);
  }

  /** Per token boundary: how many firm signals start before it (a prefix sum, so a range is counted in O(1)). */
  function firmSignalCounts(): Int32Array {
    const starts = new Int32Array(tokens.length + 1);
    for (const m of matches) if (m.tokenStart >= 0 && isFirmSignal(m)) starts[m.tokenStart + 1]!++;
    for (let i = 1; i <= tokens.length; i++) starts[i]! += starts[i - 1]!;
    return starts;
  }

  /**
   * Per clause, over it and the clauses after it in its sentence (one backward pass): the token the
   * sentence ends at, whether one of them refuses, whether a signal starts in one of them.
   */
  function restOfSentence() {
    const starts = (signalAt ??= signalStarts());
    const endToken = new Int32Array(clauses.length);
    for (let k = clauses.length - 1; k >= 0; k--)
      endToken[k] = clauses[k + 1]?.sentence === clauses[k]!.sentence ? endToken[k + 1]! : clauses[k]!.tokenEnd;
    const signalIn = (k: number) => {
      for (let i = clauses[k]!.tokenStart; i < clauses[k]!.tokenEnd; i++) if (starts[i] === 1) return true;
      return false;
    };
    return { endToken, refuses: anyToSentenceEnd(clauses, clauseRefuses), signals: anyToSentenceEnd(clauses, signalIn) };
  }

  /**
   * 「2回目の修正でイメージ通りになりました」: a count followed by the particle で names the means of what
   * followed; when the rest of the sentence is quiet, the rounds led to the result.
   */
  function achievedBy(m: Match, index: number): boolean {
    const particle = tokens[m.tokenEnd];
    if (particle?.pos !== '助詞' || particle.posDetail !== '格助詞' || particle.lemma !== 'で') return false;
    if (tokens[m.tokenStart]!.posDetail !== '数') return false;
    // 「二度目のお願いで恐縮ですが」「でも」: the copula of an apology, or a concession, names no means.
    const next = tokens[m.tokenEnd + 1];
    if (next === undefined || next.lemma === 'も' || frames.self.apologies.has(next.lemma) || HUMBLED.has(next.lemma)) return false;
    return quietToSentenceEnd(index, m.tokenStart, m);
  }

  /**
   * 「誰かに勝手に使われていないか不安です」「また壊れないか心配」「在庫が足りなくなったのかな、とちょっと心配しています」: the
   * word, then 〜か (かな, かしら; なる and the nominaliser の before it) and a word of worry — right after か, or after the
   * quotative と (a comma on either side) and an adverb or two (ちょっと, 少し). A possibility the writer fears, not what happened.
   */
  function isWorriedAbout(m: Match, clause: Clause): boolean {
    const { worries } = frames.hypothetical;
    if (worries.size === 0) return false;
    let i = m.tokenEnd;
    for (; i < Math.min(clause.tokenEnd - 1, m.tokenEnd + 6); i++) {
      const t = tokens[i]!;
      if (t.pos === '助詞' && t.lemma === 'か') break;
      const verbOfIt = t.pos === '動詞' && (t.lemma === 'する' || t.lemma === 'なる' || t.posDetail === '接尾' || t.posDetail === '非自立');
      const nominal = t.pos === '名詞' && t.posDetail === '非自立' && (t.lemma === 'の' || t.lemma === 'ん');
      if (t.pos !== '助動詞' && !verbOfIt && !nominal && !(t.pos === '助詞' && t.posDetail === '接続助詞')) return false;
    }
    if (tokens[i]?.lemma !== 'か' || tokens[i]!.pos !== '助詞') return false;
    // What may stand between か and the worry, in this order, each at most as often as listed: な|ね|しら, 、, と, two adverbs.
    let at = i + 1;
    if (tokens[at]?.posDetail === '終助詞') at++;
    const quoted = tokens[at] !== undefined && isPunctuation(tokens[at]!) && !isSentenceEnd(tokens[at]!) && tokens[at + 1]?.lemma === 'と';
    if (quoted) at++;
    if (tokens[at]?.lemma === 'と') {
      at++;
      if (tokens[at] !== undefined && isPunctuation(tokens[at]!) && !isSentenceEnd(tokens[at]!)) at++;
      for (let n = 0; n < 2 && tokens[at]?.pos === '副詞'; n++) at++;
    }
    return tokens[at] !== undefined && worries.has(tokens[at]!.lemma);
  }

  /**
   * 「もう使わないつもりだったけど」「解約するつもりだったのに」: the clause tells the writer's plan (a verb in
   * the plain form + つもり + だった/でした) and hands over to another. 「送ったつもりだった」「無料体験の
   * つもりだった」 tell a belief that proved wrong (a concern), and the entry that reads つもり itself stays.
   */
  function wasOnlyIntended(m: Match, index: number): boolean {
    const clause = clauses[index]!;
    if (frames.hypothetical.intentions.size === 0 || !clause.past || !frames.resolved.connectives.has(clause.end)) return false;
    const plan = planAt(index);
    return plan >= 0 && (m.tokenEnd <= plan || m.tokenStart > plan);
  }

  /** The clause's first noun of intention + copula + た (-1 when none, or when no plan of the writer's precedes it). */
  function planIn(index: number): number {
    const clause = clauses[index]!;
    for (let i = clause.tokenStart + 1; i + 2 < clause.tokenEnd; i++) {
      if (!frames.hypothetical.intentions.has(tokens[i]!.lemma) || !COPULAS.has(tokens[i + 1]!.lemma) || tokens[i + 2]!.lemma !== 'た')
        continue;
      const plan = tokens[i - 1]!;
      return plan.pos === '動詞' || (plan.pos === '助動詞' && NEGATING_AUXILIARIES.has(plan.lemma)) ? i : -1;
    }
    return -1;
  }

  /**
   * 「もし裁判になった場合の賠償金も補償の対象ですか」: between a marker (もし, 万が一) and the case noun that
   * closes the supposition (場合, 際), the word is supposed. 「場合の」 runs the supposition on to the clause
   * end; 「場合は」「場合、」 end it, and what follows is the consequence (もし返金されない場合は法的措置を).
   * A marker standing alone before a comma (万が一、…場合) opens the next clause.
   */
  function inSupposedCase(m: Match): boolean {
    if (frames.hypothetical.caseNouns.size === 0) return false;
    supposedBefore ??= supposedTokens();
    return supposedBefore[m.tokenStart] === 1;
  }

  /**
   * Per token: a supposition is open before it in its clause (inSupposedCase), in one pass over every
   * clause; scanning from the clause's start for each match was quadratic in a long clause of matches.
   */
  function supposedTokens(): Uint8Array {
    const { markers, caseNouns } = frames.hypothetical;
    const open = new Uint8Array(tokens.length);
    clauses.forEach((clause, index) => {
      const before = clauses[index - 1];
      let state = before !== undefined && before.sentence === clause.sentence && isBareMarker(before);
      for (let i = clause.tokenStart; i < clause.tokenEnd; i++) {
        open[i] = state ? 1 : 0;
        const t = tokens[i]!;
        if (markers.has(t.lemma)) state = true;
        else if (state && caseNouns.has(t.lemma) && tokens[i + 1]?.lemma !== 'の') state = false;
      }
    });
    return open;
  }

  /**
   * 「今後同じ症状が出た場合は」「エラーが表示された際には」: the word's predicate closes on a case noun that
   * opens a consequence (場合は, 際には, 場合、), so the word names a case, not what happened. Only words
   * whatever their negation: 「返事がない場合は」 is a condition on a failure, pressure that counts.
   */
  function namesACase(m: Match, clause: Clause): boolean {
    const { caseNouns } = frames.hypothetical;
    for (let i = m.tokenEnd; i < Math.min(clause.tokenEnd, m.tokenEnd + 6); i++) {
      const t = tokens[i]!;
      if (caseNouns.has(t.lemma) && t.pos === '名詞') {
        const next = tokens[i + 1];
        return next !== undefined && (CASE_TOPIC.has(next.lemma) || isPunctuation(next));
      }
      if (isPunctuation(t) || !(t.pos === '助詞' || t.pos === '助動詞' || t.pos === '動詞')) return false;
    }
    return false;
  }

  /** The clause is a marker and its comma only (「万が一、」). */
  function isBareMarker(c: Clause): boolean {
    const words = tokens.slice(c.tokenStart, c.tokenEnd).filter((t) => !isPunctuation(t));
    return words.length === 1 && frames.hypothetical.markers.has(words[0]!.lemma);
  }

  /** 「腹が立つくらい」「イライラするほど」: the word measures what follows it. */
  function measuresWhatFollows(m: Match): boolean {
    let at = m.tokenEnd;
    if (tokens[at]?.pos === '動詞' && tokens[at]!.lemma === 'する') at++;
    const next = tokens[at];
    if (next?.pos !== '助詞' || !frames.degree.particles.has(next.lemma)) return false;
    // Something must follow to carry the weight: 「星1でも多いくらいです」 ends on the measure itself.
    const after = tokens[at + 1];
    return after !== undefined && after.pos !== '助動詞' && !isPunctuation(after);
  }

  /**
   * 「うますぎて腹立つ」「すごすぎて言葉を失いました」: praise + すぎて, and the word measures the praise;
   * 「ムカつきすぎて最高の演技」「辛すぎて最高」: the word + すぎて + praise, and the word is how much it pleased.
   */
  /** 「クソうまい」「バカみたいに美味しい」: a strong word right before praise only says how much it pleased. */
  function intensifiesPraise(m: Match): boolean {
    // A word used as an intensifier is a noun or a prefix (クソ, バカ, 鬼), not a clause (押せば|いい).
    const last = tokens[m.tokenEnd - 1]!;
    if (last.pos !== '名詞' && last.pos !== '接頭詞') return false;
    let at = m.tokenEnd;
    if (tokens[at]?.lemma === 'みたい' && tokens[at + 1]?.lemma === 'に') at += 2;
    const next = tokens[at];
    return next !== undefined && frames.degree.excessPraise.has(next.lemma);
  }

  /**
   * 「映画の最悪な結末」「ひどい悪役」: the word qualifies a part of a story (結末, 展開, 悪役), someone else's
   * fiction, as if it stood in 『』.
   */
  function judgesStory(m: Match): boolean {
    const { storyNouns } = frames.quoted;
    if (storyNouns.size === 0) return false;
    let at = m.tokenEnd;
    const link = tokens[at];
    if (link && ((link.pos === '助動詞' && link.surface === 'な') || (link.pos === '助詞' && link.posDetail === '連体化'))) at++;
    return tokens[at] !== undefined && storyNouns.has(tokens[at]!.lemma);
  }

  function measuresPraise(m: Match): boolean {
    const [praise, excess, te] = [tokens[m.tokenStart - 3], tokens[m.tokenStart - 2], tokens[m.tokenStart - 1]];
    if (
      te?.lemma === 'て' &&
      te.pos === '助詞' &&
      excess?.lemma === 'すぎる' &&
      praise !== undefined &&
      frames.degree.excessPraise.has(praise.lemma)
    )
      return true;
    let at = m.tokenEnd;
    if (tokens[at]?.lemma !== 'すぎる') {
      if (tokens[at - 1]?.lemma !== 'すぎる') return false;
    } else at++;
    if (tokens[at]?.lemma !== 'て' || tokens[at]!.pos !== '助詞') return false;
    const next = tokens[at + 1];
    return (
      next !== undefined && (frames.degree.excessPraise.has(next.lemma) || ((frames.resolved.words.get(next.lemma) ?? 0) & PRAISE) !== 0)
    );
  }

  function isWritersOwn(m: Match, index: number): boolean {
    const { symptoms, owners, ownerCategories } = frames.self;
    const after = tokens[m.tokenEnd];
    const before = tokens[m.tokenStart - 1];
    const subject = tokens[m.tokenStart - 2];
    // 「ひどい肩こり」「体調最悪」: the symptom right after the word, or right before it with no particle.
    if (after && symptoms.has(after.lemma)) return true;
    if (before && before.pos === '名詞' && symptoms.has(before.lemma)) return true;
    if (subject && symptoms.has(subject.lemma) && before && (before.lemma === 'が' || before.lemma === 'は' || before.lemma === 'も'))
      return true;
    if (causedByCircumstance(m, index) || aimedAtWriter(m, index)) return true;
    if (frames.self.judgements.has(tokens[m.tokenStart]!.lemma) && judgedByWriter(m, index)) return true;
    if (!ownerCategories.has(m.entry.category)) return false;
    // The clause's first 「owner の」 (こちらの, 私の) before the word.
    if (ownerAt[index] === -2) {
      const clause = clauses[index]!;
      ownerAt[index] = -1;
      for (let i = clause.tokenStart; i + 1 < clause.tokenEnd; i++) {
        if (owners.has(tokens[i]!.lemma) && tokens[i + 1]!.lemma === 'の') {
          ownerAt[index] = i;
          break;
        }
      }
    }
    return ownerAt[index]! >= 0 && ownerAt[index]! + 1 < m.tokenStart;
  }

  /**
   * 「台風で飛行機が欠航になり最悪です」: a circumstance nobody answers for (weather, health) is the cause or the
   * subject earlier in the word's clause, with a case particle (で, が, は, も). Looks back a few tokens only.
   */
  function causedByCircumstance(m: Match, index: number): boolean {
    const from = Math.max(clauses[index]!.tokenStart, m.tokenStart - CIRCUMSTANCE_REACH);
    for (let i = from; i + 1 < m.tokenStart; i++) {
      if (!frames.self.symptoms.has(tokens[i]!.lemma)) continue;
      // 雨|続き|で: a suffix may stand between the circumstance and its particle.
      let j = i + 1;
      while (j + 1 < m.tokenStart && tokens[j]!.posDetail === '接尾') j++;
      if (tokens[j]!.pos === '助詞' && CIRCUMSTANCE_PARTICLES.has(tokens[j]!.lemma)) return true;
    }
    return false;
  }

  /**
   * 「自分に腹が立ちます」「腹が立つのは自分に対してです」: a feeling aimed at the writer — an owner and に right
   * before the word, or after it in its clause (〜のは自分に対して).
   */
  function aimedAtWriter(m: Match, index: number): boolean {
    if (!frames.self.feelings.has(tokens[m.tokenStart]!.lemma)) return false;
    const owner = (i: number) => frames.self.owners.has(tokens[i]?.lemma ?? '');
    // 自分|に|対し|て, or 自分|に対して (one token in IPADIC).
    const toward = (i: number) => tokens[i]?.lemma === 'に対して' || (tokens[i]?.lemma === 'に' && TOWARD.has(tokens[i + 1]?.lemma ?? ''));
    const before = m.tokenStart - 2;
    if (before >= 0 && owner(before) && (tokens[before + 1]!.lemma === 'に' || toward(before + 1))) return true;
    if (ownTarget(m.tokenStart - 1, index)) return true;
    const end = Math.min(clauses[index]!.tokenEnd - 1, m.tokenEnd + 6);
    for (let i = m.tokenEnd; i < end; i++) if (owner(i) && toward(i + 1)) return true;
    return false;
  }

  /**
   * 「自分のポンコツぶりに腹が立ちます」「自分の荷物の多さにうんざり」: the feeling's target (the noun phrase
   * before に at `particle`) is the writer's own — it opens with 「owner の」 and holds only nouns, の and
   * an adjective's stem before a suffix (多|さ). 「自分の注文した商品に」 holds a verb: the goods, not the writer.
   */
  function ownTarget(particle: number, index: number): boolean {
    const t = tokens[particle];
    if (t?.pos !== '助詞' || t.posDetail !== '格助詞' || t.lemma !== 'に') return false;
    const from = Math.max(clauses[index]!.tokenStart, particle - TARGET_REACH);
    for (let i = particle - 1; i > from; i--) {
      const word = tokens[i]!;
      if (word.posDetail === '連体化' && frames.self.owners.has(tokens[i - 1]!.lemma)) return true;
      const nominal = word.pos === '名詞' || word.posDetail === '連体化' || word.pos === '接頭詞';
      const stem = word.pos === '形容詞' && tokens[i + 1]?.posDetail === '接尾';
      if (!nominal && !stem) return false;
    }
    return false;
  }

  /**
   * 「私がバカでした」「自分も本当に悪い」: the word's subject is the writer — an owner and a subject particle
   * right before it, adverbs aside. 「私は、そちらの対応が悪い」 has another subject in between.
   */
  function judgedByWriter(m: Match, index: number): boolean {
    let i = m.tokenStart - 1;
    while (i > clauses[index]!.tokenStart && tokens[i]!.pos === '副詞') i--;
    const particle = tokens[i];
    const owner = tokens[i - 1];
    return (
      i - 1 >= clauses[index]!.tokenStart &&
      particle?.pos === '助詞' &&
      SUBJECT.has(particle.lemma) &&
      owner !== undefined &&
      frames.self.owners.has(owner.lemma)
    );
  }

  /**
   * 「父は…かなり怒っておりました」「友達がキレてて笑った」: another person, the subject before the word,
   * felt it, and the clause tells it as past. 「夫が激怒しています」 is pressure relayed now: it counts.
   */
  function feltBySomeoneElse(m: Match, index: number): boolean {
    if (!clauses[index]!.past) return false;
    const subject = thirdPartySubjectAt(index);
    return subject >= 0 && subject + 1 < m.tokenStart;
  }

  /** The clause's first third person followed by a subject particle (父が, 友達は), -1 when none. */
  function thirdPartySubjectIn(index: number): number {
    const clause = clauses[index]!;
    for (let i = clause.tokenStart; i + 1 < clause.tokenEnd; i++) {
      const next = tokens[i + 1]!;
      if (frames.self.thirdParties.has(tokens[i]!.lemma) && next.pos === '助詞' && SUBJECT.has(next.lemma)) return i;
    }
    return -1;
  }

  /**
   * 「父が最近物忘れがひどく」「母は足腰が弱くて」: the word is the predicate of how a third person is — their
   * name and a subject particle lead to it with no predicate or の between (父が注文した商品がひどい is the goods),
   * and no noun follows it (主人がひどい対応を受けました is what the husband was given). Looks back a few tokens only.
   */
  function describesThirdParty(m: Match, index: number): boolean {
    // 「物忘れがひどい母」: the word qualifies the person themself.
    const after = tokens[m.tokenEnd];
    // 「壁が薄く隣の話し声が」: an adjective in its 連用形 (〜く) does not qualify the noun after it.
    const last = tokens[m.tokenEnd - 1]!;
    if (after?.pos === '名詞')
      return (
        PREDICATES.has(last.pos) && !(last.pos === '形容詞' && last.surface.endsWith('く')) && frames.self.thirdParties.has(after.lemma)
      );
    const from = Math.max(clauses[index]!.tokenStart + 1, m.tokenStart - THIRD_PARTY_REACH);
    for (let i = m.tokenStart - 1; i >= from; i--) {
      const t = tokens[i]!;
      if (t.pos === '動詞' || t.pos === '助動詞' || t.pos === '形容詞' || t.pos === '連体詞' || t.posDetail === '連体化') return false;
      if (t.pos === '助詞' && SUBJECT.has(t.lemma) && frames.self.thirdParties.has(tokens[i - 1]!.lemma)) return true;
    }
    return false;
  }

  /**
   * 「まだ届かなくて当然なのですが」「遅れるのは仕方ないと思っています」: the writer calls what the word tells
   * natural — an acceptance word as the predicate right after it (て, の は, の も between). 「届かないのは当然
   * おかしい」 uses 当然 as an adverb of what follows, and counts.
   */
  function acceptedAsNatural(m: Match): boolean {
    let i = m.tokenEnd;
    for (let n = 0; n < 4 && i < tokens.length && ACCEPTANCE_BRIDGE.has(tokens[i]!.lemma); n++) i++;
    const word = tokens[i];
    if (word === undefined || i === m.tokenEnd || !frames.hypothetical.acceptance.has(word.lemma)) return false;
    const next = tokens[i + 1];
    return next === undefined || (next.pos !== '形容詞' && !(next.pos === '動詞' && next.posDetail === '自立'));
  }

  /**
   * 「上司にひどく叱られてしまいまして」: a third person, the particle に, then the word and a passive in the
   * clause — something a third person did to the writer, not the company's doing.
   */
  function doneByThirdParty(m: Match, index: number): boolean {
    const clause = clauses[index]!;
    let agent = false;
    for (let i = Math.max(clause.tokenStart, m.tokenStart - THIRD_PARTY_REACH); i + 1 < m.tokenStart && !agent; i++)
      agent = frames.self.thirdParties.has(tokens[i]!.lemma) && tokens[i + 1]!.lemma === 'に' && tokens[i + 1]!.pos === '助詞';
    if (!agent) return false;
    for (let i = m.tokenEnd; i < Math.min(clause.tokenEnd, m.tokenEnd + THIRD_PARTY_REACH); i++) {
      const t = tokens[i]!;
      if (t.pos === '動詞' && t.posDetail === '接尾' && PASSIVE.has(t.lemma)) return true;
    }
    return false;
  }

  /**
   * 「頭が真っ白でどうしたらいいのか」「何回電話すれば」: an interrogative right before the conditional verb
   * makes the clause a question (what to do, how often), not a supposition.
   */
  function asksHow(index: number): boolean {
    const clause = clauses[index]!;
    const i = lastWordAt(index);
    // tokens[i] is the conditional (たら, ば); before it the verb, before that the interrogative.
    for (let j = i - 1; j >= Math.max(clause.tokenStart, i - 3); j--) if (INTERROGATIVES.has(tokens[j]!.lemma)) return true;
    return false;
  }

  /** The clause follows, in the same sentence, a condition (たら, ば) that a marker (もし, 万が一) opened. */
  function judgesSupposedOutcome(index: number): boolean {
    const condition = clauses[index - 1];
    return (
      condition !== undefined &&
      condition.sentence === clauses[index]!.sentence &&
      frames.hypothetical.connectives.has(condition.end) &&
      hasMarker(index - 1)
    );
  }

  /** A supposition marker (もし, 万が一) in the clause. */
  function markerInClause(index: number): boolean {
    const clause = clauses[index]!;
    for (let i = clause.tokenStart; i < clause.tokenEnd; i++) if (frames.hypothetical.markers.has(tokens[i]!.lemma)) return true;
    return false;
  }

  /**
   * 「心配していたのですが、きれいな状態で受け取れました」: a past worry closed by an adversative
   * connective, and the rest of the sentence goes on with no negation and no other signal.
   */
  function worryIsOver(index: number): boolean {
    const clause = clauses[index]!;
    if (!clause.past || !frames.resolved.connectives.has(clause.end)) return false;
    const next = clauses[index + 1];
    if (!next || next.sentence !== clause.sentence) return false;
    rest ??= restOfSentence();
    return rest.refuses[index + 1] === 0 && rest.signals[index + 1] === 0;
  }

  /**
   * The match ends on the verb of a demand (謝ってください: くださる, くれる) in the form of a favour done:
   * 〜てくださった, 〜てくれて. (〜ていただいたうえで is still a request, so いただく is not among them.)
   */
  function grantedRequest(m: Match): boolean {
    const last = m.tokenEnd - 1;
    return GRANTERS.has(tokens[last]!.lemma) && favourDone(tokens, last);
  }

  /**
   * 「一緒に行く予定だった父」「参加するはずでした」: the plan's verb, right before it (する aside), is the
   * writer's own going or staying — their plan, not one the company set (届く予定でした).
   */
  function plannedByWriter(m: Match): boolean {
    let i = m.tokenStart - 1;
    if (tokens[i]?.lemma === 'する' && tokens[i]!.pos === '動詞') i--;
    return tokens[i] !== undefined && frames.self.plans.has(tokens[i]!.lemma);
  }

  /** Per sentence: it names the writer's own coming back (リピート, 宿泊, 来店), so a count in it is loyalty. */
  function patronageSentences(): Uint8Array {
    const flags = new Uint8Array(clauses.length === 0 ? 0 : clauses[clauses.length - 1]!.sentence + 1);
    for (const c of clauses)
      for (let i = c.tokenStart; i < c.tokenEnd && !flags[c.sentence]; i++)
        if (frames.self.patronage.has(tokens[i]!.lemma)) flags[c.sentence] = 1;
    return flags;
  }

  /** 「注文したのですが」: an entry that reaches the clause's connective was written for that frame. */
  function spansConnective(m: Match, index: number): boolean {
    return m.tokenEnd > lastWordAt(index);
  }

  /** The clause's last token that is no punctuation (its first token when all are). */
  function lastWordIn(index: number): number {
    const clause = clauses[index]!;
    let last = clause.tokenEnd - 1;
    while (last > clause.tokenStart && isPunctuation(tokens[last]!)) last--;
    return last;
  }

  /** Tokens where a scoring match starts. */
  function signalStarts(): Uint8Array {
    const starts = new Uint8Array(tokens.length);
    // A learned word is no signal here: whether a frame holds must not depend on the learned layer.
    for (const m of matches) if (m.tokenStart >= 0 && isSignal(m)) starts[m.tokenStart] = 1;
    return starts;
  }

  function isSignal(m: Match): boolean {
    return m.entry.role === 'score' && m.entry.weight !== 0 && m.entry.category !== LEARNED_CATEGORY;
  }

  /** 「待っても 届かない」: the clause after a concessive is negated, so the concessive is a fact (nextClauseRefuses). */
  function refuses(index: number): boolean {
    const next = clauses[index + 1];
    return next !== undefined && next.sentence === clauses[index]!.sentence && clauseRefuses(index + 1);
  }

  /** A negator in the clause (not the acceptance of 構いません). */
  function refusalIn(index: number): boolean {
    const clause = clauses[index]!;
    const { negatorPos } = compiledScoring(config).negation;
    for (let i = clause.tokenStart; i < clause.tokenEnd; i++) {
      const t = tokens[i]!;
      if (!lexicon.negatorLemmas.has(t.lemma) || !negatorPos.has(t.pos)) continue;
      const accepted = i > clause.tokenStart && frames.hypothetical.acceptance.has(tokens[i - 1]!.lemma);
      if (!accepted) return true;
    }
    return false;
  }
}

/** A fact of a clause, computed on first use and at most once: a long clause of matches is not rescanned per match. */
function oncePerClause(count: number, compute: (index: number) => boolean): (index: number) => boolean {
  const known = new Int8Array(count).fill(-1);
  return (index) => {
    if (known[index] === -1) known[index] = compute(index) ? 1 : 0;
    return known[index] === 1;
  };
}

/** A token position per clause (-1 for none), computed on first use and at most once. */
function positionPerClause(count: number, compute: (index: number) => number): (index: number) => number {
  const known = new Int32Array(count).fill(-2);
  return (index) => {
    if (known[index] === -2) known[index] = compute(index);
    return known[index]!;
  };
}

/** How far a marked supposition (〜のではと覚悟) may reach from the word: a noun phrase and its predicate. */
const SUPPOSITION_REACH = 9;

/** Question words that turn a condition into a question (どうしたら, いつになったら, 何回電話すれば). */
const INTERROGATIVES = new Set(['どう', 'いつ', '何', 'どこ', '誰', 'どれ', 'いかが']);

/** The copula after a noun of intention (つもりだった, つもりでした); NEGATING_AUXILIARIES reads the negation before it (使わないつもり). */
const COPULAS = new Set(['だ', 'です']);

/** Quotative particles (遅いと聞いて, 遅いって, 壊れやすいという口コミ). */
const QUOTATIVE = new Set(['と', 'って', 'という', 'との']);

/** How far a third person's name may stand from the word that says how they are (父が最近物忘れがひどく). */
const THIRD_PARTY_REACH = 8;

/** How far back a feeling's target may open with 「owner の」 (自分|の|荷物|の|多|さ|に). */
const TARGET_REACH = 8;

/** How far back a circumstance may stand from the word it causes (台風で飛行機が欠航になり最悪). */
const CIRCUMSTANCE_REACH = 10;
/** The particles that make a circumstance the cause or the subject (台風で, 体調が, 天気は, 渋滞も). */
const CIRCUMSTANCE_PARTICLES = new Set(['で', 'が', 'は', 'も']);
/** 〜に対し(て), 〜に向けて: what a feeling is aimed at. */
const TOWARD = new Set(['対する', '向ける', '対す']);

/** What may stand between a word and the acceptance that judges it (届かなく|て|当然, 遅れる|の|は|仕方). */
const ACCEPTANCE_BRIDGE = new Set(['て', 'で', 'の', 'は', 'も', 'ない', 'た']);

/** Parts of speech that end a word qualifying the noun after it (ひどい|母, 弱っ|た|父). */
const PREDICATES = new Set(['形容詞', '助動詞', '動詞']);

/** Words of humility after で (お願いで恐縮ですが, 度々で失礼します): the で is the copula of an apology. */
const HUMBLED = new Set(['恐縮', '失礼']);

/** The benefactive verbs a demand is made with (〜てください, 〜てくれ). */
const GRANTERS = new Set(['くださる', '下さる', 'くれる']);

/** Brackets around a laughter mark (（笑）) are skipped like punctuation when reading a sentence's end. */
const BRACKET = /^[()（）]+$/u;

/**
 * Per sentence, in one pass over each sentence's last clause: whether it ends in laughter (笑, ww)
 * and whether it ends in the writer's apology (すみませんでした); and whether it tells a regret (〜てしまう).
 */
function sentenceFacts(tokens: readonly Token[], clauses: readonly Clause[], config: ScoringConfig) {
  const { joking, self } = compiledScoring(config).frames;
  const count = clauses.length === 0 ? 0 : clauses[clauses.length - 1]!.sentence + 1;
  const jokes = new Uint8Array(count);
  const apologises = new Uint8Array(count);
  const regrets = new Uint8Array(count);
  clauses.forEach((c, n) => {
    for (let i = c.tokenStart; i < c.tokenEnd && !regrets[c.sentence]; i++) if (REGRET.has(tokens[i]!.lemma)) regrets[c.sentence] = 1;
    if (clauses[n + 1]?.sentence === c.sentence) return;
    for (let i = c.tokenEnd - 1; i >= c.tokenStart; i--) {
      const t = tokens[i]!;
      if (isPunctuation(t) || BRACKET.test(t.surface)) continue;
      jokes[c.sentence] = joking.markers.has(t.surface) || (/^w+$/u.test(t.surface) && joking.markers.has('w')) ? 1 : 0;
      break;
    }
    for (let i = c.tokenStart; i < c.tokenEnd && !apologises[c.sentence]; i++)
      if (self.apologies.has(tokens[i]!.lemma)) apologises[c.sentence] = 1;
  });
  // 「失礼な書き方をしてしまいました。申し訳ありません。」: a sentence of regret (〜てしまいました) followed by
  // a sentence that is an apology and nothing else tells the writer's own conduct too.
  for (let n = clauses.length - 1; n > 0; n--) {
    const c = clauses[n]!;
    const before = clauses[n - 1]!;
    if (before.sentence !== c.sentence - 1 || c.end !== 'sentence' || !apologises[c.sentence] || apologises[before.sentence]) continue;
    if (clauses[n + 1]?.sentence === c.sentence) continue;
    for (let i = before.tokenStart; i < before.tokenEnd; i++) if (REGRET.has(tokens[i]!.lemma)) apologises[before.sentence] = 1;
  }
  // 「頭おかしい（褒め言葉）」「いい意味で裏切られた」: anywhere in the sentence, so every clause is read.
  if (joking.praiseMarkers.size > 0)
    for (const c of clauses)
      for (let i = c.tokenStart; i + 1 < c.tokenEnd && !jokes[c.sentence]; i++)
        if (joking.praisePairs.get(tokens[i]!.lemma)?.has(tokens[i + 1]!.lemma) === true) jokes[c.sentence] = 1;
  return { jokes, apologises, regrets };
}

/**
 * Tokens that speak of another provider: from 「別の旅行会社」「他社」 to the end of the line, unless
 * the mail turns to the reader first (御社, or a clause ending in 〜のに / 〜なら). Linear.
 */
function otherPartyScope(tokens: readonly Token[], clauses: readonly Clause[], clauseOf: Int32Array, config: ScoringConfig): Uint8Array {
  const { otherParty: rule, resolved } = compiledScoring(config).frames;
  const scope = new Uint8Array(tokens.length);
  let readerNamed: boolean | undefined;
  const opens = (i: number): boolean => {
    const t = tokens[i]!;
    if (rule.distant.has(t.lemma) && !(readerNamed ??= tokens.some((u) => rule.addressees.has(u.lemma) || rule.readerSide.has(u.lemma))))
      return false;
    if (rule.mentions.has(t.lemma)) return true;
    if (!rule.openers.has(t.lemma)) return false;
    // 「別の旅行会社」, or the opener compounded with the provider (偽サイト, 詐欺サイト).
    // A provider as a suffix (他|店) is a mention of its own; 前 compounded (前|会社) is a time, not another provider.
    const next = tokens[i + 1];
    if (next?.lemma !== 'の')
      return (
        next !== undefined &&
        (rule.providers.has(next.lemma) || rule.contacts.has(next.lemma)) &&
        next.posDetail !== '接尾' &&
        t.lemma !== '前'
      );
    for (let j = i + 2; j < Math.min(tokens.length, i + 6); j++) if (rule.providers.has(tokens[j]!.lemma)) return true;
    return false;
  };
  let active = false;
  // 「だから別のお店にしようと言ったのに」: a mention in someone's quoted words speaks of another provider only there.
  const quoted = quotedTokens(tokens);
  let inQuote = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // A line break ends it, also inside a token of breaks (\n\n between paragraphs). 「御社を名乗るメール」: the
    // reader's name claimed by someone else does not turn back to the reader.
    if (
      t.surface.includes('\n') ||
      (inQuote && quoted[i] === 0) ||
      (rule.addressees.has(t.lemma) && !(tokens[i + 1]?.lemma === 'を' && IMPERSONATING.has(tokens[i + 2]?.lemma ?? '')))
    )
      active = false;
    else if (!active && opens(i)) {
      // The scope starts after the mention: 「他社に乗り換えます」 is about the reader.
      active = true;
      inQuote = quoted[i] === 1;
      continue;
    }
    if (!active) continue;
    scope[i] = 1;
    const clause = clauses[clauseOf[i]!];
    if (
      clause &&
      clause.tokenEnd - 1 === i &&
      rule.turns.has(clause.end) &&
      (!rule.toldTurns.has(clause.end) || comparisonTold(clauseOf[i]!))
    )
      active = false;
  }
  return scope;

  /**
   * 「別の店で買ったものは問題ないのに、こちらの商品は」「別の店ではすぐ返金してくれたのに」: the next clause opens on the
   * reader's side, or the clause tells a favour the other party did. Reads clause n and the first word of the next once.
   */
  function comparisonTold(n: number): boolean {
    const next = clauses[n + 1];
    if (next !== undefined && next.sentence === clauses[n]!.sentence) {
      const first = tokens.slice(next.tokenStart, next.tokenEnd).find((t) => !isPunctuation(t));
      if (first !== undefined && (resolved.comparisonOpeners.has(first.surface) || rule.addressees.has(first.lemma))) return true;
    }
    for (let j = clauses[n]!.tokenStart; j < clauses[n]!.tokenEnd; j++)
      if (((resolved.words.get(tokens[j]!.lemma) ?? 0) & FAVOUR) !== 0 && favourDone(tokens, j)) return true;
    return false;
  }
}

/** Per clause: `holds` for it or for a clause after it in its sentence (one backward pass). */
function anyToSentenceEnd(clauses: readonly Clause[], holds: (index: number) => boolean): Uint8Array {
  const any = new Uint8Array(clauses.length);
  for (let k = clauses.length - 1; k >= 0; k--)
    any[k] = holds(k) || (clauses[k + 1]?.sentence === clauses[k]!.sentence && any[k + 1] === 1) ? 1 : 0;
  return any;
}

/** Every flag in [from, to) is set (true for an empty range, as Array.prototype.every). */
function allSet(flags: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (flags[i] !== 1) return false;
  return true;
}

/**
 * Marks the clauses whose trouble the writer says is over: a past clause closed by an adversative
 * connective (〜ていましたが) with relief later in the sentence, and every clause before it; or a past
 * sentence followed by one that opens with a contrast (でも、) and brings relief.
 */
function resolvedClauses(
  tokens: readonly Token[],
  clauses: readonly Clause[],
  lexicon: Pick<CompiledLexicon, 'negatorLemmas'>,
  config: ScoringConfig,
  /** Per clause: a scoring match starts in it or later in its sentence (a comparison holds only when what follows is quiet). */
  signalled: Uint8Array,
): { why: Array<'resolved' | 'contrast' | undefined>; fixAt: Int32Array; favourAt: Int32Array } {
  const rule = compiledScoring(config).frames.resolved;
  const negatedAt = (i: number): boolean => {
    const scan = scanNegation(tokens, i + 1, lexicon, config);
    return scan !== 'context' && scan.negated;
  };
  // One lookup per token for the three word lists (praise, relief, relief when negated).
  // Per clause, the last word of a fix in it (-1 when none).
  const fixAt = new Int32Array(clauses.length).fill(-1);
  // Per clause, the last favour done in it (-1 when none).
  const favourAt = new Int32Array(clauses.length).fill(-1);
  // Per clause: relief said in a word of its own (直りました, 無事), not only a favour done (直してもらいました).
  const saysRelief = new Uint8Array(clauses.length);
  const praiseAndRelief = (c: Clause, n: number): [boolean, boolean] => {
    let praise = false;
    let relief = false;
    for (let i = c.tokenStart; i < c.tokenEnd; i++) {
      // 「想像以上でした」「期待以上」: beyond what was expected is praise.
      if (tokens[i]!.lemma === '以上' && i > c.tokenStart && rule.beyond.has(tokens[i - 1]!.lemma)) praise = true;
      const kind = rule.words.get(tokens[i]!.lemma);
      if (kind === undefined) continue;
      const negated = negatedAt(i);
      if ((kind & PRAISE) !== 0 ? !negated : (kind & PRAISE_WHEN_NEGATED) !== 0 && negated) praise = true;
      // 「間に合うかどうか」「直るのでしょうか」: relief asked about is hoped for, not had.
      if (((kind & RELIEF) !== 0 ? !negated : (kind & RELIEF_WHEN_NEGATED) !== 0 && negated) && !askedAbout(tokens, i)) {
        relief = true;
        saysRelief[n] = 1;
      }
      if ((kind & FAVOUR) !== 0 && favourDone(tokens, i)) {
        relief = true;
        favourAt[n] = i;
      }
      if ((kind & FIX) !== 0 && !negated) fixAt[n] = i;
    }
    return [praise, relief];
  };
  // Per sentence, in one pass: the last clause with relief, whether any clause is past, the first word.
  const lastRelief = new Map<number, number>();
  // Per clause: its sentence so far names an earlier or other thing (前の機種, 最初は); its first word.
  const earlier = new Uint8Array(clauses.length);
  const clauseFirst: Array<string | undefined> = clauses.map(() => undefined);
  const lastPraise = new Map<number, number>();
  const pastSentences = new Set<number>();
  const firstWords = new Map<number, string>();
  clauses.forEach((c, n) => {
    const [praise, relief] = praiseAndRelief(c, n);
    if (relief) lastRelief.set(c.sentence, n);
    if (praise) lastPraise.set(c.sentence, n);
    if (c.past) pastSentences.add(c.sentence);
    if (n > 0 && clauses[n - 1]!.sentence === c.sentence) earlier[n] = earlier[n - 1]!;
    for (let i = c.tokenStart; i < c.tokenEnd; i++) {
      // 「何度も電話していますが」: 何 before a counter counts times; it names no other thing.
      const counts = tokens[i + 1]?.posDetail === '接尾';
      if (rule.earlier.has(tokens[i]!.lemma) && !isTimeBefore(tokens, i) && !counts) earlier[n] = 1;
      // 「今までありがとうございました」: 今 + まで looks back over the past; it opens no contrast with it.
      if (clauseFirst[n] === undefined && !isPunctuation(tokens[i]!))
        clauseFirst[n] = tokens[i + 1]?.lemma === 'まで' ? `${tokens[i]!.surface}まで` : tokens[i]!.surface;
    }
    if (!firstWords.has(c.sentence) && clauseFirst[n] !== undefined) firstWords.set(c.sentence, clauseFirst[n]!);
  });
  const resolved: Array<'resolved' | 'contrast' | undefined> = clauses.map(() => undefined);
  // Marks clause k and the clauses before it in its sentence; stops at one already marked (linear).
  const resolveBack = (k: number, why: 'resolved' | 'contrast'): void => {
    const sentence = clauses[k]!.sentence;
    for (let j = k; j >= 0 && clauses[j]!.sentence === sentence && !resolved[j]; j--) resolved[j] = why;
  };
  // 「前の機種は1年で壊れたけど、これは3年使っても平気」: an earlier or other thing, then this one, told
  // without a signal: the trouble belongs to the thing compared with.
  const comparedQuietly = (k: number): boolean => {
    const next = clauses[k + 1];
    return next !== undefined && earlier[k] === 1 && rule.comparisonOpeners.has(clauseFirst[k + 1] ?? '') && signalled[k + 1] === 0;
  };
  // 「航空会社には正直まだ怒ってますが、こちらには感謝しかありません」: the next clause opens on this one (こちら, 今回) with
  // thanks or praise and no signal to the sentence end: the feeling before the connective is aimed at what it is set against.
  const thankedInstead = (k: number): boolean => {
    const next = clauses[k + 1];
    if (next === undefined || next.sentence !== clauses[k]!.sentence || signalled[k + 1] !== 0) return false;
    if (!rule.comparisonOpeners.has(clauseFirst[k + 1] ?? '')) return false;
    return Math.max(lastRelief.get(next.sentence) ?? -1, lastPraise.get(next.sentence) ?? -1) > k;
  };
  // 「先週ご連絡したエアコン故障の件、本日…来ていただき、無事に直りました」: the sentence closes on relief told
  // as done, so the trouble its earlier clauses name (after a comma, not only a が) is over.
  const closesOnRelief = (k: number): boolean => {
    const relief = lastRelief.get(clauses[k]!.sentence) ?? -1;
    const next = clauses[relief + 1];
    return (
      relief > k && saysRelief[relief] === 1 && clauses[relief]!.past && (next === undefined || next.sentence !== clauses[relief]!.sentence)
    );
  };
  for (let k = clauses.length - 1; k >= 0; k--) {
    const c = clauses[k]!;
    const adversative = rule.connectives.has(c.end);
    if (adversative && c.past && (lastRelief.get(c.sentence) ?? -1) > k) resolveBack(k, 'resolved');
    else if (c.end === 'comma' && c.past && closesOnRelief(k)) resolveBack(k, 'resolved');
    else if (adversative && (lastPraise.get(c.sentence) ?? -1) > k) resolveBack(k, 'contrast');
    else if (adversative && comparedQuietly(k)) resolveBack(k, 'contrast');
    else if (adversative && thankedInstead(k)) resolveBack(k, 'contrast');
    const next = clauses[k + 1];
    // The last clause of a past sentence, followed by a sentence that opens with a contrast and relief.
    if (!next || next.sentence === c.sentence || !pastSentences.has(c.sentence)) continue;
    if (comparedQuietly(k)) resolveBack(k, 'contrast');
    const opener = firstWords.get(next.sentence);
    if (opener === undefined || !rule.contrastOpeners.has(opener)) continue;
    // 「ずっと心配していました。でも…優しく声をかけてくださり」: praise after the contrast carries it too.
    if (lastRelief.has(next.sentence)) resolveBack(k, 'resolved');
    else if (lastPraise.has(next.sentence)) resolveBack(k, 'contrast');
  }
  return { why: resolved, fixAt, favourAt };
}

/** How far after a word its nominaliser may come (足りなかっ|た|の|も, 壊れ|て|い|た|の|を). */
const NOMINALISED_REACH = 5;

/**
 * 「ネジが1本足りなかったのもすぐ送ってくれました」「割れていたのを翌日交換してくださいました」: the word's predicate is
 * nominalised (の, こと + も/は/を/が) and taken up by a favour done later in its clause — the trouble was put right.
 */
function takenUpByFavour(tokens: readonly Token[], m: Match, favour: number): boolean {
  if (favour < m.tokenEnd) return false;
  for (let i = m.tokenEnd; i < Math.min(favour, m.tokenEnd + NOMINALISED_REACH); i++) {
    const t = tokens[i]!;
    if ((t.lemma === 'の' || t.lemma === 'こと') && t.pos === '名詞') return TAKEN_UP.has(tokens[i + 1]?.lemma ?? '');
    if (t.pos !== '助動詞' && !(t.pos === '動詞' && t.posDetail !== '自立') && !(t.pos === '助詞' && t.posDetail === '接続助詞'))
      return false;
  }
  return false;
}
/** The particles that make a nominalised trouble the topic or object of what follows. */
const TAKEN_UP = new Set(['も', 'は', 'を', 'が']);

/** How far after a word its question particle may come (間に合う|か, 直り|ます|でしょ|う|か). */
const ASKED_REACH = 5;

/** The word is asked about (間に合うかどうか, 解決するのでしょうか): a particle か follows before the clause ends. */
function askedAbout(tokens: readonly Token[], i: number): boolean {
  for (let j = i + 1; j < Math.min(tokens.length, i + 1 + ASKED_REACH); j++) {
    const t = tokens[j]!;
    if (isPunctuation(t) || (t.pos === '助詞' && t.posDetail === '接続助詞')) return false;
    if (t.pos === '助詞' && t.lemma === 'か') return true;
  }
  return false;
}

/** 「期限の2日前」「3年前」: after a number or a counter, 前 is a point in time, not an earlier thing. */
function isTimeBefore(tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1];
  return previous !== undefined && previous.pos === '名詞' && (previous.posDetail === '数' || previous.posDetail === '接尾');
}

/**
 * 「送ってくれた」「交換していただけました」「対応してくれて」: a benefactive auxiliary after て, then た or
 * て — a favour done. 「送ってください」 (a request) and 「送ってくれません」 (a refusal) are not.
 */
function favourDone(tokens: readonly Token[], i: number): boolean {
  const te = tokens[i - 1];
  if (te?.pos !== '助詞' || te.posDetail !== '接続助詞' || (te.lemma !== 'て' && te.lemma !== 'で')) return false;
  let at = i + 1;
  // 「切ってくれはった」: the Kansai honorific はる between the favour and its past.
  if (tokens[at]?.pos === '動詞' && tokens[at]!.lemma === 'はる') at++;
  let next = tokens[at];
  if (next?.pos === '助動詞' && next.lemma === 'ます') next = tokens[at + 1];
  if (next === undefined) return false;
  return (
    (next.pos === '助動詞' && next.lemma === 'た' && next.surface !== 'たら') || (next.posDetail === '接続助詞' && next.lemma === 'て')
  );
}

/** 「 and 『 (U+300C, U+300E); each is closed by the code unit after it (」 U+300D, 』 U+300F). */
const CORNER_BRACKET = 0x300c;
const WHITE_CORNER_BRACKET = 0x300e;
const LINE_FEED = 0x0a;

/** quotedTokens for characters (for regex matches): 1 inside a closed 「」/『』 on one line. */
function quotedChars(text: string): Uint8Array {
  const quoted = new Uint8Array(text.length);
  let open = -1;
  let closer = -1;
  // Code units, not one-character strings: this reads every character of the mail.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open < 0) {
      if (c === CORNER_BRACKET || c === WHITE_CORNER_BRACKET) {
        open = i;
        closer = c + 1;
      }
    } else if (c === closer) {
      quoted.fill(1, open + 1, i);
      open = -1;
    } else if (c === LINE_FEED) open = -1;
  }
  return quoted;
}
