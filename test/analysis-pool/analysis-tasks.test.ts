/**
 * A queued mail is measured once: the intake's tone and scenarios travel with the job and the
 * draft reuses them, unless the dictionaries changed in between (the measure names its version).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runAnalysisTask, type AnalysisCore } from '../../src/analysis-pool/analysis-tasks.js';
import { loadDrafting } from '../../src/drafting/drafting.js';
import { sharedEngine } from '../support/engine.js';

const MAIL = { subject: '返金について', body: '先週注文した商品がまだ届きません。至急確認してください。' };
const NOW = new Date('2026-11-26T10:15:00+09:00');

let core: AnalysisCore;
beforeAll(async () => {
  const engine = await sharedEngine();
  core = { engine, drafting: loadDrafting(engine.dictionaries) };
});

describe('the triage task with a measure from intake', () => {
  it('drafts from the measure it is given when the dictionary version is the same (the mail is not scored again)', async () => {
    const measured = await runAnalysisTask(core, { kind: 'measure', mail: MAIL });
    // A doctored measure shows which one the draft used: the real mail never scores 99.
    const doctored = { ...measured, tone: { ...measured.tone, anger: 99 } };
    const result = await runAnalysisTask(core, { kind: 'triage', mail: MAIL, now: NOW, measured: doctored });
    expect(result.tone.anger).toBe(99);
    expect(result.scenario).toEqual(measured.scenario);
  });

  it('measures the mail again when the measure came from other dictionaries', async () => {
    const measured = await runAnalysisTask(core, { kind: 'measure', mail: MAIL });
    const stale = { ...measured, tone: { ...measured.tone, anger: 99, dictionaryVersion: 'sha256:0000000000000000' } };
    const result = await runAnalysisTask(core, { kind: 'triage', mail: MAIL, now: NOW, measured: stale });
    expect(result.tone).toEqual(measured.tone);
  });

  it('gives the same triage with the measure as without it', async () => {
    const measured = await runAnalysisTask(core, { kind: 'measure', mail: MAIL });
    const reused = await runAnalysisTask(core, { kind: 'triage', mail: MAIL, now: NOW, measured });
    expect(reused).toEqual(await runAnalysisTask(core, { kind: 'triage', mail: MAIL, now: NOW }));
  });
});
