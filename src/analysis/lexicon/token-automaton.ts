/**
 * Aho–Corasick over token sequences: every dictionary phrase is found in one left-to-right pass,
 * O(tokens + matches), however many entries the dictionaries hold.
 */

export interface AutomatonHit {
  /** Index of the pattern's payload (an entry index). */
  payload: number;
  /** Token index range [start, end). */
  start: number;
  end: number;
}

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

  scan(keys: readonly string[], onHit: (hit: AutomatonHit) => void): void {
    let node = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      // Fall back until the key continues a known prefix: this is what makes [A, B] match in "A A B".
      while (node !== 0 && !this.children[node]!.has(key)) node = this.fail[node]!;
      node = this.children[node]!.get(key) ?? 0;
      const out = this.outputs[node]!;
      for (let j = 0; j < out.length; j += 2) {
        onHit({ payload: out[j]!, start: i + 1 - out[j + 1]!, end: i + 1 });
      }
    }
  }
}
