/** JSON Lines: one mail object a line, UTF-8 or Shift_JIS; a line that is no JSON object is reported and skipped. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { BatchInput, InputItem } from './batch-input.js';
import { openText, sniffEncoding } from './charset.js';
import { resolveColumns, toMailFields, type ColumnMapping } from './fields.js';

export async function jsonlInput(path: string, mapping: ColumnMapping, encoding: string | undefined): Promise<BatchInput> {
  const charset = encoding ?? (await sniffEncoding(path));
  async function* items(): AsyncGenerator<InputItem> {
    const lines = createInterface({ input: openText(path, charset), crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const rawLine of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
      if (line.trim() === '') continue;
      const label = `line ${lineNumber}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        yield { label, problem: `not JSON (${(error as Error).message})` };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { label, problem: 'not a JSON object' };
        continue;
      }
      const row = value as Record<string, unknown>;
      const fields = toMailFields(row, resolveColumns(Object.keys(row), mapping), String(lineNumber));
      yield 'problem' in fields ? { label, problem: fields.problem } : { label, task: { kind: 'fields', fields } };
    }
  }
  return { kind: 'jsonl', items, count: () => countLines(path) };
}

/** Lines with any text: a byte scan, cheaper than parsing every line beside the workers. */
async function countLines(path: string): Promise<number> {
  let count = 0;
  let hasText = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 0x0a) {
        if (hasText) count++;
        hasText = false;
      } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
        hasText = true;
      }
    }
  }
  return hasText ? count + 1 : count;
}
