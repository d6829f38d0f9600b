/**
 * kuromoji's IPADIC decompressed once per process into SharedArrayBuffers, so every analysis thread
 * tokenizes from the same ≈ 200 MB instead of loading its own copy (and its own ≈ 75 MB object
 * target map, flattened here into a TargetTable). The buffers cross to worker threads in
 * workerData without a copy; each thread wraps them in kuromoji's own dictionary classes.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from 'kuromoji';
import { KUROMOJI_DIC_PATH } from './kuromoji.js';
import { attachTargetTable, targetMapView, type TargetMap, type TargetTable } from './target-table.js';

const require = createRequire(import.meta.url);

/** The files kuromoji 0.1.2's DictionaryLoader reads, by the name used here. */
export const FILES = {
  base: 'base.dat.gz',
  check: 'check.dat.gz',
  tokenInfo: 'tid.dat.gz',
  tokenPos: 'tid_pos.dat.gz',
  connectionCosts: 'cc.dat.gz',
  unknown: 'unk.dat.gz',
  unknownPos: 'unk_pos.dat.gz',
  unknownMap: 'unk_map.dat.gz',
  categoryMap: 'unk_char.dat.gz',
  compatibleCategoryMap: 'unk_compat.dat.gz',
  invokeDefinition: 'unk_invoke.dat.gz',
} as const;

/** Plain data of SharedArrayBuffers: structured clone (workerData, postMessage) shares, never copies. */
export type SharedKuromojiDictionary = Record<keyof typeof FILES, SharedArrayBuffer> & {
  /** The known words' target map (tid_map.dat), flattened. */
  targetOffsets: SharedArrayBuffer;
  targetIds: SharedArrayBuffer;
};

interface DynamicDictionaries {
  loadTrie(base: Int32Array, check: Int32Array): void;
  loadConnectionCosts(costs: Int16Array): void;
  loadUnknownDictionaries(
    unk: Uint8Array,
    pos: Uint8Array,
    map: Uint8Array,
    category: Uint8Array,
    compatible: Uint32Array,
    invoke: Uint8Array,
  ): void;
  token_info_dictionary: {
    target_map: TargetMap;
    loadDictionary(buffer: Uint8Array): void;
    loadPosVector(buffer: Uint8Array): void;
    loadTargetMap(buffer: Uint8Array): void;
  };
}
const DynamicDictionaries = require('kuromoji/src/dict/DynamicDictionaries.js') as new () => DynamicDictionaries;
const KuromojiTokenizerClass = require('kuromoji/src/Tokenizer.js') as new (dic: DynamicDictionaries) => KuromojiTokenizer<IpadicFeatures>;

const ZEROS = new Uint8Array(64 * 1024);

/** Whether every byte of the chunk is 0 (compared natively, a block at a time). */
function allZero(chunk: Buffer): boolean {
  for (let at = 0; at < chunk.length; at += ZEROS.length) {
    const part = chunk.subarray(at, at + ZEROS.length);
    if (!part.equals(ZEROS.subarray(0, part.length))) return false;
  }
  return true;
}

/**
 * Decompresses a gzip file straight into memory of its final size (the gzip trailer states it), so
 * loading never holds a second, transient copy of the dictionary: RSS stays at what is kept. (One
 * pass into a Buffer on libuv's pool, then a copy, was tried: glibc keeps the freed 100 MB, and the
 * API's RSS once warm rose by 60 MB.) Zero chunks are not copied: new memory reads as zeros already,
 * and a page never written stays out of RSS. IPADIC's files are padded with ≈ 36 MB of zeros of
 * their 100 MB (unk.dat and unk_pos.dat are 10 MB each for ≈ 10 KB of entries), so this keeps ≈ 36 MB
 * out of every process's RSS; the bytes read are the same.
 */
async function gunzipInto(path: string, allocate: (bytes: number) => ArrayBufferLike): Promise<Uint8Array> {
  const compressed = await readFile(path);
  const target = new Uint8Array(allocate(compressed.readUInt32LE(compressed.length - 4)));
  const gunzip = createGunzip();
  gunzip.end(compressed);
  let at = 0;
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    if (at + chunk.length > target.length) throw new Error(`${path} decompresses to more than its gzip trailer states`);
    if (!allZero(chunk)) target.set(chunk, at);
    at += chunk.length;
  }
  if (at !== target.length) throw new Error(`${path} decompresses to ${at} bytes, not the ${target.length} its gzip trailer states`);
  return target;
}

const shared = (bytes: number) => new SharedArrayBuffer(bytes);

/**
 * tid_map.dat (an int32 count, then records: key, n, n token-info ids; little-endian, as kuromoji's
 * ByteBuffer reads them) straight into a shared TargetTable, without kuromoji's object of arrays.
 */
function parseTargetMap(bytes: Uint8Array): TargetTable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records = (visit: (key: number, from: number, count: number) => void) => {
    for (let at = 4; at + 8 <= bytes.length;) {
      const key = view.getInt32(at, true);
      const count = view.getInt32(at + 4, true);
      if (key < 0 || count < 0 || at + 8 + count * 4 > bytes.length) throw new Error(`tid_map.dat is malformed at byte ${at}`);
      visit(key, at + 8, count);
      at += 8 + count * 4;
    }
  };
  let keys = 0;
  records((key) => (keys = Math.max(keys, key + 1)));
  const offsets = new Int32Array(shared((keys + 1) * 4));
  records((key, _, count) => (offsets[key + 1]! += count));
  for (let key = 0; key < keys; key++) offsets[key + 1]! += offsets[key]!;
  const ids = new Int32Array(shared(offsets[keys]! * 4));
  const filled = offsets.slice(0, keys); // next free slot per key (a key may, in principle, come twice)
  records((key, from, count) => {
    for (let k = 0; k < count; k++) ids[filled[key]!++] = view.getInt32(from + k * 4, true);
  });
  return { offsets, ids };
}

/**
 * unk_invoke.dat is 1 MB of which IPADIC's 11 character classes fill 152 bytes; the rest is zeros,
 * which kuromoji's loader reads as ≈ 150,000 nameless classes (11 MB of heap and 0.1 s per thread).
 * They can never be reached: a character's class comes from unk_char.dat and its compatible classes
 * from unk_compat.dat's bits, which name only real classes (checked here; else nothing is cut).
 * Records: invoke (1 byte), group (1), max length (int32), name (NUL-terminated).
 */
export function trimInvokeDefinition(invoke: Uint8Array, compatible: Uint32Array): Uint8Array {
  let end = 0;
  let classes = 0;
  while (end + 6 < invoke.length && invoke[end + 6] !== 0) {
    const nul = invoke.indexOf(0, end + 6);
    if (nul < 0) return invoke;
    end = nul + 1;
    classes++;
  }
  let usedBits = 0;
  for (const bits of compatible) usedBits |= bits;
  if (classes === 0 || classes >= 32 || usedBits >>> classes !== 0) return invoke;
  const map = new Uint8Array(shared(end));
  map.set(invoke.subarray(0, end));
  return map;
}

/** Reads and decompresses the dictionary into shared memory (≈ 0.4 s); see sharedKuromojiDictionary. */
export async function loadSharedDictionary(dicPath = KUROMOJI_DIC_PATH): Promise<SharedKuromojiDictionary> {
  const names = Object.keys(FILES) as (keyof typeof FILES)[];
  const [arrays, targetMap] = await Promise.all([
    Promise.all(names.map((name) => gunzipInto(join(dicPath, FILES[name]), shared))),
    gunzipInto(join(dicPath, 'tid_map.dat.gz'), (n) => new ArrayBuffer(n)).then(parseTargetMap),
  ]);
  const files = Object.fromEntries(names.map((name, i) => [name, arrays[i]!.buffer])) as Record<keyof typeof FILES, SharedArrayBuffer>;
  files.invokeDefinition = trimInvokeDefinition(new Uint8Array(files.invokeDefinition), new Uint32Array(files.compatibleCategoryMap))
    .buffer as SharedArrayBuffer;
  return {
    ...files,
    targetOffsets: targetMap.offsets.buffer as SharedArrayBuffer,
    targetIds: targetMap.ids.buffer as SharedArrayBuffer,
  };
}

let processDictionary: Promise<SharedKuromojiDictionary> | undefined;

/** This process's one shared dictionary (loaded on first use, then reused by every pool). */
export function sharedKuromojiDictionary(): Promise<SharedKuromojiDictionary> {
  processDictionary ??= loadSharedDictionary().catch((err: unknown) => {
    processDictionary = undefined; // a failed read is retried by the next caller
    throw err;
  });
  return processDictionary;
}

/** A kuromoji Tokenizer over views of the shared buffers (milliseconds: nothing is copied). */
export function kuromojiFromShared(dictionary: SharedKuromojiDictionary): KuromojiTokenizer<IpadicFeatures> {
  const dic = new DynamicDictionaries();
  dic.loadTrie(new Int32Array(dictionary.base), new Int32Array(dictionary.check));
  const known = dic.token_info_dictionary;
  known.loadDictionary(new Uint8Array(dictionary.tokenInfo));
  known.loadPosVector(new Uint8Array(dictionary.tokenPos));
  const targets = { offsets: new Int32Array(dictionary.targetOffsets), ids: new Int32Array(dictionary.targetIds) };
  known.target_map = targetMapView(targets);
  attachTargetTable(known, targets);
  dic.loadConnectionCosts(new Int16Array(dictionary.connectionCosts));
  dic.loadUnknownDictionaries(
    new Uint8Array(dictionary.unknown),
    new Uint8Array(dictionary.unknownPos),
    new Uint8Array(dictionary.unknownMap),
    new Uint8Array(dictionary.categoryMap),
    new Uint32Array(dictionary.compatibleCategoryMap),
    new Uint8Array(dictionary.invokeDefinition),
  );
  return new KuromojiTokenizerClass(dic);
}
