import iconv from 'iconv-lite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchCommand } from '../../src/cli/batch/command.js';
import { terminalFor } from '../../src/cli/terminal-text.js';
import { terminalCharset } from '../../src/config.js';

function byteSink(): { write: (chunk: string | Uint8Array) => boolean; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  return { write: (chunk) => (chunks.push(Buffer.from(chunk)), true), bytes: () => Buffer.concat(chunks) };
}

describe('terminalCharset', () => {
  it('reads the codeset of the locale, LC_ALL before LC_CTYPE before LANG', () => {
    expect(terminalCharset({ LANG: 'ja_JP.eucJP' })).toBe('eucJP');
    expect(terminalCharset({ LANG: 'ja_JP.UTF-8', LC_CTYPE: 'ja_JP.SJIS' })).toBe('SJIS');
    expect(terminalCharset({ LC_ALL: 'ja_JP.utf8', LC_CTYPE: 'ja_JP.SJIS' })).toBe('utf8');
    expect(terminalCharset({ LANG: 'de_DE.ISO-8859-15@euro' })).toBe('ISO-8859-15');
  });

  it('is UTF-8 when the locale names no codeset (C, POSIX, none on Windows)', () => {
    expect(terminalCharset({ LANG: 'C' })).toBe('utf8');
    expect(terminalCharset({})).toBe('utf8');
  });
});

describe('terminalFor', () => {
  const message = 'ondo batch: skipped line 2: not JSON (Unexpected token \'怒\', "{"body":"返信がありません" 怒}" is not valid JSON)\n';

  it('writes a skip message on an EUC-JP terminal in EUC-JP', () => {
    const [out, err] = [byteSink(), byteSink()];
    terminalFor('eucJP', out, err).err.write(message);
    expect(err.bytes()).toEqual(iconv.encode(message, 'eucjp'));
    expect(out.bytes()).toHaveLength(0);
  });

  it('leaves text as it is on a UTF-8 terminal, and on one whose charset it does not know', () => {
    for (const charset of ['utf8', 'x-no-such-charset']) {
      const err = byteSink();
      terminalFor(charset, byteSink(), err).err.write(message);
      expect(err.bytes().toString('utf8')).toBe(message);
    }
  });

  it('says when the charset has no block characters for the progress bar', () => {
    expect(terminalFor('eucJP', byteSink(), byteSink()).blocks).toBe(false);
    expect(terminalFor('utf8', byteSink(), byteSink()).blocks).toBe(true);
  });
});

describe('ondo batch on an EUC-JP terminal', () => {
  it('writes the skip message of a Shift_JIS line, and the summary, in EUC-JP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ondo-terminal-'));
    try {
      const input = join(dir, 'sjis.jsonl');
      writeFileSync(input, iconv.encode('{"id":"1","body":"表示されません"}\n{"id":"2","body":"返信がありません" 怒}\n', 'cp932'));
      const [out, err] = [byteSink(), byteSink()];
      const code = await batchCommand([input, '--out', join(dir, 'out.jsonl'), '--threads', '1'], terminalFor('eucJP', out, err));
      expect(code).toBe(0);
      expect(iconv.decode(err.bytes(), 'eucjp')).toContain('ondo batch: skipped line 2: not JSON (');
      expect(iconv.decode(err.bytes(), 'eucjp')).not.toContain('\uFFFD');
      expect(iconv.decode(out.bytes(), 'eucjp')).toMatch(/^ondo batch: 1 mails triaged → .*out\.jsonl, 1 skipped\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
