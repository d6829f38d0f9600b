/** A pino logger at trace level whose lines a test can read: for proving what is (and is not) logged. */
import { Writable } from 'node:stream';
import pino from 'pino';

export function capturedLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  return { logger: pino({ level: 'trace' }, sink), lines };
}
