/** Raw mail inputs: a folder of .eml files, or an mbox file split into its messages. */
import { createReadStream } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { countItems, InputError, type BatchInput, type InputItem } from './batch-input.js';

export async function emlFolderInput(folder: string): Promise<BatchInput> {
  const files = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.eml$/i.test(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (files.length === 0) throw new InputError(`${folder}: no .eml files`);
  return emlFilesInput(files.map((name) => join(folder, name)));
}

export function emlFilesInput(paths: readonly string[]): BatchInput {
  async function* items(): AsyncGenerator<InputItem> {
    for (const path of paths) {
      const label = basename(path);
      try {
        yield { label, task: { kind: 'raw', id: label, preferMessageId: false, bytes: await readFile(path) } };
      } catch (error) {
        yield { label, problem: (error as Error).message };
      }
    }
  }
  return { kind: 'eml', items, count: async () => paths.length };
}

const FROM_ = Buffer.from('From ');
const ESCAPED_FROM = /^>+From /;

/**
 * mbox (mboxo and mboxrd): a message starts at a "From " line at the top of the file or after an
 * empty line; ">From " lines in bodies lose one ">" (mboxrd). Read as bytes: bodies may be in any charset.
 */
export function mboxInput(path: string): BatchInput {
  const name = basename(path);
  async function* items(): AsyncGenerator<InputItem> {
    let lineNumber = 0;
    let message: Buffer[] | undefined;
    let number = 0;
    let startLine = 0;
    let previousBlank = true;
    const finish = (): InputItem | undefined => {
      if (!message) return undefined;
      const label = `message ${number} (line ${startLine})`;
      const item: InputItem = {
        label,
        task: { kind: 'raw', id: `${name}#${number}`, preferMessageId: true, bytes: Buffer.concat(message) },
      };
      message = undefined;
      return item;
    };
    for await (const line of byteLines(path)) {
      lineNumber++;
      const isSeparator = previousBlank && line.subarray(0, FROM_.length).equals(FROM_);
      previousBlank = line.length === 1 || (line.length === 2 && line[0] === 0x0d);
      if (isSeparator) {
        const done = finish();
        if (done) yield done;
        message = [];
        number++;
        startLine = lineNumber;
        continue;
      }
      if (!message) throw new InputError(`${path}: not an mbox (line ${lineNumber} comes before any "From " line)`);
      message.push(line[0] === 0x3e && ESCAPED_FROM.test(line.subarray(0, 80).toString('latin1')) ? line.subarray(1) : line);
    }
    const last = finish();
    if (last) yield last;
  }
  return { kind: 'mbox', items, count: () => countItems(items()) };
}

/** The file's lines as bytes, each with its "\n": views into the read chunks, copied once by Buffer.concat. */
async function* byteLines(path: string): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(0x0a, start); end >= 0; end = data.indexOf(0x0a, start)) {
      yield data.subarray(start, end + 1);
      start = end + 1;
    }
    rest = data.subarray(start);
  }
  if (rest.length) yield rest;
}
