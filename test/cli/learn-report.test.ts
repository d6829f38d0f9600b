import { describe, expect, it } from 'vitest';
import type { ToneLevel } from '../../src/analysis/tone-schema.js';
import { parseCorrections } from '../../src/cli/learn/corrections.js';
import { formatAgreementText, renderAgreementHtml } from '../../src/cli/learn/report.js';
import { summarizeAgreement } from '../../src/feedback/agreement.js';
import type { FeedbackRecord } from '../../src/feedback/record.js';

const OLD = 'sha256:aaaaaaaaaaaaaaaa';
const NEW = 'sha256:bbbbbbbbbbbbbbbb';
let serial = 0;
function correction(
  version: string,
  ondo: ToneLevel,
  agent: ToneLevel,
  body = '先日から何度もご連絡しておりますが、いまだにご回答がありません。',
): FeedbackRecord {
  serial++;
  return {
    id: `fb-${serial.toString(16).padStart(24, '0')}`,
    createdAt: new Date(Date.UTC(2026, 10, serial)).toISOString(),
    source: 'api',
    mail: { body },
    masked: {},
    ondo: { level: ondo, dictionaryVersion: version, scenario: 'delivery-delay' },
    agent: { level: agent, scenario: serial % 2 ? 'delivery-delay' : 'billing' },
  };
}

const records = [
  correction(OLD, 'calm', 'angry'),
  correction(OLD, 'calm', 'furious', '<script>alert(1)</script> ふざけるな'),
  correction(OLD, 'angry', 'angry'),
  correction(OLD, 'concerned', 'concerned'),
  correction(NEW, 'angry', 'angry'),
  correction(NEW, 'furious', 'furious'),
  correction(NEW, 'concerned', 'concerned'),
  correction(NEW, 'angry', 'concerned'),
];

describe('summarizeAgreement', () => {
  const report = summarizeAgreement(records);

  it('gives agreement per dictionary version, oldest first, so a lead sees whether a change helped', () => {
    expect(report.versions.map((v) => [v.dictionaryVersion, v.level.agreed, v.level.n])).toEqual([
      [OLD, 2, 4],
      [NEW, 3, 4],
    ]);
    expect(report.total).toMatchObject({ agreed: 5, n: 8 });
    expect(report.versions[0]).toMatchObject({ over: 0, under: 2 });
    expect(report.versions[1]).toMatchObject({ over: 1, under: 0 });
  });

  it('fills the confusion matrix with the agent in rows and ondo in columns', () => {
    const old = report.versions[0]!.confusion;
    expect(old.furious.calm).toBe(1);
    expect(old.angry.calm).toBe(1);
    expect(old.calm.furious).toBe(0);
  });

  it('puts the levels furthest apart first among the disagreements', () => {
    expect(report.disagreements[0]).toMatchObject({ levelGap: -3 });
    expect(report.disagreements[0]!.record.agent.level).toBe('furious');
    expect(report.disagreements.every((d) => d.levelGap !== 0 || d.scenarioDiffers)).toBe(true);
  });
});

describe('scenario agreement', () => {
  const report = summarizeAgreement(records);

  it('fills a scenario confusion matrix per version, agents in rows and ondo in columns', () => {
    // Odd serials the agent said delivery-delay, even ones billing; ondo always said delivery-delay.
    expect(report.versions[0]!.scenarioConfusion).toEqual({ 'delivery-delay': { 'delivery-delay': 2 }, billing: { 'delivery-delay': 2 } });
    expect(report.versions[0]!.scenario).toMatchObject({ agreed: 2, n: 4 });
  });

  it("groups the scenario disagreements by the agents' scenario, with what ondo read instead", () => {
    expect(report.scenarios.map((s) => [s.scenario, s.agreement.agreed, s.agreement.n, s.records.length])).toEqual([
      ['billing', 0, 4, 4],
      ['delivery-delay', 4, 4, 0],
    ]);
    expect(report.scenarios[0]!.readAs).toEqual([{ scenario: 'delivery-delay', count: 4 }]);
  });

  it('shows both in the text and the HTML page', () => {
    const text = formatAgreementText(report);
    expect(text).toContain('scenario agreement 50.0% (2/4)');
    expect(text).toMatch(/billing +→ delivery-delay 2/u);
    expect(text).toContain("Scenario disagreements, by the agents' scenario (masked):");
    expect(text).toMatch(/billing: ondo agreed 0\.0% \(0\/4\); read as delivery-delay ×4/u);
    const page = renderAgreementHtml(report, { generatedAt: new Date('2026-12-01T00:00:00Z'), source: 'test' });
    expect(page).toContain(`<table class="confusion scenarios" data-version="${OLD}">`);
    expect(page).toMatch(/<tr data-agent="billing"><th>billing<\/th><td class="num" data-ondo="delivery-delay">2<\/td>/u);
    expect(page).toContain('<section class="scenario" data-scenario="billing">');
  });

  it("names scenarios in the page by the manual's Japanese labels where given", () => {
    const labels = new Map([
      ['billing', '請求・二重請求'],
      ['delivery-delay', '配送遅延・未着'],
    ]);
    const page = renderAgreementHtml(report, { generatedAt: new Date('2026-12-01T00:00:00Z'), source: 'test', scenarioLabels: labels });
    expect(page).toMatch(/<tr data-agent="billing"><th>請求・二重請求<\/th>/u);
    expect(page).toContain('<h3>請求・二重請求: ondo の一致 0.0%（0/4）・ ondo の判定 配送遅延・未着 ×4</h3>');
  });
});

describe('the report', () => {
  const report = summarizeAgreement(records);

  it('reads as text with each version and the biggest disagreement', () => {
    const text = formatAgreementText(report);
    expect(text).toContain(`dictionary ${OLD}`);
    expect(text).toContain('level agreement 50.0% (2/4)');
    expect(text).toContain('level agreement 75.0% (3/4)');
    expect(text).toMatch(/ondo calm → agent furious/u);
  });

  it('is an HTML page with a confusion matrix per version and escaped mail text', () => {
    const page = renderAgreementHtml(report, { generatedAt: new Date('2026-12-01T00:00:00Z'), source: 'test' });
    expect(page).toContain(`<table class="confusion" data-version="${OLD}">`);
    expect(page).toMatch(/<tr data-agent="furious"><th>激怒<\/th><td class="num" data-ondo="calm">1<\/td>/u);
    expect(page).toContain('&lt;script&gt;');
    expect(page).not.toContain('<script>');
  });

  it('says how to start when there are no corrections', () => {
    expect(formatAgreementText(summarizeAgreement([]))).toContain('FEEDBACK=on');
  });
});

describe('parseCorrections', () => {
  it('reads an export and names the line that is not a correction', () => {
    const good = JSON.stringify(records[0]);
    expect(parseCorrections(`${good}\n\n${good}\n`, 'x.jsonl')).toHaveLength(2);
    expect(() => parseCorrections(`${good}\n{"id":1}\n`, 'x.jsonl')).toThrow(/x\.jsonl:2: not a stored correction/u);
    expect(() => parseCorrections('{', 'x.jsonl')).toThrow(/x\.jsonl:1: not JSON/u);
  });
});
