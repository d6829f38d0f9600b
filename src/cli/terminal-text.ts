/**
 * Messages for the terminal in its own charset: on a ja_JP.eucJP or ja_JP.SJIS terminal a skip
 * message quoting a mail's line is written in that charset, not as UTF-8 mojibake.
 */
import iconv from 'iconv-lite';

/** Where a command writes text: stdout, stderr, or a test's buffer. */
export interface TextSink {
  write(text: string): unknown;
}

/** stdout or stderr: takes text or bytes. */
export interface ByteSink {
  write(chunk: string | Uint8Array): unknown;
}

export interface Terminal {
  out: TextSink;
  err: TextSink;
  /** Whether the charset can show the progress bar's block characters (█ ░). */
  blocks: boolean;
}

/** `charset`: an iconv-lite name, as terminalCharset gives it; an unknown one leaves the text UTF-8. */
export function terminalFor(charset: string, out: ByteSink, err: ByteSink): Terminal {
  if (charset === 'utf8' || !iconv.encodingExists(charset)) return { out, err, blocks: true };
  const encoded = (stream: ByteSink): TextSink => ({ write: (text) => stream.write(iconv.encode(text, charset)) });
  return { out: encoded(out), err: encoded(err), blocks: iconv.decode(iconv.encode('█░', charset), charset) === '█░' };
}
