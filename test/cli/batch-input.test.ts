import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReceivedAt, resolveColumns, toMailFields } from '../../src/cli/batch/input/fields.js';
import { openBatchInput, parseColumnMapping, type InputItem } from '../../src/cli/batch/input/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ondo-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function read(path: string, options: Parameters<typeof openBatchInput>[1] = {}): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of (await openBatchInput(path, options)).items()) items.push(item);
  return items;
}

const fieldsOf = (item: InputItem | undefined) => (item && 'task' in item && item.task.kind === 'fields' ? item.task.fields : undefined);
const problems = (items: InputItem[]) => items.flatMap((i) => ('problem' in i ? [`${i.label}: ${i.problem}`] : []));

const TICKETS = [
  'チケットID,件名,本文,作成日時',
  'T-1,配送について,"注文した商品がまだ届きません。\r\nいつ届きますか？",2026/11/20 10:15',
  'T-2,お礼,"丁寧な対応ありがとうございました。①㈱髙 ""助かりました""",2026/11/21 09:00',
  'T-3,壊れた行',
  'T-4,返金,"何度も問い合わせているのに返信がありません！",2026/11/22 18:30',
].join('\r\n');
const MAPPING = parseColumnMapping('id=チケットID,subject=件名,body=本文,receivedAt=作成日時');

describe('batch input: CSV', () => {
  it('reads a Shift_JIS export from Excel, with quoted multi-line fields and Windows characters', async () => {
    const items = await read(file('tickets-sjis.csv', iconv.encode(TICKETS, 'cp932')), { columns: MAPPING });
    expect(fieldsOf(items[0])).toEqual({
      id: 'T-1',
      subject: '配送について',
      body: '注文した商品がまだ届きません。\r\nいつ届きますか？',
      receivedAt: '2026-11-20T01:15:00.000Z',
    });
    expect(fieldsOf(items[1])?.body).toBe('丁寧な対応ありがとうございました。①㈱髙 "助かりました"');
  });

  it('reports a row with the wrong number of fields by its row (the header is row 1, as in Excel), and reads on', async () => {
    const items = await read(file('tickets-malformed.csv', iconv.encode(TICKETS, 'cp932')), { columns: MAPPING });
    expect(problems(items)).toEqual(['row 4: expected 4 fields as in the header, found 2']);
    expect(fieldsOf(items[3])?.id).toBe('T-4');
  });

  it('strips a UTF-8 BOM and finds the usual Japanese header names without --columns', async () => {
    const items = await read(file('tickets-bom.csv', `\uFEFF${TICKETS}`));
    expect(fieldsOf(items[0])).toMatchObject({ id: 'T-1', subject: '配送について' });
    expect(items).toHaveLength(4);
  });

  it('skips a record the parser cannot read and keeps the file order', async () => {
    const csv = 'id,body\n1,"返信がありません"\n2,"閉じた"後に文字"\n3,至急お願いします\n';
    const items = await read(file('bad-quote.csv', csv));
    expect(items.map((i) => i.label)).toEqual(['row 2', 'row 3', 'row 4']);
    expect(problems(items)[0]).toMatch(/^row 3: Invalid Closing Quote/);
  });

  it('refuses a header without a body column, naming the columns it has', async () => {
    await expect(read(file('no-body.csv', 'id,件名\n1,a\n'))).rejects.toThrow(
      /no body column: name it with --columns body=<column> \(columns: id, 件名\)/,
    );
    await expect(read(file('wrong-mapping.csv', 'id,本文\n1,a\n'), { columns: { body: 'Body' } })).rejects.toThrow(
      /--columns body=Body: the header has no such column/,
    );
  });
});

describe('batch input: JSON Lines', () => {
  it('reports lines that are not JSON objects or have no body, by line number', async () => {
    const lines = ['{"id":"a","body":"届きません"}', '', '{"id":"b",', '[1]', '{"id":"c","subject":"件名だけ"}', '{"id":"d","body":42}'];
    const items = await read(file('mails.jsonl', lines.join('\n')));
    expect(fieldsOf(items[0])).toEqual({ id: 'a', body: '届きません' });
    expect(problems(items)).toEqual([
      expect.stringMatching(/^line 3: not JSON/),
      'line 4: not a JSON object',
      'line 5: no body (name it with --columns body=<column>)',
      'line 6: body: expected text, found number',
    ]);
  });

  it('maps keys with --columns as it maps CSV columns', async () => {
    const items = await read(file('zendesk.jsonl', '{"ticket":7,"description":"至急","title":"請求"}\n'), {
      columns: parseColumnMapping('id=ticket,subject=title'),
    });
    expect(fieldsOf(items[0])).toEqual({ id: '7', subject: '請求', body: '至急' });
  });
});

describe('batch input: mbox', () => {
  it('splits at "From " lines after an empty line and unescapes ">From " in bodies', async () => {
    const mail = (n: number, body: string) =>
      `From sender@example.jp Mon Nov 24 10:00:00 2026\nMessage-ID: <${n}@example.jp>\nSubject: test ${n}\n\n${body}\n\n`;
    const path = file(
      'inbox.mbox',
      mail(1, 'こんにちは。\nFrom here on the text\nis not a new message') + mail(2, '>From the mbox escape\n>>From twice'),
    );
    const items = await read(path);
    expect(items.map((i) => i.label)).toEqual(['message 1 (line 1)', 'message 2 (line 9)']);
    const text = (item: InputItem | undefined) =>
      item && 'task' in item && item.task.kind === 'raw' ? Buffer.from(item.task.bytes).toString() : '';
    expect(text(items[0])).toContain('From here on the text\nis not a new message');
    expect(text(items[1])).toContain('\nFrom the mbox escape\n>From twice');
    expect(text(items[1])).not.toContain('From sender@');
  });

  it('refuses a file that does not start with a "From " line', async () => {
    await expect(read(file('not.mbox', 'Subject: hi\n\nbody\n'))).rejects.toThrow(/not an mbox/);
  });
});

describe('column mapping and dates', () => {
  it('rejects a field ondo does not know', () => {
    expect(() => parseColumnMapping('subject=件名,sender=差出人')).toThrow(
      /unknown field "sender"; fields are id, subject, body, receivedAt, customerName/,
    );
  });

  it('prefers --columns over the usual names', () => {
    expect(resolveColumns(['本文', 'メモ', '件名'], { body: 'メモ' })).toEqual({ body: 'メモ', subject: '件名' });
  });

  it('reads Excel dates as Japan time and refuses what is no date', () => {
    expect(parseReceivedAt('2026/11/20 10:15')).toBe('2026-11-20T01:15:00.000Z');
    expect(parseReceivedAt('2026-11-20T10:15:00+09:00')).toBe('2026-11-20T01:15:00.000Z');
    expect(parseReceivedAt('12')).toBeUndefined();
    expect(toMailFields({ b: '至急', d: '昨日' }, { body: 'b', receivedAt: 'd' }, '1')).toEqual({ problem: 'd: not a date: "昨日"' });
  });
});
