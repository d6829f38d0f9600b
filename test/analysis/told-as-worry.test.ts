import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const analyze = (body: string) => engine.analyze({ body });

describe('a fact told as the writer’s worry', () => {
  const stuck = '11月30日に発送のご連絡をいただいた注文ですが、追跡ページが「中継センター到着」のまま、4日間更新されていません。';

  it('reads a stalled delivery with 気になっております (a worry of several words) as a concern, not a complaint', () => {
    const result = analyze(`${stuck}\n誕生日プレゼントなので、それまでに届くか気になっております。`);
    expect(result.level).toBe('concerned');
    expect(result.politeButAnnoyed).toBe(false);
  });

  it('keeps the same facts a complaint when no worry is told', () => {
    expect(analyze(`${stuck}\nどうなっているのでしょうか。`).level).toMatch(/angry|furious/);
  });

  it('does not take a denied worry (気にならない) as worry', () => {
    expect(analyze(`${stuck}\n普段なら気にならないのですが、今回は説明をお願いします。`).level).toMatch(/angry|furious/);
  });
});
