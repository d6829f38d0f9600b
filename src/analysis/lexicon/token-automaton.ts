/**
 * Aho–Corasick over token sequences: every dictionary phrase is found in one left-to-right pass,
 * O(tokens + matches), however many entries the dictionaries hold.
 *
 * Built with a Map per node, then sealed into flat Int32Arrays (keys interned to numbers, each
 * node's edges sorted by key): the manual's ≈ 52,000 nodes take ≈ 1.5 MB instead of ≈ 13 MB of
 * Maps in every analysis thread and the main thread alike.
 */

/** The sealed automaton: plain typed arrays and the key table. */
interface SealedAutomaton {
  /** Token key → key number; a key no pattern uses is absent. */
  readonly keyIds: ReadonlyMap<string, number>;
  /** The root's child for each key number, 0 for none (the root is nobody's child). */
  readonly rootNext: Int32Array;
  /** Node n's edges are edgeKeys/edgeTargets[edgeStart[n] .. edgeStart[n + 1]), sorted by key. */
  readonly edgeStart: Int32Array;
  readonly edgeKeys: Int32Array;
  readonly edgeTargets: Int32Array;
  readonly fail: Int32Array;
  /** Node n's outputs are outputs[outputStart[n] .. outputStart[n + 1]): payload, length, payload, length, … */
  readonly outputStart: Int32Array;
  readonly outputs: Int32Array;
}

/** Node `node`'s child on `key`, or -1. */
function childOf(a: SealedAutomaton, node: number, key: number): number {
  if (node === 0) return a.rootNext[key]! || -1;
  let low = a.edgeStart[node]!;
  let high = a.edgeStart[node + 1]! - 1;
  const keys = a.edgeKeys;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = keys[mid]!;
    if (at === key) return a.edgeTargets[mid]!;
    if (at < key) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

export class TokenAutomaton {
  private children: Map<string, number>[] = [new Map()];
  /** outputs[node] = [payload, length, payload, length, ...], including those reached by fail links. */
  private outputs: number[][] = [[]];
  private sealed: SealedAutomaton | undefined;

  add(sequence: readonly string[], payload: number): void {
    if (this.sealed) throw new Error('TokenAutomaton: add after seal');
    let node = 0;
    for (const key of sequence) {
      let next = this.children[node]!.get(key);
      if (next === undefined) {
        next = this.children.length;
        this.children.push(new Map());
        this.outputs.push([]);
        this.children[node]!.set(key, next);
      }
      node = next;
    }
    this.outputs[node]!.push(payload, sequence.length);
  }

  /** Computes failure links breadth-first, merges outputs along them, and flattens the result. */
  seal(): this {
    const { children, outputs } = this;
    const fail = new Int32Array(children.length);
    const queue: number[] = [...children[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [key, child] of children[node]!) {
        let f = fail[node]!;
        while (f !== 0 && !children[f]!.has(key)) f = fail[f]!;
        const target = children[f]!.get(key);
        fail[child] = target !== undefined && target !== child ? target : 0;
        outputs[child]!.push(...outputs[fail[child]!]!);
        queue.push(child);
      }
    }
    this.sealed = flatten(children, outputs, fail);
    // The Maps are what made the automaton heavy; only the flat arrays are kept.
    this.children = [];
    this.outputs = [];
    return this;
  }

  /**
   * Scans `count` tokens, asking `keyAt(i)` for each token's key (no key array is built) and
   * calling `onHit(payload, start, end)` with the token range [start, end) of every phrase found.
   */
  scan(count: number, keyAt: (index: number) => string, onHit: (payload: number, start: number, end: number) => void): void {
    const a = this.sealed;
    if (!a) throw new Error('TokenAutomaton: scan before seal');
    const { keyIds, fail, outputStart, outputs } = a;
    let node = 0;
    for (let i = 0; i < count; i++) {
      const key = keyIds.get(keyAt(i));
      if (key === undefined) {
        node = 0; // no pattern continues with this token, from any node
      } else {
        // Fall back until the key continues a known prefix: this is what makes [A, B] match in "A A B".
        let next = childOf(a, node, key);
        while (next < 0 && node !== 0) {
          node = fail[node]!;
          next = childOf(a, node, key);
        }
        node = next < 0 ? 0 : next;
      }
      for (let j = outputStart[node]!, end = outputStart[node + 1]!; j < end; j += 2) onHit(outputs[j]!, i + 1 - outputs[j + 1]!, i + 1);
    }
  }
}

function flatten(children: readonly Map<string, number>[], outputs: readonly number[][], fail: Int32Array): SealedAutomaton {
  const keyIds = new Map<string, number>();
  let edges = 0;
  let outputLength = 0;
  for (let node = 0; node < children.length; node++) {
    for (const key of children[node]!.keys()) if (!keyIds.has(key)) keyIds.set(key, keyIds.size);
    edges += children[node]!.size;
    outputLength += outputs[node]!.length;
  }
  const rootNext = new Int32Array(keyIds.size);
  for (const [key, child] of children[0]!) rootNext[keyIds.get(key)!] = child;
  const edgeStart = new Int32Array(children.length + 1);
  const edgeKeys = new Int32Array(edges);
  const edgeTargets = new Int32Array(edges);
  const outputStart = new Int32Array(children.length + 1);
  const flatOutputs = new Int32Array(outputLength);
  let edge = 0;
  let output = 0;
  for (let node = 0; node < children.length; node++) {
    edgeStart[node] = edge;
    // Insertion sort by key in place: almost every node has one or two edges. The root's edges are
    // never searched (rootNext answers for it), so its thousands are left unsorted.
    const sorted = node !== 0;
    for (const [name, child] of children[node]!) {
      const key = keyIds.get(name)!;
      let at = edge++;
      for (; sorted && at > edgeStart[node]! && edgeKeys[at - 1]! > key; at--) {
        edgeKeys[at] = edgeKeys[at - 1]!;
        edgeTargets[at] = edgeTargets[at - 1]!;
      }
      edgeKeys[at] = key;
      edgeTargets[at] = child;
    }
    outputStart[node] = output;
    flatOutputs.set(outputs[node]!, output);
    output += outputs[node]!.length;
  }
  edgeStart[children.length] = edge;
  outputStart[children.length] = output;
  return { keyIds, rootNext, edgeStart, edgeKeys, edgeTargets, fail, outputStart, outputs: flatOutputs };
}
