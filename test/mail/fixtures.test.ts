import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanMailText, MailDecodeError, parseRawMail } from '../../src/mail/index.js';
import type { ExpectedMail } from '../fixtures/mail/build-fixtures.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/mail');
const names = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.eml'))
  .map((file) => file.slice(0, -'.eml'.length))
  .sort();

function load(name: string) {
  const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as ExpectedMail;
  const textFile = join(FIXTURES, `${name}.expected.txt`);
  const text = existsSync(textFile) ? readFileSync(textFile, 'utf8').replace(/\n$/u, '') : undefined;
  return { raw: readFileSync(join(FIXTURES, `${name}.eml`)), expected, text };
}

describe('mail fixtures', () => {
  it('has at least 30 generated .eml files', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  for (const name of names) {
    const { raw, expected, text } = load(name);
    if (expected.error) {
      it(`${name}: refuses with ${expected.error}`, async () => {
        const error = await parseRawMail(raw).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(MailDecodeError);
        expect((error as MailDecodeError).code).toBe(expected.error);
        expect((error as MailDecodeError).message.length).toBeGreaterThan(10);
      });
      continue;
    }
    it(`${name}: parses to its expected clean text`, async () => {
      const mail = await parseRawMail(raw);
      const clean = cleanMailText(mail.text, mail);
      expect(clean.text).toBe(text);
      if (expected.subject !== undefined) expect(mail.subject).toBe(expected.subject);
      if (expected.from) expect(mail.from).toEqual(expected.from);
      if (expected.bodySource) expect(mail.bodySource).toBe(expected.bodySource);
      if (expected.charset) expect(mail.charset).toBe(expected.charset);
      expect(mail.declaredCharset).toBe(expected.declaredCharset);
      if (expected.attachments) expect(mail.attachments).toEqual(expected.attachments);
      if (expected.stripped) expect(clean.stripped).toEqual(expected.stripped);
      if (expected.thread) expect(clean.thread).toMatchObject(expected.thread);
    });
  }
});
