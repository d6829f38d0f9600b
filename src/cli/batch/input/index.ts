/** Batch input: decides what a path holds (JSON Lines, CSV, .eml folder, mbox) and reads it as a stream of mails. */
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError, type BatchInput, type InputKind } from './batch-input.js';
import { csvInput } from './csv.js';
import type { ColumnMapping } from './fields.js';
import { jsonlInput } from './jsonl.js';
import { emlFilesInput, emlFolderInput, mboxInput } from './mail.js';

export { InputError, type BatchInput, type InputItem, type InputKind } from './batch-input.js';
export { parseColumnMapping, type ColumnMapping } from './fields.js';

export interface InputOptions {
  columns?: ColumnMapping;
  /** Forces the charset of CSV and JSON Lines (an iconv-lite name: utf8, cp932, euc-jp); sniffed otherwise. */
  encoding?: string;
}

export async function openBatchInput(path: string, options: InputOptions = {}): Promise<BatchInput> {
  const input = await inputFor(path, options);
  // Read the first item now: a CSV without a body column or a file that is no mbox is refused
  // at once, not after the workers have spent seconds loading.
  const first = input.items();
  try {
    await first.next();
  } finally {
    await first.return(undefined);
  }
  return input;
}

async function inputFor(path: string, options: InputOptions): Promise<BatchInput> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InputError(`${path}: no such file or folder`);
  if (info.isDirectory()) return emlFolderInput(path);
  switch (await kindOf(path)) {
    case 'jsonl':
      return jsonlInput(path, options.columns ?? {}, options.encoding);
    case 'csv':
      return csvInput(path, options.columns ?? {}, options.encoding);
    case 'mbox':
      return mboxInput(path);
    case 'eml':
      return emlFilesInput([path]);
  }
}

const BY_EXTENSION: Record<string, InputKind> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.mbox': 'mbox',
  '.mbx': 'mbox',
  '.eml': 'eml',
};

/** By extension, else by the first bytes: "From " is an mbox, "{" JSON Lines, anything else CSV. */
async function kindOf(path: string): Promise<InputKind> {
  const known = BY_EXTENSION[extname(path).toLowerCase()];
  if (known) return known;
  const file = await open(path);
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const text = head
      .subarray(0, bytesRead)
      .toString('latin1')
      .replace(/^\xEF\xBB\xBF/, '');
    if (text.startsWith('From ')) return 'mbox';
    return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
  } finally {
    await file.close();
  }
}
