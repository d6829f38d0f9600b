import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from 'kuromoji';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../bench/corpus.js';
import { tokenizerFor } from '../../../src/analysis/tokenizer/index.js';
import { buildKuromoji, KUROMOJI_DIC_PATH } from '../../../src/analysis/tokenizer/kuromoji.js';
import {
  FILES,
  kuromojiFromShared,
  loadSharedDictionary,
  sharedKuromojiDictionary,
  type SharedKuromojiDictionary,
} from '../../../src/analysis/tokenizer/shared-dictionary.js';
import { compileTargetTable, targetMapView, type TargetMap } from '../../../src/analysis/tokenizer/target-table.js';

let shipped: KuromojiTokenizer<IpadicFeatures>;
let shared: SharedKuromojiDictionary;
beforeAll(async () => {
  [shipped, shared] = await Promise.all([buildKuromoji(), loadSharedDictionary()]);
}, 60_000);

const TEXTS = [
  ...buildCorpus(200, 16).map((mail) => `${mail.subject}\n${mail.body}`),
  '😡😡aいい、問題です',
  'ｶﾀｶﾅ１２３４ iPhone 15 ¥12,800 support@example.com 👨‍👩‍👧‍👦至急！',
  'ふざけんな。三度目のご連絡となります。いつまで待たせるんですか〜〜',
];

describe('the shared kuromoji dictionary', () => {
  it('keeps every buffer in shared memory, so worker threads see it without a copy', () => {
    for (const [name, buffer] of Object.entries(shared)) expect(buffer, name).toBeInstanceOf(SharedArrayBuffer);
  });

  it('holds every file byte for byte as gunzip gives it, though its zero padding is never written', () => {
    // unk_invoke.dat is cut to its real classes (tested below); every other file is kept whole.
    const { invokeDefinition: _cut, ...kept } = FILES;
    for (const [name, file] of Object.entries(kept)) {
      const bytes = gunzipSync(readFileSync(join(KUROMOJI_DIC_PATH, file)));
      expect(Buffer.from(shared[name as keyof SharedKuromojiDictionary]).equals(bytes), file).toBe(true);
    }
  });

  it('tokenizes from views of those shared buffers, not from copies of them', () => {
    interface Internals {
      viterbi_builder: {
        trie: { bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array } };
        token_info_dictionary: { dictionary: { buffer: Uint8Array }; pos_buffer: { buffer: Uint8Array } };
      };
      viterbi_searcher: { connection_costs: { buffer: Int16Array } };
    }
    const { viterbi_builder: builder, viterbi_searcher: searcher } = kuromojiFromShared(shared) as unknown as Internals;
    expect(builder.trie.bc.getBaseBuffer().buffer).toBe(shared.base);
    expect(builder.trie.bc.getCheckBuffer().buffer).toBe(shared.check);
    expect(builder.token_info_dictionary.dictionary.buffer.buffer).toBe(shared.tokenInfo);
    expect(builder.token_info_dictionary.pos_buffer.buffer.buffer).toBe(shared.tokenPos);
    expect(searcher.connection_costs.buffer.buffer).toBe(shared.connectionCosts);
  });

  it("gives kuromoji's own tokens, every feature field, through kuromoji's own builder", () => {
    const overShared = kuromojiFromShared(shared);
    // kuromoji's own builder is quadratic in a sentence: a sample keeps this test quick.
    const different = TEXTS.slice(-40).filter(
      (text) => JSON.stringify(overShared.tokenize(text)) !== JSON.stringify(shipped.tokenize(text)),
    );
    expect(different.slice(0, 3)).toEqual([]);
  });

  it("gives ondo's default engine the same tokens as a dictionary loaded the usual way", () => {
    const usual = tokenizerFor('fast', shipped);
    const overShared = tokenizerFor('fast', kuromojiFromShared(shared));
    const different = TEXTS.filter((text) => JSON.stringify(overShared.tokenize(text)) !== JSON.stringify(usual.tokenize(text)));
    expect(different.slice(0, 3)).toEqual([]);
  });

  it("reads IPADIC's 11 character classes, not the ≈ 150,000 empty ones kuromoji finds in unk_invoke.dat's zero padding", () => {
    type WithClasses = {
      viterbi_builder: { unknown_dictionary: { character_definition: { invoke_definition_map: { map: { class_name: string }[] } } } };
    };
    const classesOf = (tokenizer: unknown) =>
      (tokenizer as WithClasses).viterbi_builder.unknown_dictionary.character_definition.invoke_definition_map.map.map((c) => c.class_name);
    const overShared = classesOf(kuromojiFromShared(shared));
    expect(overShared).toHaveLength(11);
    expect(overShared).toEqual(classesOf(shipped).slice(0, 11));
    expect(classesOf(shipped).length).toBeGreaterThan(100_000);
  });

  it('still throws on U+0000 as kuromoji does', () => {
    expect(() => tokenizerFor('fast', kuromojiFromShared(shared)).tokenize('注文\0です')).not.toThrow();
    expect(() => kuromojiFromShared(shared).tokenize('注文\0です')).toThrow(TypeError);
  });

  it('is loaded once per process', async () => {
    expect(await sharedKuromojiDictionary()).toBe(await sharedKuromojiDictionary());
  });
});

describe('compileTargetTable', () => {
  it('keeps each record ids in order, and records without ids read as undefined', () => {
    const map: TargetMap = { 0: [5, 3], 2: [7], 5: [1, 2, 4] };
    const view = targetMapView(compileTargetTable(map));
    expect(Array.from(view[0]!)).toEqual([5, 3]);
    expect(view[1]).toBeUndefined();
    expect(Array.from(view[2]!)).toEqual([7]);
    expect(Array.from(view[5]!)).toEqual([1, 2, 4]);
    expect(view[6]).toBeUndefined();
  });
});
