/**
 * CSV exports of helpdesks and Excel: a header row, quoted multi-line fields, a UTF-8 BOM or
 * Shift_JIS (CP932) bytes. A record the parser cannot read, or with the wrong number of fields,
 * is reported by its row (the header is row 1, as in Excel) and skipped. Rows, not lines: the
 * parser's line count drifts on CRLF files with multi-line fields.
 */
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { countItems, InputError, type BatchInput, type InputItem } from './batch-input.js';
import { sniffEncoding } from './charset.js';
import { MAIL_FIELDS, resolveColumns, toMailFields, type ColumnMapping } from './fields.js';

export async function csvInput(path: string, mapping: ColumnMapping, encoding: string | undefined): Promise<BatchInput> {
  const charset = encoding ?? (await sniffEncoding(path));
  async function* items(): AsyncGenerator<InputItem> {
    // Rows are counted as Excel counts them (the header is row 1); the parser counts only the
    // records it could read, so the skipped ones are added back here, in parse order.
    let skips = 0;
    const skipped: { row: number; item: InputItem }[] = [];
    const rows: number[] = [];
    const parser = parse({
      bom: true,
      delimiter: extname(path).toLowerCase() === '.tsv' ? '\t' : ',',
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        const row = Number(error?.records ?? 0) + ++skips;
        skipped.push({ row, item: { label: `row ${row}`, problem: error?.message ?? 'unreadable record' } });
        return undefined;
      },
      on_record: (record, context) => {
        rows.push(context.records + skips);
        return record;
      },
    });
    const source: Readable = createReadStream(path);
    source.on('error', (error) => parser.destroy(error));
    (charset === 'utf8' ? source : source.pipe(iconv.decodeStream(charset))).pipe(parser);
    const skippedBefore = function* (row: number) {
      while (skipped.length > 0 && skipped[0]!.row < row) yield skipped.shift()!.item;
    };
    let header: string[] | undefined;
    let columns: ColumnMapping = {};
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        const row = rows.shift()!;
        yield* skippedBefore(row);
        if (!header) {
          header = record.map((name) => name.trim());
          columns = checkedColumns(header, mapping);
          continue;
        }
        const label = `row ${row}`;
        if (record.length !== header.length) {
          yield { label, problem: `expected ${header.length} fields as in the header, found ${record.length}` };
          continue;
        }
        const fields = toMailFields(Object.fromEntries(header.map((name, i) => [name, record[i]])), columns, String(row));
        yield 'problem' in fields ? { label, problem: fields.problem } : { label, task: { kind: 'fields', fields } };
      }
      yield* skippedBefore(Infinity);
    } finally {
      source.destroy();
    }
  }
  return { kind: 'csv', items, count: () => countItems(items()) };
}

/** The header must have a body column; a column named by --columns must exist. */
function checkedColumns(header: readonly string[], mapping: ColumnMapping): ColumnMapping {
  for (const field of MAIL_FIELDS) {
    const column = mapping[field];
    if (column !== undefined && !header.includes(column)) {
      throw new InputError(`--columns ${field}=${column}: the header has no such column (columns: ${header.join(', ')})`);
    }
  }
  const columns = resolveColumns(header, mapping);
  if (columns.body === undefined) {
    throw new InputError(`no body column: name it with --columns body=<column> (columns: ${header.join(', ')})`);
  }
  return columns;
}
