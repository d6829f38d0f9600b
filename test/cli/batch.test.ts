import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { openAnalysis, type OpenAnalysis } from '../../src/analysis-pool/open-analysis.js';
import { CSV_COLUMNS, CSV_DRAFT_COLUMNS } from '../../src/cli/batch/output.js';
import { runBatch, type BatchOptions, type BatchSummary } from '../../src/cli/batch/run.js';
import type { BatchRow } from '../../src/cli/batch/task.js';
import { loadDrafting } from '../../src/drafting/drafting.js';
import { triage } from '../../src/drafting/triage.js';
import { sharedEngine } from '../support/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'ondo-batch-'));
const MAIL_FIXTURES = new URL('../fixtures/mail/', import.meta.url).pathname;
const NOW = new Date('2026-11-24T10:00:00+09:00');
/** MAX_BODY_BYTES and MAX_RAW_MAIL_BYTES as shipped. */
const LIMITS = { maxBodyBytes: 100 * 1024, maxRawMailBytes: 5 * 1024 * 1024 };
let engine: AnalysisEngine;
/**
 * Starting threads costs seconds: the runs of this file share two, with a reading budget short
 * enough for a test (a fixture mail reads in a few milliseconds) and long enough for a cold thread's
 * first mails on a loaded machine (at load average 20 a 1 s budget stopped two .eml fixtures in a
 * clean-clone run). The budget itself is tested on a pool of its own, below.
 */
let analysis: OpenAnalysis;
beforeAll(async () => {
  [analysis, engine] = await Promise.all([openAnalysis({ threads: 2, mailReadBudgetMs: 10_000 }), sharedEngine()]);
}, 120_000);
afterAll(async () => {
  await analysis?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  summary: BatchSummary;
  rows: BatchRow[];
  skipped: string[];
  out: string;
}

async function batch(input: string, options: Partial<BatchOptions> = {}): Promise<Run> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.${options.format ?? 'jsonl'}`);
  const skipped: string[] = [];
  const summary = await runBatch({
    input,
    out,
    format: 'jsonl',
    threads: 2,
    analysis,
    limits: LIMITS,
    now: NOW,
    onSkip: (label, reason) => skipped.push(`${label}: ${reason}`),
    ...options,
  });
  const text = readFileSync(out, 'utf8');
  const rows =
    options.format === 'csv'
      ? []
      : text
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as BatchRow);
  return { summary, rows, skipped, out };
}

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('ondo batch', () => {
  it('with --clean, scores only the new text of a helpdesk export whose bodies carry their history', async () => {
    // As given, a quoted history counts when the new text presses on it (analysis/quoted-history.ts);
    // --clean strips it, as a raw mail is read.
    const body = [
      '交換品がまだ届いておりません。',
      '',
      '> 何度も連絡しているのに返事がありません。ふざけないでください。消費者センターに相談します。',
    ].join('\n');
    const input = write('export.jsonl', JSON.stringify({ id: 'T-1', body }));
    const asGiven = await batch(input);
    const cleaned = await batch(input, { clean: true });
    expect(asGiven.rows[0]).toMatchObject({ id: 'T-1', level: 'furious', escalate: true });
    expect(cleaned.rows[0]).toMatchObject({ id: 'T-1', escalate: false });
    expect(cleaned.rows[0]!.level).not.toBe('furious');
  });

  it('triages every mail of a JSON Lines file into one row each, in input order, as triage does', async () => {
    const fixtures = readFileSync(new URL('../fixtures/emails.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(0, 30);
    const input = write('mails.jsonl', [...fixtures.slice(0, 10), '{"id":"broken",', ...fixtures.slice(10)].join('\n'));
    const { rows, skipped, summary } = await batch(input);

    expect(skipped).toEqual([expect.stringMatching(/^line 11: not JSON/)]);
    expect(summary).toMatchObject({ triaged: 30, skipped: 1, interrupted: false, kind: 'jsonl' });
    const mails = fixtures.map((line) => JSON.parse(line) as { id: string; subject: string; body: string });
    expect(rows.map((r) => r.id)).toEqual(mails.map((m) => m.id));
    const drafting = loadDrafting(engine.dictionaries);
    for (const [i, mail] of mails.entries()) {
      const expected = triage(engine, drafting, { subject: mail.subject, body: mail.body }, NOW);
      expect(rows[i]).toMatchObject({
        id: mail.id,
        level: expected.tone.level,
        anger: expected.tone.anger,
        urgency: expected.tone.urgency,
        politeButAnnoyed: expected.tone.politeButAnnoyed,
        scenario: expected.scenario.primary,
        scenarioConfidence: expected.scenario.confidence,
        scenarioUnsure: expected.scenario.generalDraft,
        priority: expected.routing.priority,
        escalate: expected.routing.escalate,
        replyBy: expected.routing.replyBy,
      });
      const strongest = [...expected.tone.evidence].sort((a, b) => b.contribution - a.contribution).find((e) => e.contribution > 0);
      expect(rows[i]!.evidence[0]?.entryId).toBe(strongest?.entryId);
    }
  });

  it('with --drafts, writes each draft and its lint findings as triage composes them; without, composes none', async () => {
    const fixtures = readFileSync(new URL('../fixtures/emails.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(0, 8);
    const input = write('drafts.jsonl', fixtures.join('\n'));
    const [plain, drafted] = [await batch(input), await batch(input, { drafts: true })];

    expect(plain.rows.every((row) => !('draft' in row) && !('lint' in row))).toBe(true);
    const drafting = loadDrafting(engine.dictionaries);
    for (const [i, line] of fixtures.entries()) {
      const mail = JSON.parse(line) as { subject: string; body: string };
      const expected = triage(engine, drafting, { subject: mail.subject, body: mail.body }, NOW);
      const { draft, lint, ...row } = drafted.rows[i]!;
      expect(row).toEqual(plain.rows[i]);
      expect(draft).toEqual({ subject: expected.draft.subject, text: expected.draft.text, placeholders: expected.draft.placeholders });
      expect(lint).toEqual(expected.lint);
    }
  });

  it('with --drafts, adds the draft, its placeholders and its lint findings as CSV columns', async () => {
    const input = write('drafts-csv.jsonl', JSON.stringify({ id: 'D-1', subject: '注文について', body: '注文した商品がまだ届きません。' }));
    const { out } = await batch(input, { format: 'csv', drafts: true });
    const records = parse(readFileSync(out), { bom: true, columns: true }) as Record<string, string>[];

    expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS, ...CSV_DRAFT_COLUMNS]);
    expect(records[0]!.draftSubject).toBe('Re: 注文について');
    expect(records[0]!.draft).toContain('\n');
    expect(records[0]!.placeholders).toMatch(/^(【[^】]+】)+$/);
  });

  it('reads a Shift_JIS JSON Lines file, quoting a bad line in its skip message as written, not as mojibake', async () => {
    const lines = [
      JSON.stringify({ id: 'S-1', body: '表示されません。至急ご連絡ください。' }),
      '{"id":"S-2","body":"返信がありません" 怒}',
      JSON.stringify({ id: 'S-3', body: 'ご対応ありがとうございました。㈱髙橋商事' }),
    ];
    const input = write('sjis.jsonl', iconv.encode(lines.join('\r\n'), 'cp932'));
    const { rows, skipped } = await batch(input);

    expect(skipped).toEqual([expect.stringMatching(/^line 2: not JSON \(/)]);
    expect(skipped[0]).not.toContain('\uFFFD');
    const utf8 = await batch(write('utf8.jsonl', lines.join('\n')));
    expect(rows).toEqual(utf8.rows.map((row) => ({ ...row })));
    expect(skipped).toEqual(utf8.skipped);
  });

  it('reads a Shift_JIS helpdesk CSV with a column mapping, skips its malformed row and writes CSV for Excel', async () => {
    const csv = [
      'チケットID,件名,本文,作成日時',
      'T-1,返金について,"何度も問い合わせているのに返信がありません。\r\n至急ご連絡ください。",2026/11/20 10:15',
      'T-2,壊れた行',
      'T-3,お礼,"丁寧なご対応ありがとうございました。㈱髙橋商事",2026/11/21 09:00',
    ].join('\r\n');
    const input = write('tickets.csv', iconv.encode(csv, 'cp932'));
    const { out, skipped, summary } = await batch(input, {
      format: 'csv',
      columns: { id: 'チケットID', subject: '件名', body: '本文', receivedAt: '作成日時' },
    });

    expect(skipped).toEqual(['row 3: expected 4 fields as in the header, found 2']);
    expect(summary).toMatchObject({ triaged: 2, skipped: 1 });
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.id)).toEqual(['T-1', 'T-3']);
    expect(records[0]).toMatchObject({ level: 'angry', escalate: 'false' });
    expect(records[0]!.evidence).toContain('「返信がありません」');
    // the ticket's own date, not the batch's start, sets the deadline
    expect(records[0]!.replyBy).toMatch(/^2026-11-20T/);
    expect(records[1]).toMatchObject({ level: 'calm', scenario: 'thanks' });
  });

  it('triages a folder of .eml files by file name, reporting the undecodable ones', async () => {
    const folder = join(dir, 'eml');
    mkdirSync(folder);
    for (const name of [
      'iso2022jp-base64.eml',
      'sjis-8bit-cp932-chars.eml',
      'thread-re-re-re-two-prior-contacts.eml',
      'error-not-a-mail-json.eml',
    ]) {
      copyFileSync(join(MAIL_FIXTURES, name), join(folder, name));
    }
    const { rows, skipped } = await batch(folder);

    expect(rows.map((r) => r.id)).toEqual(['iso2022jp-base64.eml', 'sjis-8bit-cp932-chars.eml', 'thread-re-re-re-two-prior-contacts.eml']);
    expect(skipped).toEqual([expect.stringMatching(/^error-not-a-mail-json\.eml: not-a-mail: /)]);
    // two earlier customer messages in the quoted history raise urgency
    const thread = rows[2]!;
    expect(thread.urgency).toBeGreaterThan(rows[0]!.urgency);
  });

  it('skips a mail over the size limit and one that outlasts the reading budget, each with its reason, and triages the rest', async () => {
    const folder = join(dir, 'pathological');
    mkdirSync(folder);
    const mail = (contentType: string, body: string) =>
      ['From: customer@example.jp', 'Subject: お問い合わせ', `Content-Type: ${contentType}; charset=utf-8`, '', body].join('\r\n');
    copyFileSync(join(MAIL_FIXTURES, 'iso2022jp-base64.eml'), join(folder, 'a-ordinary.eml'));
    writeFileSync(join(folder, 'c-long.eml'), mail('text/plain', '返金してください。'.repeat(5_000)));
    copyFileSync(join(MAIL_FIXTURES, 'sjis-8bit-cp932-chars.eml'), join(folder, 'd-ordinary.eml'));
    const { rows, skipped, summary } = await batch(folder);
    expect(rows.map((r) => r.id)).toEqual(['a-ordinary.eml', 'd-ordinary.eml']);
    expect(skipped).toEqual(['c-long.eml: the mail body is 135000 bytes; the limit is 102400 bytes']);
    expect(summary).toMatchObject({ triaged: 2, skipped: 1, interrupted: false });

    // Dense markup just under the HTML bound (10 × the body limit) takes html-to-text 0.1–0.4 s on a quiet
    // machine: a pool with a 40 ms reading budget stops it, and the run goes on and ends.
    const dense = join(dir, 'dense');
    mkdirSync(dense);
    const cell = '<div class="m"><span>商品が届きません</span></div>';
    writeFileSync(
      join(dense, 'b-dense.eml'),
      mail('text/html', cell.repeat(Math.floor((LIMITS.maxBodyBytes * 10 - 200) / Buffer.byteLength(cell)))),
    );
    const tight = await openAnalysis({ threads: 1, mailReadBudgetMs: 40 });
    try {
      const started = performance.now();
      const stopped = await batch(dense, { analysis: tight });
      expect(stopped.skipped).toEqual([
        'b-dense.eml: read-budget-exceeded: reading the mail took longer than 40 ms (MAIL_READ_BUDGET_MS); it was stopped',
      ]);
      expect(stopped.summary).toMatchObject({ triaged: 0, skipped: 1, interrupted: false });
      expect(performance.now() - started).toBeLessThan(15_000);
    } finally {
      await tight.close();
    }
  }, 60_000);

  it('splits an mbox into its messages and names each by its Message-ID', async () => {
    const from = (n: number) => `From customer${n}@example.jp Fri Nov 20 10:0${n}:00 2026\n`;
    const message = (n: number, body: string) =>
      `${from(n)}From: customer${n}@example.jp\nMessage-ID: <mbox-${n}@example.jp>\nSubject: =?UTF-8?B?${Buffer.from(`問い合わせ${n}`).toString('base64')}?=\nDate: Fri, 20 Nov 2026 10:0${n}:00 +0900\nContent-Type: text/plain; charset=UTF-8\n\n${body}\n\n`;
    const mbox = [
      message(1, 'いつもお世話になっております。\n注文した商品がまだ届きません。'),
      message(2, 'ふざけるな！！\n>From the mbox escape: 返金しろ'),
      message(3, 'ありがとうございました。'),
    ].join('');
    const { rows, summary } = await batch(write('inbox.mbox', mbox), { report: join(dir, 'mbox-report.html') });

    expect(summary.kind).toBe('mbox');
    expect(rows.map((r) => [r.id, r.level, r.scenario])).toEqual([
      ['<mbox-1@example.jp>', 'concerned', 'delivery-delay'],
      ['<mbox-2@example.jp>', 'furious', expect.any(String)],
      ['<mbox-3@example.jp>', 'calm', expect.any(String)],
    ]);
    const furious = summary.facts.hottest[0]!;
    expect(furious.subject).toBe('問い合わせ2');
    expect(furious.body).toContain('\nFrom the mbox escape');
    // each message is triaged as of its Date header, not the batch's start
    const drafting = loadDrafting(engine.dictionaries);
    const asOf = (receivedAt?: string) =>
      triage(
        engine,
        drafting,
        { subject: '問い合わせ1', body: 'いつもお世話になっております。\n注文した商品がまだ届きません。', receivedAt },
        NOW,
      ).routing.replyBy;
    expect(rows[0]!.replyBy).toBe(asOf('2026-11-20T10:01:00+09:00'));
    expect(rows[0]!.replyBy).not.toBe(asOf());
  });

  it('writes a self-contained report with the counts, the hottest mails and their evidence, escaping mail text', async () => {
    const mails = [
      {
        id: 'x<1>',
        subject: '<script>alert("件名")</script>',
        body: 'ふざけるな！！何度も問い合わせているのに返信がありません。<script>alert(1)</script>',
      },
      { id: 'x2', subject: '配送', body: '注文した商品がまだ届きません。' },
      { id: 'x3', body: 'ありがとうございました。' },
    ];
    const report = join(dir, 'report.html');
    await batch(write('report.jsonl', mails.map((m) => JSON.stringify(m)).join('\n')), { report });
    const html = readFileSync(report, 'utf8');

    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;件名&quot;)&lt;/script&gt;');
    expect(html).toContain('x&lt;1&gt;');
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).toMatch(/<tr data-level="angry">.*<td class="num">1<\/td>/);
    expect(html).toMatch(/<tr data-level="calm">.*<td class="num">1<\/td>/);
    expect(html).toMatch(/<tr data-scenario="delivery-delay"><td>配送遅延・未着<\/td><td class="num">1<\/td>/);
    expect(html).toContain('<svg class="chart" id="distribution"');
    expect(html).toMatch(/<mark title="[^"]+">返信がありません<\/mark>/);
    expect(html).toMatch(/<span class="term">返信がありません<\/span>/);
  });

  it('with --drafts, shows the draft of each mail in the report beside it, escaped, with the findings of the linter', async () => {
    const mails = [
      {
        id: 'r1',
        subject: '<b>返金</b>について',
        body: 'ふざけるな！！何度も問い合わせているのに返信がありません。<script>alert(1)</script>',
      },
      { id: 'r2', subject: '配送', body: '注文した商品がまだ届きません。' },
    ];
    const report = join(dir, 'drafts-report.html');
    const { rows } = await batch(write('drafts-report.jsonl', mails.map((m) => JSON.stringify(m)).join('\n')), { report, drafts: true });
    const html = readFileSync(report, 'utf8');

    expect(html.match(/<details class="draft">/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|<b>/i);
    expect(html).toContain('件名: Re: &lt;b&gt;返金&lt;/b&gt;について');
    const firstLine = rows[0]!.draft!.text.split('\n')[0]!;
    expect(html).toContain(`<div class="draft-text">${firstLine}`);
  });

  it('reads the manual as the API does: from the parsed-YAML cache, written on the first run', async () => {
    const cacheDir = join(dir, 'yaml-cache');
    const input = write('cached.jsonl', '{"body":"返信がありません"}\n');
    const run = (out: string) =>
      runBatch({ input, out: join(dir, out), format: 'jsonl', threads: 1, dictionaryCacheDir: cacheDir, limits: LIMITS });
    await run('cached-1.jsonl');
    const [cache] = readdirSync(cacheDir).filter((name) => name.startsWith('parsed-yaml-'));
    expect(cache).toBeDefined();
    const written = statSync(join(cacheDir, cache!)).mtimeMs;
    await run('cached-2.jsonl');
    // A second run found every file in the cache, so it had nothing to write back.
    expect(statSync(join(cacheDir, cache!)).mtimeMs).toBe(written);
    expect(readFileSync(join(dir, 'cached-2.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'cached-1.jsonl'), 'utf8'));
  }, 120_000);

  it('stops before writing anything when a dictionary is broken, naming its file, line and entry', async () => {
    const broken = join(dir, 'broken-dictionaries');
    cpSync(new URL('../../dictionaries', import.meta.url).pathname, broken, { recursive: true });
    writeFileSync(
      join(broken, 'tone/zz-broken.yaml'),
      'category: anger\nentries:\n  - id: anger.test-broken\n    pattern: ぷんぷん\n    match: lemma\n    weight: 450\n    note: テスト\n',
    );
    const out = join(dir, 'never.jsonl');
    const input = write('one.jsonl', '{"body":"返信がありません"}\n');
    await expect(runBatch({ input, out, format: 'jsonl', threads: 1, dictionariesDir: broken, limits: LIMITS })).rejects.toThrow(
      'the analysis threads could not start: tone/zz-broken.yaml:6 (entry anger.test-broken): /entries/0/weight: must be <= 100',
    );
    expect(existsSync(out)).toBe(false);
  });
});
