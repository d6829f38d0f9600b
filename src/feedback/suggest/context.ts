/**
 * The other direction: mails ondo read hotter than the agents. For each dictionary match that
 * scored in such a mail, the words around it that recur in those mails and rarely elsewhere become
 * a context entry — the longer phrase, weight 0, in the match's own category — which hides the
 * match inside it (the longest match of a category wins: 「訴訟費用保険」 is not 「訴訟」).
 * A context entry is dropped if it would lower any mail labelled angry or furious.
 */
import { createHash } from 'node:crypto';
import type { Dictionaries } from '../../analysis/lexicon/load.js';
import type { CategorizedEntry } from '../../analysis/lexicon/schema.js';
import { matchMail } from '../../analysis/mail-matches.js';
import type { PreparedText } from '../../analysis/match.js';
import { isAdjectiveNai } from '../../analysis/negation.js';
import type { Token } from '../../analysis/tokenizer/index.js';
import {
  cutTokens,
  DEFAULT_MINE_OPTIONS,
  distance,
  usable,
  withExamples,
  type Candidate,
  type MineInput,
  type Occurrence,
} from './mine.js';
import { levelRank, withEntries, type LabelledText, type Scorer } from './scorer.js';

const ANGRY = levelRank('angry');

interface Context {
  /** The lemma sequence as the matcher reads it (the adjective ない as ある). */
  key: string;
  category: string;
  /** The entry it hides, for the note. */
  hides: { id: string; text: string };
  occurrence: Occurrence;
}

const lemmaKey = (token: Token) => (isAdjectiveNai(token) ? 'ある' : token.lemma);

/** The lemma sequence of every sentence of a mail, space-joined and padded, to look a key up in. */
function sentenceLemmas(scorer: Scorer, mail: LabelledText): string[] {
  const prepared = scorer.prepare(mail);
  const out: string[] = [];
  for (const text of [prepared.subject, prepared.body]) {
    if (!text) continue;
    const cuts = cutTokens(text.tokens);
    // Cut tokens become a bar, so a key never spans two sentences.
    const joined = text.tokens.map((token, i) => (cuts[i] ? '|' : lemmaKey(token))).join(' ');
    out.push(...joined.split('|').map((s) => ` ${s.trim()} `));
  }
  return out;
}

const holds = (lemmas: readonly string[], key: string) => lemmas.some((s) => s.includes(` ${key} `));

/** The phrases around each scoring match of a mail: the match plus 1 to maxTokens − 1 neighbouring tokens of its sentence. */
function contextsOf(scorer: Scorer, mail: LabelledText, dictionaries: Dictionaries, maxExtra: number): Map<string, Context> {
  const found = new Map<string, Context>();
  for (const field of matchMail(scorer.prepare(mail), dictionaries)) {
    const { tokens } = field.text;
    const cuts = cutTokens(tokens);
    for (const match of field.matches) {
      if (match.entry.role !== 'score' || !match.entry.weight || match.tokenStart < 0) continue;
      if (cuts.slice(match.tokenStart, match.tokenEnd).some(Boolean)) continue;
      for (let left = 0; left <= maxExtra; left++) {
        for (let right = 0; left + right <= maxExtra; right++) {
          const from = match.tokenStart - left;
          const to = match.tokenEnd + right;
          if (left + right === 0 || from < 0 || to > tokens.length || cuts.slice(from, to).some(Boolean)) continue;
          const window = tokens.slice(from, to);
          if (!usable(window)) continue;
          const key = window.map(lemmaKey).join(' ');
          const id = `${match.entry.category}|${key}`;
          if (found.has(id)) continue;
          found.set(id, {
            key,
            category: match.entry.category,
            hides: { id: match.entry.id, text: field.text.original.slice(match.start, match.end) },
            occurrence: { text: field.text as PreparedText, start: window[0]!.start, end: window.at(-1)!.end },
          });
        }
      }
    }
  }
  return found;
}

/** Context entries that bring over-read corrections down to the agents' level, measured like the under side. */
export function mineContexts({ scorer, dictionaries, corrections, background, guard = [], options: given }: MineInput): Candidate[] {
  const options = { ...DEFAULT_MINE_OPTIONS, ...given };
  const over = corrections.filter((m) => levelRank(m.level) < levelRank(scorer.level(m, dictionaries)));
  if (over.length < options.minSupport) return [];
  const overSet = new Set(over);
  const others = [...corrections.filter((m) => !overSet.has(m)), ...background];
  const lemmasOf = new Map<LabelledText, string[]>();
  const lemmas = (m: LabelledText) => lemmasOf.get(m) ?? lemmasOf.set(m, sentenceLemmas(scorer, m)).get(m)!;

  const support = new Map<string, Array<{ mail: LabelledText; context: Context }>>();
  for (const mail of over)
    for (const [id, context] of contextsOf(scorer, mail, dictionaries, options.maxTokens - 1))
      support.set(id, [...(support.get(id) ?? []), { mail, context }]);
  const allowed = Math.floor(options.maxBackgroundShare * others.length);
  const ranked = [...support]
    .filter(([, items]) => items.length >= options.minSupport)
    .map(([id, items]) => ({ id, items, elsewhere: others.filter((m) => holds(lemmas(m), items[0]!.context.key)) }))
    .filter((c) => c.elsewhere.length <= allowed)
    // Most support first, then fewest elsewhere, then the shorter (more general) phrase.
    .sort(
      (a, b) =>
        b.items.length - a.items.length ||
        a.elsewhere.length - b.elsewhere.length ||
        a.items[0]!.context.key.split(' ').length - b.items[0]!.context.key.split(' ').length ||
        a.id.localeCompare(b.id),
    );

  const angryLabelled = [...corrections, ...background, ...guard].filter((m) => levelRank(m.level) >= ANGRY);
  const candidates: Candidate[] = [];
  const covered = new Set<LabelledText>();
  for (const { id, items, elsewhere } of ranked) {
    if (candidates.length >= options.maxSuggestions) break;
    const mails = items.map((i) => i.mail);
    if (mails.filter((m) => !covered.has(m)).length < options.minSupport) continue;
    const { key, category, hides } = items[0]!.context;
    const entry: CategorizedEntry = {
      id: `learned.${category}.ctx-${createHash('sha256').update(id).digest('hex').slice(0, 8)}`,
      pattern: key,
      match: 'lemma',
      weight: 0,
      polarity: 'any',
      note: `チームの修正から（${mails.length}通で ondo が高く判定）: この言い回しの中の「${hides.text}」（${hides.id}）は数えない`,
      category,
      source: `tone/learned-${category}.yaml`,
    };
    const after = withEntries(dictionaries, [entry]);
    const affected = [...mails, ...elsewhere];
    if (distance(scorer, affected, after) >= distance(scorer, affected, dictionaries)) continue;
    // Never at the cost of a mail a person called angry or furious.
    const lowersAngry = angryLabelled.some(
      (m) => holds(lemmas(m), key) && levelRank(scorer.level(m, after)) < levelRank(scorer.level(m, dictionaries)),
    );
    if (lowersAngry) continue;
    const occurrences = items.map((i) => i.context.occurrence);
    const candidate = withExamples(
      { entry, support: mails, background: elsewhere.length, direction: 'over' },
      occurrences,
      dictionaries,
      scorer,
    );
    if (!candidate) continue;
    candidates.push(candidate);
    for (const m of mails) covered.add(m);
  }
  return candidates;
}
