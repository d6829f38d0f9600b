/**
 * A drop-in replacement for kuromoji 0.1.2's lattice builder (ViterbiBuilder.build) that builds the
 * same lattice in time linear in the sentence length.
 *
 * Why: at every code point kuromoji hands the whole rest of the sentence to the double-array
 * trie's commonPrefixSearch, which UTF-8-encodes that rest into a fresh buffer and decodes every
 * matched key back from another; it also wraps the rest in a new SurrogateAwareString and, for
 * grouping character classes, rescans the rest of the run. All of that is O(length) per position,
 * so a sentence costs O(length²). Here each sentence is encoded once; the trie is walked over those
 * bytes from every start position; keys are slices of the sentence; class runs are precomputed.
 *
 * Token-identical by construction, and proven by test/analysis/tokenizer/fast-lattice.test.ts:
 * the same ViterbiNodes (kuromoji's own ViterbiNode and ViterbiLattice classes) are appended in
 * the same order — per position, dictionary words in increasing length, then unknown words when
 * there was no dictionary word or the class is always-invoke — with these 0.1.2 quirks kept:
 *  - positions count code points, but a *grouped* unknown word's length counts UTF-16 units, so a
 *    run of two or more astral characters (emoji) makes a node that overshoots its real end and can
 *    swallow the text after it ("😡😡a" → one token "😡😡"; fast-tokenizer.ts keeps offsets exact);
 *  - astral characters are class DEFAULT; characters char.def leaves unmapped are class SPACE;
 *    classes are compared by name when grouping;
 *  - a lone high surrogate anywhere in the sentence, or a U+0000 anywhere, makes kuromoji throw a
 *    TypeError (the first fails UTF-8 encoding, the second walks the trie root's self-loop to the
 *    record -1, which has no entry); this builder throws a TypeError in the same cases.
 * Dictionary keys of the bundled IPADIC are whole BMP characters (checked by walking the trie), so
 * a match always ends on a character boundary and its UTF-16 length equals kuromoji's key.length.
 *
 * Installed by replacing `viterbi_builder` on a shallow copy of a kuromoji Tokenizer (its
 * getLattice() calls this.viterbi_builder.build(sentence)); the search and the feature formatting
 * stay kuromoji's. Pinned: it refuses to install over any kuromoji other than 0.1.2.
 */
import { createRequire } from 'node:module';
import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from 'kuromoji';
import { targetTableOf, type TargetMap, type TargetTable } from './target-table.js';

const require = createRequire(import.meta.url);

/** The kuromoji version this builder was written against and proven identical to. */
export const PINNED_KUROMOJI_VERSION = '0.1.2';

/** The installed kuromoji's version, read from its package.json when this module loads. */
export const INSTALLED_KUROMOJI_VERSION: string = (require('kuromoji/package.json') as { version: string }).version;

/** Throws unless `version` is the one this builder replicates; called when the builder is installed. */
export function assertPinnedKuromoji(version: string = INSTALLED_KUROMOJI_VERSION): void {
  if (version !== PINNED_KUROMOJI_VERSION) {
    throw new Error(
      `ondo's fast lattice builder replicates kuromoji ${PINNED_KUROMOJI_VERSION} exactly, but kuromoji ${version} ` +
        `is installed. Pin kuromoji to ${PINNED_KUROMOJI_VERSION}, or port src/analysis/tokenizer/fast-lattice.ts ` +
        `to the new ViterbiBuilder and prove it with test/analysis/tokenizer/fast-lattice.test.ts, or select ` +
        `the tokenizer engine 'kuromoji'.`,
    );
  }
}

// kuromoji's internals, as far as the builder touches them (the published types stop short).
interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}
interface TokenDictionary {
  dictionary: { buffer: Uint8Array };
  target_map: TargetMap;
}
interface UnknownDictionary extends TokenDictionary {
  character_definition: {
    character_category_map: Uint8Array;
    invoke_definition_map: { map: CharacterClass[]; lookup(name: string): number | null };
  };
}
/** kuromoji's ViterbiNode, as far as ondo reads it (start_pos is 1-based, in code points). */
export interface ViterbiNode {
  name: number;
  start_pos: number;
  surface_form: string;
  type: 'BOS' | 'EOS' | 'KNOWN' | 'UNKNOWN';
}
/** kuromoji's ViterbiLattice. */
export interface ViterbiLattice {
  append(node: ViterbiNode): void;
  appendEos(): void;
}
type ViterbiNodeClass = new (
  name: number,
  cost: number,
  startPos: number,
  length: number,
  type: 'KNOWN' | 'UNKNOWN',
  leftId: number,
  rightId: number,
  surface: string,
) => ViterbiNode;
interface ViterbiSearcher {
  search(lattice: ViterbiLattice): ViterbiNode[];
}
/** A kuromoji Tokenizer seen from inside. */
export interface InternalKuromoji {
  tokenize(text: string): IpadicFeatures[];
  token_info_dictionary: TokenDictionary & { getFeatures(id: number): string | null | undefined };
  unknown_dictionary: UnknownDictionary & { getFeatures(id: number): string | null | undefined };
  viterbi_builder: {
    trie: { bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array } };
    build(sentence: string): ViterbiLattice;
  };
  viterbi_searcher: ViterbiSearcher;
  formatter: {
    formatEntry(id: number, position: number, type: string, features: string[]): IpadicFeatures;
    formatUnknownEntry(id: number, position: number, type: string, features: string[], surface: string): IpadicFeatures;
  };
}

const ViterbiLatticeClass = require('kuromoji/src/viterbi/ViterbiLattice.js') as new () => ViterbiLattice;
const ViterbiNode = require('kuromoji/src/viterbi/ViterbiNode.js') as ViterbiNodeClass;

/** ByteBuffer.getShort of kuromoji: little-endian int16, 0 past the end. */
function getShort(buffer: Uint8Array, index: number): number {
  if (buffer.length < index + 2) return 0;
  return ((buffer[index]! | (buffer[index + 1]! << 8)) << 16) >> 16;
}

/** Builds kuromoji 0.1.2's word lattice for one sentence; see the module comment. */
export class FastLatticeBuilder {
  private readonly base: Int32Array;
  private readonly check: Int32Array;
  private readonly known: TokenDictionary;
  /** The known words' target map, flat (and shared between threads when the dictionary is). */
  private readonly knownTargets: TargetTable;
  private readonly unknown: TokenDictionary;
  private readonly classes: CharacterClass[];
  private readonly categoryOf: Uint8Array;
  private readonly defaultClassId: number;
  /** Class id → small integer per class name (grouping compares names). */
  private readonly nameKey: Int32Array;

  // Per-sentence scratch, grown as needed and reused: the builder is synchronous.
  private bytes = new Uint8Array(0);
  private byteLength = 0;
  /** UTF-8 byte offset → UTF-16 offset (set at character boundaries only). */
  private byteToUnit = new Int32Array(0);
  /** Code point index → UTF-16 offset, for 0..codePoints (inclusive). */
  private cpUnit = new Int32Array(0);
  private cpByte = new Int32Array(0);
  private cpClass = new Int32Array(0);
  /** Code point index → end of the run of characters whose class has the same name. */
  private groupEnd = new Int32Array(0);

  constructor(kuromoji: InternalKuromoji) {
    const bc = kuromoji.viterbi_builder.trie.bc;
    this.base = bc.getBaseBuffer();
    this.check = bc.getCheckBuffer();
    this.known = kuromoji.token_info_dictionary;
    this.knownTargets = targetTableOf(this.known);
    this.unknown = kuromoji.unknown_dictionary;
    const definition = kuromoji.unknown_dictionary.character_definition;
    this.classes = definition.invoke_definition_map.map;
    this.categoryOf = definition.character_category_map;
    this.defaultClassId = definition.invoke_definition_map.lookup('DEFAULT') ?? 0;
    const names = new Map<string, number>();
    this.nameKey = Int32Array.from(this.classes, (c) => {
      if (!names.has(c.class_name)) names.set(c.class_name, names.size);
      return names.get(c.class_name)!;
    });
  }

  /** UTF-16 offset of a 0-based code point index of the sentence last built. */
  unitOffset(codePoint: number): number {
    return this.cpUnit[codePoint]!;
  }

  build(sentence: string): ViterbiLattice {
    const codePoints = this.encode(sentence);
    const { base, check, bytes, byteLength, byteToUnit, cpUnit, cpByte, cpClass, groupEnd } = this;
    const { offsets: targetOffsets, ids: targetIds } = this.knownTargets;
    const knownInfo = this.known.dictionary.buffer;
    const lattice = new ViterbiLatticeClass();

    for (let p = 0; p < codePoints; p++) {
      const startUnit = cpUnit[p]!;
      let matches = 0;
      // DoubleArray.commonPrefixSearch over the sentence's bytes from this position.
      let parent = 0;
      for (let i = cpByte[p]!; i < byteLength; i++) {
        const child = base[parent]! + bytes[i]!;
        if (check[child] !== parent) break;
        parent = child;
        const leaf = base[child]!; // traverse(child, terminal code 0)
        if (check[leaf] !== child) continue;
        matches++;
        const record = base[leaf]!;
        const from = record <= 0 ? targetOffsets[-record - 1] : undefined;
        const to = record <= 0 ? targetOffsets[-record] : undefined;
        if (from === undefined || to === undefined || from === to)
          throw new TypeError(
            `kuromoji ${PINNED_KUROMOJI_VERSION} has no dictionary entry for trie record ${record <= 0 ? -record - 1 : 'undefined'} (a U+0000 in the sentence?)`,
          );
        const endUnit = byteToUnit[i + 1]!;
        const key = sentence.slice(startUnit, endUnit);
        for (let k = from; k < to; k++) {
          const id = targetIds[k]!;
          lattice.append(
            new ViterbiNode(
              id,
              getShort(knownInfo, id + 4),
              p + 1,
              endUnit - startUnit,
              'KNOWN',
              getShort(knownInfo, id),
              getShort(knownInfo, id + 2),
              key,
            ),
          );
        }
      }

      const headClass = this.classes[cpClass[p]!]!;
      if (matches === 0 || headClass.is_always_invoke === 1) {
        const runEnd = groupEnd[p]!;
        let key: string;
        let length: number;
        if (headClass.is_grouping === 1 && runEnd > p + 1) {
          key = sentence.slice(startUnit, cpUnit[runEnd]);
          length = key.length; // kuromoji's grouped key is a string: UTF-16 units, not code points
        } else {
          key = sentence.slice(startUnit, cpUnit[p + 1]);
          length = 1; // a lone head character stays a SurrogateAwareString: one code point
        }
        const ids = this.unknown.target_map[headClass.class_id];
        if (ids === undefined)
          throw new TypeError(`kuromoji ${PINNED_KUROMOJI_VERSION} has no unknown-word entry for class ${headClass.class_id}`);
        const unknownInfo = this.unknown.dictionary.buffer;
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k]!;
          lattice.append(
            new ViterbiNode(
              id,
              getShort(unknownInfo, id + 4),
              p + 1,
              length,
              'UNKNOWN',
              getShort(unknownInfo, id),
              getShort(unknownInfo, id + 2),
              key,
            ),
          );
        }
      }
    }
    lattice.appendEos();
    return lattice;
  }

  /**
   * UTF-8-encodes the sentence the way doublearray 0.0.2 does (a lone low surrogate becomes three
   * bytes; a lone high surrogate is an error) and fills the per-code-point tables. Returns the
   * number of code points.
   */
  private encode(sentence: string): number {
    const n = sentence.length;
    if (this.cpUnit.length < n + 1) this.grow(n);
    const { bytes, byteToUnit, cpUnit, cpByte, cpClass, categoryOf } = this;
    let b = 0;
    let cp = 0;
    for (let u = 0; u < n; cp++) {
      const c = sentence.charCodeAt(u);
      cpUnit[cp] = u;
      cpByte[cp] = b;
      byteToUnit[b] = u;
      if (c < 0x80) {
        bytes[b++] = c;
        u++;
        cpClass[cp] = categoryOf[c]!;
      } else if (c < 0x800) {
        bytes[b++] = (c >>> 6) | 0xc0;
        bytes[b++] = (c & 0x3f) | 0x80;
        u++;
        cpClass[cp] = categoryOf[c]!;
      } else if (c < 0xd800 || c > 0xdbff) {
        bytes[b++] = (c >>> 12) | 0xe0;
        bytes[b++] = ((c >>> 6) & 0x3f) | 0x80;
        bytes[b++] = (c & 0x3f) | 0x80;
        u++;
        cpClass[cp] = categoryOf[c]!;
      } else {
        const low = sentence.charCodeAt(u + 1);
        if (!(low >= 0xdc00 && low <= 0xdfff)) {
          throw new TypeError(
            `kuromoji ${PINNED_KUROMOJI_VERSION} cannot tokenize a lone high surrogate (at UTF-16 offset ${u} of the sentence)`,
          );
        }
        const code = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        bytes[b++] = (code >>> 18) | 0xf0;
        bytes[b++] = ((code >>> 12) & 0x3f) | 0x80;
        bytes[b++] = ((code >>> 6) & 0x3f) | 0x80;
        bytes[b++] = (code & 0x3f) | 0x80;
        u += 2;
        cpClass[cp] = this.defaultClassId;
      }
    }
    cpUnit[cp] = n;
    cpByte[cp] = b;
    byteToUnit[b] = n;
    this.byteLength = b;

    const { groupEnd, nameKey } = this;
    if (cp > 0) groupEnd[cp - 1] = cp;
    for (let p = cp - 2; p >= 0; p--) {
      groupEnd[p] = nameKey[cpClass[p + 1]!] === nameKey[cpClass[p]!] ? groupEnd[p + 1]! : p + 1;
    }
    return cp;
  }

  private grow(units: number): void {
    const size = Math.max(units + 1, this.cpUnit.length * 2, 1024);
    this.bytes = new Uint8Array(size * 3);
    this.byteToUnit = new Int32Array(size * 3 + 1);
    this.cpUnit = new Int32Array(size);
    this.cpByte = new Int32Array(size);
    this.cpClass = new Int32Array(size);
    this.groupEnd = new Int32Array(size);
  }
}

export type FastKuromoji = InternalKuromoji & { viterbi_builder: FastLatticeBuilder };

/**
 * A kuromoji Tokenizer that shares `kuromoji`'s dictionaries (no second 1.5 s / 360 MB load) but
 * builds lattices with FastLatticeBuilder; its tokenize() and its ViterbiSearcher are kuromoji's
 * own. The tokenizer passed in is left untouched.
 */
export function withFastLattice(kuromoji: KuromojiTokenizer<IpadicFeatures>, version = INSTALLED_KUROMOJI_VERSION): FastKuromoji {
  assertPinnedKuromoji(version);
  const inner = kuromoji as unknown as InternalKuromoji;
  const fast = Object.assign(Object.create(Object.getPrototypeOf(inner) as object) as InternalKuromoji, inner);
  return Object.assign(fast, { viterbi_builder: new FastLatticeBuilder(inner) });
}
