/**
 * kuromoji's target map (trie record → token-info ids) as two flat Int32Arrays instead of a JS
 * object of 326,000 arrays: 3 MB of typed memory that threads can share, against ≈ 75 MB of heap
 * per thread. Ids of record r are ids[offsets[r] .. offsets[r + 1]); a record without ids has none.
 */

export interface TargetTable {
  /** offsets[r] .. offsets[r + 1] is record r's slice of `ids`; length = records + 1. */
  readonly offsets: Int32Array;
  readonly ids: Int32Array;
}

/** kuromoji's own shape: record → ids, in the order its loader pushed them. */
export type TargetMap = Record<number, ArrayLike<number> | undefined>;

/** Flattens kuromoji's object map (the shared dictionary parses tid_map.dat into a table directly). */
export function compileTargetTable(map: TargetMap): TargetTable {
  let records = 0;
  let total = 0;
  for (const key in map) {
    records = Math.max(records, Number(key) + 1);
    total += map[key]!.length;
  }
  const offsets = new Int32Array(records + 1);
  const ids = new Int32Array(total);
  let at = 0;
  for (let record = 0; record < records; record++) {
    offsets[record] = at;
    const targets = map[record];
    if (targets) for (let k = 0; k < targets.length; k++) ids[at++] = targets[k]!;
  }
  offsets[records] = at;
  return { offsets, ids };
}

/**
 * The table seen as kuromoji's object map, for kuromoji's own ViterbiBuilder (the reference
 * engine): reading record r answers a view of its ids, or undefined.
 */
export function targetMapView(table: TargetTable): TargetMap {
  const idsOf = (record: number): Int32Array | undefined => {
    const from = table.offsets[record];
    const to = table.offsets[record + 1];
    return from === undefined || to === undefined || from === to ? undefined : table.ids.subarray(from, to);
  };
  return new Proxy({} as TargetMap, {
    get: (_, key) => (typeof key === 'string' && /^\d+$/.test(key) ? idsOf(Number(key)) : undefined),
  });
}

const tables = new WeakMap<object, TargetTable>();

/** Records the table behind a kuromoji token dictionary whose target_map is a view of it. */
export function attachTargetTable(dictionary: object, table: TargetTable): void {
  tables.set(dictionary, table);
}

/** The dictionary's table: the attached one (shared), else compiled once from its object map. */
export function targetTableOf(dictionary: { target_map: TargetMap }): TargetTable {
  let table = tables.get(dictionary);
  if (!table) {
    table = compileTargetTable(dictionary.target_map);
    tables.set(dictionary, table);
  }
  return table;
}
