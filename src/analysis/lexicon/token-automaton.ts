/**
 * Aho–Corasick over token sequences: every dictionary phrase is found in one left-to-right pass,
 * O(tokens + matches), however many entries the dictionaries hold.
 */

export class TokenAutomaton {
  private readonly children: Map<string, number>[] = [new Map()];
  private fail: Int32Array = new Int32Array(1);
  /** outputs[node] = [payload, length, payload, length, ...], including those reached by fail links. */
  private outputs: number[][] = [[]];
  private sealed = false;

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

  /** Computes failure links breadth-first and merges outputs along them. */
  seal(): this {
    this.fail = new Int32Array(this.children.length);
    const queue: number[] = [...this.children[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [key, child] of this.children[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.children[f]!.has(key)) f = this.fail[f]!;
        const target = this.children[f]!.get(key);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        this.outputs[child]!.push(...this.outputs[this.fail[child]!]!);
        queue.push(child);
      }
    }
    this.sealed = true;
    return this;
  }

  /**
   * Scans `count` tokens, asking `keyAt(i)` for each token's key (no key array is built) and
   * calling `onHit(payload, start, end)` with the token range [start, end) of every phrase found.
   */
  scan(count: number, keyAt: (index: number) => string, onHit: (payload: number, start: number, end: number) => void): void {
    const { children, fail, outputs } = this;
    let node = 0;
    for (let i = 0; i < count; i++) {
      const key = keyAt(i);
      // Fall back until the key continues a known prefix: this is what makes [A, B] match in "A A B".
      let next = children[node]!.get(key);
      while (next === undefined && node !== 0) {
        node = fail[node]!;
        next = children[node]!.get(key);
      }
      node = next ?? 0;
      const out = outputs[node]!;
      for (let j = 0; j < out.length; j += 2) onHit(out[j]!, i + 1 - out[j + 1]!, i + 1);
    }
  }
}
