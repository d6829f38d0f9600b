/**
 * scoring.yaml's word lists as Sets, built once per config object: the matcher and the frames ask
 * "is this lemma in the list" for every token, and an array scan there made analyze a third slower.
 */
import type { PosRule, ScoringConfig } from './scoring-config.js';

export interface CompiledScoring {
  readonly underlay: ReadonlySet<string>;
  /** Underlay categories whose matches are whole facts (scoring.yaml `structural`). */
  readonly structural: ReadonlySet<string>;
  readonly complaint: ReadonlySet<string>;
  /** Categories that tell something only beside their pair (scoring.yaml `onlyInPairs`). */
  readonly onlyInPairs: ReadonlySet<string>;
  readonly politeAuxiliaries: ReadonlySet<string>;
  readonly negation: {
    readonly negatorPos: ReadonlySet<string>;
    /** The skip rules by part of speech: a token is looked up once, not matched against every rule. */
    readonly skipByPos: ReadonlyMap<string, readonly PosRule[]>;
    readonly nounNegators: ReadonlySet<string>;
    readonly hardly: ReadonlySet<string>;
  };
  readonly frames: {
    /** Categories any frame may cancel: a mail without them skips clause segmentation. */
    readonly any: ReadonlySet<string>;
    readonly hypothetical: {
      readonly categories: ReadonlySet<string>;
      readonly connectives: ReadonlySet<string>;
      readonly concessives: ReadonlySet<string>;
      readonly markers: ReadonlySet<string>;
      readonly acceptance: ReadonlySet<string>;
      readonly supposing: ReadonlySet<string>;
      readonly worries: ReadonlySet<string>;
      readonly wishCategories: ReadonlySet<string>;
      readonly intentions: ReadonlySet<string>;
      readonly outcomeCategories: ReadonlySet<string>;
      readonly caseNouns: ReadonlySet<string>;
      /** Every category a supposed case cancels: `categories` and `caseCategories`. */
      readonly caseCategories: ReadonlySet<string>;
    };
    readonly resolved: {
      readonly categories: ReadonlySet<string>;
      readonly connectives: ReadonlySet<string>;
      readonly contrastOpeners: ReadonlySet<string>;
      readonly earlier: ReadonlySet<string>;
      readonly comparisonOpeners: ReadonlySet<string>;
      readonly worryCategories: ReadonlySet<string>;
      readonly meansCategories: ReadonlySet<string>;
      readonly momentary: ReadonlySet<string>;
      readonly beyond: ReadonlySet<string>;
      /**
       * scoring.yaml's praise, relief, reliefWhenNegated, praiseWhenNegated, reliefFavours and fixes
       * lists in one map (the only form the frames read): lemma → PRAISE | RELIEF | RELIEF_WHEN_NEGATED | PRAISE_WHEN_NEGATED | FAVOUR | FIX bits.
       */
      readonly words: ReadonlyMap<string, number>;
    };
    readonly self: {
      readonly categories: ReadonlySet<string>;
      readonly symptoms: ReadonlySet<string>;
      readonly owners: ReadonlySet<string>;
      readonly ownerCategories: ReadonlySet<string>;
      readonly judgements: ReadonlySet<string>;
      readonly apologies: ReadonlySet<string>;
      readonly apologyCategories: ReadonlySet<string>;
      readonly regretCategories: ReadonlySet<string>;
      readonly patronage: ReadonlySet<string>;
      readonly patronageCategories: ReadonlySet<string>;
      readonly plans: ReadonlySet<string>;
      readonly planCategories: ReadonlySet<string>;
      readonly thirdParties: ReadonlySet<string>;
      readonly feelings: ReadonlySet<string>;
      readonly targetCategories: ReadonlySet<string>;
      readonly company: ReadonlySet<string>;
      readonly faults: ReadonlySet<string>;
    };
    readonly quoted: {
      readonly categories: ReadonlySet<string>;
      readonly hearsay: ReadonlySet<string>;
      readonly storyNouns: ReadonlySet<string>;
    };
    readonly degree: {
      readonly categories: ReadonlySet<string>;
      readonly particles: ReadonlySet<string>;
      readonly excessPraise: ReadonlySet<string>;
    };
    readonly joking: {
      readonly categories: ReadonlySet<string>;
      readonly markers: ReadonlySet<string>;
      /** praiseMarkers as "lemma lemma" keys. */
      readonly praiseMarkers: ReadonlySet<string>;
      /** The same as pairs, looked up once per adjacent token pair without building its key: first lemma → second lemmas. */
      readonly praisePairs: ReadonlyMap<string, ReadonlySet<string>>;
    };
    readonly otherParty: {
      readonly categories: ReadonlySet<string>;
      readonly openers: ReadonlySet<string>;
      readonly providers: ReadonlySet<string>;
      readonly contacts: ReadonlySet<string>;
      readonly mentions: ReadonlySet<string>;
      readonly addressees: ReadonlySet<string>;
      readonly turns: ReadonlySet<string>;
      readonly toldTurns: ReadonlySet<string>;
      readonly distant: ReadonlySet<string>;
      readonly readerSide: ReadonlySet<string>;
    };
  };
}

export const PRAISE = 1;
export const RELIEF = 2;
export const RELIEF_WHEN_NEGATED = 4;
export const PRAISE_WHEN_NEGATED = 8;
export const FAVOUR = 16;
export const FIX = 32;

const cache = new WeakMap<ScoringConfig, CompiledScoring>();

/**
 * "a b" keys as first → seconds, so that `pairs.get(x)?.has(y)` holds exactly when `${x} ${y}` is a key:
 * a key of more words is entered at each of its spaces (a lemma may itself hold a space).
 */
function pairsOf(keys: readonly string[]): Map<string, Set<string>> {
  const pairs = new Map<string, Set<string>>();
  for (const key of keys)
    for (let at = key.indexOf(' '); at >= 0; at = key.indexOf(' ', at + 1)) {
      const first = key.slice(0, at);
      const seconds = pairs.get(first) ?? new Set<string>();
      seconds.add(key.slice(at + 1));
      pairs.set(first, seconds);
    }
  return pairs;
}

/** The compiled form of `config`; the same object for the same config (calibration passes variants). */
export function compiledScoring(config: ScoringConfig): CompiledScoring {
  let compiled = cache.get(config);
  if (!compiled) {
    compiled = compile(config);
    cache.set(config, compiled);
  }
  return compiled;
}

function compile(config: ScoringConfig): CompiledScoring {
  const { frames, negation } = config;
  const praiseMarkers = (frames.joking.praiseMarkers ?? []).map((m) => m.trim().split(/\s+/u).join(' '));
  const skipByPos = new Map<string, PosRule[]>();
  for (const rule of negation.skip) {
    const rules = skipByPos.get(rule.pos) ?? [];
    rules.push(rule);
    skipByPos.set(rule.pos, rules);
  }
  return {
    underlay: new Set(
      Object.entries(config.categories)
        .filter(([, c]) => c.underlay === true)
        .map(([name]) => name),
    ),
    structural: new Set(
      Object.entries(config.categories)
        .filter(([, c]) => c.underlay === true && c.structural === true)
        .map(([name]) => name),
    ),
    onlyInPairs: new Set(
      Object.entries(config.categories)
        .filter(([, c]) => c.onlyInPairs === true)
        .map(([name]) => name),
    ),
    complaint: new Set(
      Object.entries(config.categories)
        .filter(([, c]) => c.complaint === true)
        .map(([name]) => name),
    ),
    politeAuxiliaries: new Set(config.politeButAnnoyed.politeAuxiliaries),
    negation: {
      negatorPos: new Set(negation.negatorPos),
      skipByPos,
      nounNegators: new Set(negation.nounNegators ?? []),
      hardly: new Set(negation.hardly ?? []),
    },
    frames: {
      any: new Set(
        [frames.hypothetical, frames.resolved, frames.quoted, frames.self, frames.degree, frames.joking, frames.otherParty]
          .flatMap((f) => f.categories)
          .concat(
            frames.hypothetical.caseCategories ?? [],
            frames.hypothetical.wishCategories ?? [],
            frames.self.patronageCategories ?? [],
            frames.self.planCategories ?? [],
            frames.self.regretCategories ?? [],
            frames.self.targetCategories ?? [],
            frames.resolved.meansCategories ?? [],
          ),
      ),
      hypothetical: {
        categories: new Set(frames.hypothetical.categories),
        connectives: new Set(frames.hypothetical.connectives),
        concessives: new Set(frames.hypothetical.concessives),
        markers: new Set(frames.hypothetical.markers),
        acceptance: new Set(frames.hypothetical.acceptance),
        supposing: new Set(frames.hypothetical.supposing ?? []),
        worries: new Set(frames.hypothetical.worries ?? []),
        wishCategories: new Set(frames.hypothetical.wishCategories ?? []),
        intentions: new Set(frames.hypothetical.intentions ?? []),
        outcomeCategories: new Set(frames.hypothetical.outcomeCategories ?? []),
        caseNouns: new Set(frames.hypothetical.caseNouns ?? []),
        caseCategories: new Set([...frames.hypothetical.categories, ...(frames.hypothetical.caseCategories ?? [])]),
      },
      resolved: {
        categories: new Set(frames.resolved.categories),
        connectives: new Set(frames.resolved.connectives),
        contrastOpeners: new Set(frames.resolved.contrastOpeners),
        earlier: new Set(frames.resolved.earlier ?? []),
        comparisonOpeners: new Set(frames.resolved.comparisonOpeners ?? []),
        worryCategories: new Set(frames.resolved.worryCategories),
        meansCategories: new Set(frames.resolved.meansCategories ?? []),
        momentary: new Set(frames.resolved.momentary ?? []),
        beyond: new Set(frames.resolved.beyond ?? []),
        words: resolvedWords(frames.resolved),
      },
      self: {
        categories: new Set(frames.self.categories),
        symptoms: new Set(frames.self.symptoms),
        owners: new Set(frames.self.owners),
        ownerCategories: new Set(frames.self.ownerCategories),
        judgements: new Set(frames.self.judgements ?? []),
        apologies: new Set(frames.self.apologies),
        apologyCategories: new Set(frames.self.apologyCategories),
        regretCategories: new Set(frames.self.regretCategories ?? []),
        patronage: new Set(frames.self.patronage ?? []),
        patronageCategories: new Set(frames.self.patronageCategories ?? []),
        plans: new Set(frames.self.plans ?? []),
        planCategories: new Set(frames.self.planCategories ?? []),
        thirdParties: new Set(frames.self.thirdParties ?? []),
        feelings: new Set(frames.self.feelings ?? []),
        targetCategories: new Set(frames.self.targetCategories ?? []),
        company: new Set(frames.self.company ?? []),
        faults: new Set(frames.self.faults ?? []),
      },
      quoted: {
        categories: new Set(frames.quoted.categories),
        hearsay: new Set(frames.quoted.hearsay ?? []),
        storyNouns: new Set(frames.quoted.storyNouns ?? []),
      },
      degree: {
        categories: new Set(frames.degree.categories),
        particles: new Set(frames.degree.particles),
        excessPraise: new Set(frames.degree.excessPraise),
      },
      joking: {
        categories: new Set(frames.joking.categories),
        markers: new Set(frames.joking.markers),
        praiseMarkers: new Set(praiseMarkers),
        praisePairs: pairsOf(praiseMarkers),
      },
      otherParty: {
        categories: new Set(frames.otherParty.categories),
        openers: new Set(frames.otherParty.openers),
        providers: new Set(frames.otherParty.providers),
        contacts: new Set(frames.otherParty.contacts ?? []),
        mentions: new Set(frames.otherParty.mentions),
        addressees: new Set(frames.otherParty.addressees),
        turns: new Set(frames.otherParty.turns),
        toldTurns: new Set(frames.otherParty.toldTurns ?? []),
        distant: new Set(frames.otherParty.distant ?? []),
        readerSide: new Set(frames.otherParty.readerSide ?? []),
      },
    },
  };
}

function resolvedWords(resolved: ScoringConfig['frames']['resolved']): Map<string, number> {
  const words = new Map<string, number>();
  const mark = (lemmas: readonly string[], bit: number) => lemmas.forEach((lemma) => words.set(lemma, (words.get(lemma) ?? 0) | bit));
  mark(resolved.praise, PRAISE);
  mark(resolved.relief, RELIEF);
  mark(resolved.reliefWhenNegated, RELIEF_WHEN_NEGATED);
  mark(resolved.praiseWhenNegated ?? [], PRAISE_WHEN_NEGATED);
  mark(resolved.reliefFavours ?? [], FAVOUR);
  mark(resolved.fixes ?? [], FIX);
  return words;
}
