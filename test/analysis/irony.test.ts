import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const analyze = (body: string) => engine.analyze({ body });

describe('irony: praise that comments on a failure', () => {
  it('reads an ironic remark on the company’s work as a complaint, even with no complaint word', () => {
    for (const body of [
      'ネットでできると書いてあるのに、店舗に電話したら「ネットでできますよ」って。素晴らしい連携ですね。',
      '箱の中でケーキが横倒しでした。これが丁寧な梱包なら逆にすごい。',
      '2時間、混雑画面を眺め続けるという貴重な体験をさせていただきました。',
    ]) {
      expect(analyze(body).level, body).toBe('angry');
    }
  });

  it('reads さすが or 勉強になりました as irony only beside something negative', () => {
    expect(analyze('さすがですね、これで3回目の配達日変更です。もう届かなくても驚きません。').level).toBe('angry');
    expect(analyze('さすがプロの仕上がりです。').level).toBe('calm');
    expect(analyze('スタッフの皆さんの心遣いに感動しました。').level).toBe('calm');
  });

  it('takes praise at its word when the writer thanks', () => {
    expect(analyze('丁寧にご説明いただき、手順もよくわかりました。ありがとうございました。').level).toBe('calm');
    expect(analyze('素晴らしいご対応ですね。本当にありがとうございました。').level).toBe('calm');
  });
});
