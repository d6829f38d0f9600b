/**
 * Plugs decodeTextBytes into mailparser through its `Iconv` option, so every text part with a
 * non-UTF-8 label reaches us as raw bytes and each decoding is recorded for error reporting.
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { IconvConstructor } from 'mailparser';
import { decodeTextBytes, type DecodedText } from './charsets.js';

// mailparser decodes parts labelled UTF-8 or US-ASCII itself, lossily; under this prefix they reach
// decodeTextBytes too, which recognises the Shift_JIS that web forms send labelled "utf-8".
const RELABEL_PREFIX = 'x-ondo-declared-';
const CONTENT_TYPE_CHARSET = /^(content-type:(?:[^\r\n]|\r?\n[ \t])*?charset\s*=\s*"?)(utf-?8|us-ascii|ascii)\b/gimu;

/**
 * The raw mail with every `Content-Type: …; charset=utf-8|us-ascii` header relabelled so that
 * mailparser hands those parts to the decoder below. Only header lines are touched; the bytes
 * (and so the part boundaries) otherwise stay as they were.
 */
export function relabelUtf8Parts(mail: Uint8Array): Buffer {
  const binary = Buffer.from(mail.buffer, mail.byteOffset, mail.length).toString('latin1');
  return Buffer.from(binary.replace(CONTENT_TYPE_CHARSET, `$1${RELABEL_PREFIX}$2`), 'latin1');
}

/** One text part mailparser handed over: what it declared and what we made of it. */
export interface DecodedPart extends DecodedText {
  declared: string;
}

/**
 * A node-iconv look-alike bound to `log`. mailparser calls `new Iconv(charset, 'UTF-8…')` for
 * every text part whose charset is neither UTF-8 nor US-ASCII (those it decodes itself).
 */
export function createPartCharsetDecoder(log: DecodedPart[]): IconvConstructor {
  return class PartCharsetDecoder extends Transform {
    private readonly chunks: Buffer[] = [];

    private readonly declared: string;

    constructor(label: string) {
      super();
      this.declared = label.startsWith(RELABEL_PREFIX) ? label.slice(RELABEL_PREFIX.length) : label;
    }

    override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
      this.chunks.push(chunk);
      done();
    }

    // Decoded as a whole: ISO-2022-JP is stateful and a chunk may end inside a character.
    override _flush(done: TransformCallback): void {
      const decoded = decodeTextBytes(Buffer.concat(this.chunks), this.declared);
      log.push({ declared: this.declared, ...decoded });
      done(null, Buffer.from(decoded.text, 'utf8'));
    }
  };
}
