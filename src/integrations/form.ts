/**
 * Form bodies (multipart/form-data and application/x-www-form-urlencoded) parsed from the raw
 * bytes after they were verified. Multipart fields can be read as latin1, which keeps every byte:
 * SendGrid's parsed mode sends text in the mail's own charset (Shift_JIS …), named in `charsets`,
 * and busboy's default UTF-8 decoding would destroy it.
 */
import { Readable } from 'node:stream';
import { Busboy } from '@fastify/busboy';
import { WebhookPayloadError } from './errors.js';

export interface FormFields {
  fields: Map<string, string>;
  /** Attachments are counted, never read. */
  files: number;
}

export async function parseForm(raw: Buffer, contentType: string, options: { keepBytes?: boolean } = {}): Promise<FormFields> {
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    return { fields: new Map(new URLSearchParams(raw.toString('utf8'))), files: 0 };
  }
  if (!/^multipart\/form-data/i.test(contentType)) throw new WebhookPayloadError(`expected a form, got ${contentType}`);
  return new Promise<FormFields>((resolve, reject) => {
    const fields = new Map<string, string>();
    let files = 0;
    let parser: ReturnType<typeof createParser>;
    try {
      parser = createParser({
        headers: { 'content-type': contentType },
        defCharset: options.keepBytes ? 'latin1' : 'utf8',
        limits: { fieldSize: 40 * 1024 * 1024, fields: 200 },
      });
    } catch (err) {
      reject(new WebhookPayloadError(`unreadable multipart body: ${(err as Error).message}`));
      return;
    }
    parser.on('field', (name: string, value: string) => fields.set(name, value));
    parser.on('file', (_name: string, stream: NodeJS.ReadableStream) => {
      files += 1;
      stream.resume();
    });
    parser.on('error', (err: Error) => reject(new WebhookPayloadError(`unreadable multipart body: ${err.message}`)));
    parser.on('finish', () => resolve({ fields, files }));
    Readable.from([raw]).pipe(parser);
  });
}

function createParser(config: ConstructorParameters<typeof Busboy>[0]) {
  return new Busboy(config);
}
