/**
 * The whole loop, in both directions and for scenarios, on labelled sets ondo gets wrong:
 * corrections posted → the report shows the disagreement → suggest proposes entries → apply →
 * after the hot reload the same mails and held-out ones of the same kind read right, and nothing
 * in the project's labelled sets reads worse (levels and scenarios).
 * - Too cool: a team's own words for slow support (「カメ対応」「ゾンビ窓口」) read calm; agents say angry.
 * - Too hot: an insurance agency's policyholders name 「訴訟費用保険」, and ondo reads the
 *   threat 「訴訟」 inside it as furious; agents say calm. Real threats of a lawsuit or a claim stay furious.
 * - Scenario: a meal-kit service's customers ask to skip one delivery of their 定期便 (「スキップ」);
 *   ondo reads 定期便 as a cancellation or names nothing; agents say plan-change.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLexiconExamples } from '../../src/analysis/lexicon/examples.js';
import { DEFAULT_DICTIONARIES_DIR, loadDictionaries, type Dictionaries } from '../../src/analysis/lexicon/load.js';
import type { ScenarioKind } from '../../src/analysis/scenario-schema.js';
import type { ToneLevel } from '../../src/analysis/tone-schema.js';
import { BLIND_FIXTURE, correctionTexts, labelledSets } from '../../src/cli/learn/labelled-sets.js';
import { parseCorrections } from '../../src/cli/learn/corrections.js';
import { formatAgreementText } from '../../src/cli/learn/report.js';
import { summarizeAgreement } from '../../src/feedback/agreement.js';
import type { FeedbackRecord } from '../../src/feedback/record.js';
import { applySuggestions, renderSuggestions } from '../../src/feedback/suggest/patch.js';
import { Scorer } from '../../src/feedback/suggest/scorer.js';
import { LEVELS, SCENARIOS, suggestEntries, type Suggestion } from '../../src/feedback/suggest/suggest.js';
import { loadConfig } from '../../src/config.js';
import { testApp } from '../support/app.js';
import { sharedTokenizer } from '../support/engine.js';
import { deleteRedisPrefix } from '../support/redis-prefix.js';

interface TeamMail {
  id: string;
  subject: string;
  body: string;
  level: ToneLevel;
  politeButAnnoyed: boolean;
  /** Given only in the scenario team's file: what the agents say the mail is about. */
  scenario?: ScenarioKind;
  part: 'train' | 'held-out';
}

const readTeam = (file: string) =>
  readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TeamMail);

/**
 * One scorer for the file's three loops: each labelled mail is tokenized once, and its level and scenario under
 * the project's own dictionaries are worked out once, however many loops and candidates ask.
 */
let scorer: Scorer | undefined;
const sharedScorer = async () => (scorer ??= new Scorer(await sharedTokenizer()));

/** One team's loop: its own server (Redis prefix, copy of the dictionaries) and the steps the tests run in order. */
function teamLoop(name: string) {
  const prefix = `test-learn-${name}-${process.pid}-${Date.now().toString(36)}`;
  const dictionariesDir = mkdtempSync(join(tmpdir(), `ondo-learn-${name}-`));
  let app: FastifyInstance;
  beforeAll(async () => {
    cpSync(DEFAULT_DICTIONARIES_DIR, dictionariesDir, { recursive: true });
    app = await testApp({ queuePrefix: prefix, feedback: true, dictionariesDir });
  });
  afterAll(async () => {
    await app?.close();
    await deleteRedisPrefix(loadConfig({}).redisUrl, prefix);
    rmSync(dictionariesDir, { recursive: true, force: true });
  });

  const analyze = async (mail: TeamMail) =>
    (await app.inject({ method: 'POST', url: '/v1/analyze', payload: { subject: mail.subject, body: mail.body } })).json();
  const scenarioOf = async (mail: TeamMail): Promise<ScenarioKind> =>
    (await app.inject({ method: 'POST', url: '/v1/triage', payload: { subject: mail.subject, body: mail.body } })).json().scenario.primary;

  return {
    analyze,
    scenarioOf,
    /** 1. The agents post a correction for each mail as ondo read it; the export comes back masked. */
    async postCorrections(mails: readonly TeamMail[]): Promise<{ records: FeedbackRecord[]; exported: string }> {
      for (const mail of mails) {
        const tone = await analyze(mail);
        // Where the agents named the scenario, the correction carries ondo's scenario and theirs.
        const scenario = mail.scenario && { ondo: { scenario: await scenarioOf(mail) }, agent: { scenario: mail.scenario } };
        const posted = await app.inject({
          method: 'POST',
          url: '/v1/feedback',
          payload: {
            mail: { subject: mail.subject, body: mail.body },
            ondo: {
              level: tone.level,
              politeButAnnoyed: tone.politeButAnnoyed,
              dictionaryVersion: tone.dictionaryVersion,
              ...scenario?.ondo,
            },
            agent: { level: mail.level, politeButAnnoyed: mail.politeButAnnoyed, ...scenario?.agent },
          },
        });
        expect(posted.statusCode).toBe(201);
      }
      const exported = (await app.inject({ method: 'GET', url: '/v1/feedback/export' })).body;
      const records = parseCorrections(exported, 'export');
      expect(records).toHaveLength(mails.length);
      return { records, exported };
    },
    /** 3. Suggest on the corrections, measured on every labelled set but the blind one; each suggestion carries masked examples. */
    async suggest(records: readonly FeedbackRecord[], personal: RegExp) {
      const sets = labelledSets([]);
      expect(sets.map((s) => s.name)).not.toContain(`emails${BLIND_FIXTURE}.jsonl`);
      const result = suggestEntries({
        scorer: await sharedScorer(),
        dictionaries: loadDictionaries(dictionariesDir),
        corrections: correctionTexts(records),
        background: sets.filter((s) => s.minedAgainst).flatMap((s) => s.mails),
        sets,
        folds: 4,
      });
      for (const s of result.suggestions) {
        expect(s.entry.examples?.match?.length).toBeGreaterThan(0);
        expect(s.entry.examples!.match!.join('\n')).not.toMatch(personal);
        // Cross-validated: found without the fold's mails, it fixed mails of the fold.
        expect(s.crossValidated.foundIn).toBeGreaterThan(0);
        expect(s.crossValidated.improved).toBeGreaterThan(s.crossValidated.worsened);
        expect(s.sets.map((set) => set.name)).toEqual(sets.map((set) => set.name));
      }
      for (const set of result.together) expect(set.worsened, `${set.name} reads worse`).toBe(0);
      return { ...result, sets };
    },
    /** 4. Apply writes the entries in the dictionaries' own format; the hot reload picks them up. */
    async applyAndReload(suggestions: readonly Suggestion[]): Promise<void> {
      const applied = applySuggestions(renderSuggestions(suggestions, 'test'), dictionariesDir);
      expect(applied.added.length).toBe(suggestions.length);
      expect(applied.added.every((a) => /^(tone\/learned-[a-z-]+|scenarios\/[a-z-]+)\.yaml$/u.test(a.file))).toBe(true);
      const examples = checkLexiconExamples(loadDictionaries(dictionariesDir), await sharedTokenizer());
      expect(examples.failures).toEqual([]);
      const reload = await app.analysis.reload();
      expect(reload).toMatchObject({ changed: true, dictionaryVersion: applied.dictionaryVersion });
    },
    /** 6. Nothing in the project's labelled sets reads further from its label, mail by mail: neither its level nor its scenario. */
    async expectNothingWorse(sets: ReturnType<typeof labelledSets>): Promise<void> {
      const scorer = await sharedScorer();
      const before: Dictionaries = loadDictionaries(DEFAULT_DICTIONARIES_DIR);
      const after = loadDictionaries(dictionariesDir);
      for (const [what, measure] of [
        ['level', LEVELS],
        ['scenario', SCENARIOS],
      ] as const) {
        for (const set of sets) {
          const worse = set.mails.filter((m) => measure.applies(m) && measure.gap(scorer, m, after) > measure.gap(scorer, m, before));
          expect(
            worse.map((m) => m.id),
            `${set.name}: ${what}`,
          ).toEqual([]);
        }
      }
    },
  };
}

describe('learning from the team, end to end: mails ondo reads too cool', () => {
  const team = readTeam('team-corrections.jsonl');
  const train = team.filter((m) => m.part === 'train');
  const heldOut = team.filter((m) => m.part === 'held-out');
  const loop = teamLoop('under');

  it("runs corrections → report → suggest → apply → reload, and the team's mails then read right", { timeout: 480_000 }, async () => {
    // 1. ondo reads the team's angry mails too cool; agents post corrections (stored masked).
    for (const mail of train.filter((m) => m.level === 'angry'))
      expect((await loop.analyze(mail)).level, `${mail.id} is a mail ondo gets wrong`).not.toBe('angry');
    for (const mail of heldOut) expect((await loop.analyze(mail)).level, `${mail.id} (held out) starts wrong`).not.toBe('angry');
    const personal = /山本|佐々木|高橋|KM-40211|090-4455-6677|suzuki\.k@/u;
    const { records, exported } = await loop.postCorrections(train);
    expect(exported).not.toMatch(personal);

    // 2. The report shows the disagreement.
    const report = summarizeAgreement(records);
    expect(report.total.agreed).toBe(train.filter((m) => m.level === 'calm').length);
    expect(report.versions[0]!.confusion.angry.calm + report.versions[0]!.confusion.angry.concerned).toBe(8);
    expect(formatAgreementText(report)).toContain('ondo calm → agent angry');

    // 3. Suggest: entries that raise, mined from the corrections.
    const { suggestions, sets } = await loop.suggest(records, /山本|佐々木|高橋|KM-|090-/u);
    const patterns = suggestions.map((s) => s.entry.pattern);
    expect(patterns.some((p) => p.includes('カメ'))).toBe(true);
    expect(patterns.some((p) => p.includes('ゾンビ'))).toBe(true);
    expect(suggestions.every((s) => s.direction === 'under' && (s.entry.weight ?? 0) > 0)).toBe(true);

    // 4–6. Apply and reload; the same mails and held-out ones now read right; calm ones stay calm; nothing else worse.
    await loop.applyAndReload(suggestions);
    for (const mail of [...train, ...heldOut]) expect((await loop.analyze(mail)).level, `${mail.id} (${mail.part})`).toBe(mail.level);
    await loop.expectNothingWorse(sets);
  });
});

describe('learning from the team, end to end: mails ondo reads too hot', () => {
  const team = readTeam('team-over-corrections.jsonl');
  const train = team.filter((m) => m.part === 'train');
  const heldOut = team.filter((m) => m.part === 'held-out');
  const loop = teamLoop('over');

  it('turns calm policyholders read as furious into a context entry, and real threats stay furious', { timeout: 480_000 }, async () => {
    // 1. ondo reads the calm mails that name 訴訟費用保険 as furious.
    for (const mail of [...train, ...heldOut].filter((m) => m.level === 'calm' && m.id !== 'i09'))
      expect((await loop.analyze(mail)).level, `${mail.id} (${mail.part}) is a mail ondo gets wrong`).toBe('furious');
    const personal = /森田|中村|小林|田村|090-1234-5678|AB-2231457|kobayashi\.m@/u;
    const { records, exported } = await loop.postCorrections(train);
    expect(exported).not.toMatch(personal);

    // 2. The report counts the mails ondo read hotter than the agents.
    const report = summarizeAgreement(records);
    expect(report.versions[0]!.over).toBe(6);
    expect(report.versions[0]!.confusion.calm.furious).toBe(6);
    expect(formatAgreementText(report)).toContain('ondo furious → agent calm');

    // 3. Suggest: a context entry of weight 0 in the threat's own category. The shorter 「訴訟 費用」
    // is refused: it would lower the furious 「訴訟費用がかかっても構いませんので、徹底的に争います」 (i08).
    const { suggestions, sets } = await loop.suggest(records, personal);
    const over = suggestions.filter((s) => s.direction === 'over');
    expect(over.map((s) => [s.entry.pattern, s.entry.category, s.entry.weight])).toContainEqual(['訴訟 費用 保険', 'escalation', 0]);
    expect(suggestions.map((s) => s.entry.pattern)).not.toContain('訴訟 費用');
    expect(renderSuggestions(suggestions, 'test')).toContain('corrections ondo read hotter than the agent');

    // 4–6. Apply and reload: the calm mails, held-out ones too, read calm; the threats stay furious.
    await loop.applyAndReload(suggestions);
    for (const mail of [...train, ...heldOut]) expect((await loop.analyze(mail)).level, `${mail.id} (${mail.part})`).toBe(mail.level);
    await loop.expectNothingWorse(sets);
  });
});

describe('learning from the team, end to end: mails ondo reads as about something else', () => {
  const team = readTeam('team-scenario-corrections.jsonl');
  const train = team.filter((m) => m.part === 'train');
  const heldOut = team.filter((m) => m.part === 'held-out');
  const skips = (mails: readonly TeamMail[]) => mails.filter((m) => m.scenario === 'plan-change');
  const loop = teamLoop('scenario');

  it('turns requests to skip a delivery read as cancellations into a plan-change entry', { timeout: 480_000 }, async () => {
    // 1. ondo reads the skip requests as a cancellation of the 定期便 or names nothing (the learned scenario
    // signal, refit on every tuning set, gets up to half the training mails right, never a held-out one); levels it reads right.
    for (const mail of skips(heldOut))
      expect(await loop.scenarioOf(mail), `${mail.id} (held out) is a mail ondo gets wrong`).not.toBe('plan-change');
    const readRight = [];
    for (const mail of skips(train)) if ((await loop.scenarioOf(mail)) === 'plan-change') readRight.push(mail.id);
    expect(readRight.length, `training skip requests ondo already reads right: ${readRight.join(', ')}`).toBeLessThanOrEqual(
      skips(train).length / 2,
    );
    for (const mail of team) expect((await loop.analyze(mail)).level, `${mail.id} level`).toBe(mail.level);
    const personal = /西村|藤井|前田|maeda\.y@|石井|松田|MK-55102|MK-40917|TK-88213|080-3311-2468/u;
    const { records, exported } = await loop.postCorrections(train);
    expect(exported).not.toMatch(personal);

    // 2. The report shows the scenario disagreement: a confusion matrix row and the mails, under the agents' scenario.
    const report = summarizeAgreement(records);
    const row = report.versions[0]!.scenarioConfusion['plan-change']!;
    expect(row['plan-change'] ?? 0).toBe(readRight.length);
    expect(Object.values(row).reduce((a, b) => a + b, 0)).toBe(skips(train).length);
    expect(report.scenarios[0]).toMatchObject({ scenario: 'plan-change', agreement: { agreed: readRight.length, n: skips(train).length } });
    const agreed = `${((readRight.length / skips(train).length) * 100).toFixed(1)}% (${readRight.length}/${skips(train).length})`;
    expect(formatAgreementText(report)).toContain(`plan-change: ondo agreed ${agreed}; read as `);

    // 3. Suggest: an entry of scenarios/plan-change.yaml, judged on scenario accuracy, and nothing for the levels.
    const { suggestions, sets, together } = await loop.suggest(records, personal);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((s) => s.direction === 'scenario' && s.entry.category === 'scenario:plan-change')).toBe(true);
    expect(suggestions.map((s) => s.entry.pattern)).toContain('スキップ');
    const yaml = renderSuggestions(suggestions, 'test');
    expect(yaml).toContain('file: scenarios/plan-change.yaml');
    expect(yaml).toContain('scenario accuracy');
    for (const set of together) expect(set.scenarios.worsened, `${set.name} scenarios read worse`).toBe(0);

    // 4–6. Apply to the scenario's own file and reload: the skip requests, held-out ones too, read plan-change;
    // the real cancellation and the late delivery keep their scenarios; nothing else reads worse.
    await loop.applyAndReload(suggestions);
    for (const mail of [...train, ...heldOut]) expect(await loop.scenarioOf(mail), `${mail.id} (${mail.part})`).toBe(mail.scenario);
    await loop.expectNothingWorse(sets);
  });
});
