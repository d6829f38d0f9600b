import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

const MAIL_DIR = new URL('../fixtures/mail/', import.meta.url);
const fixtures = readdirSync(MAIL_DIR)
  .filter((name) => name.endsWith('.eml') && !name.startsWith('error-'))
  .map((name) => readFileSync(new URL(name, MAIL_DIR)));

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

async function postRaw(raw: Buffer) {
  const res = await app.inject({ method: 'POST', url: '/v1/analyze', headers: { 'content-type': 'message/rfc822' }, payload: raw });
  expect([200, 400, 413, 422], `status ${res.statusCode}: ${res.body.slice(0, 300)}`).toContain(res.statusCode);
  if (res.statusCode !== 200) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res;
}

const replaceAll = (raw: Buffer, from: RegExp, to: string) => Buffer.from(raw.toString('latin1').replace(from, to), 'latin1');

/** Ways real mail arrives broken: cut off, wrong boundaries, lying charsets, flipped bytes. */
const mutation = fc.oneof(
  fc.nat().map((n) => (raw: Buffer) => raw.subarray(0, n % (raw.length + 1))),
  fc.constant((raw: Buffer) => replaceAll(raw, /boundary="?([^";\r\n]+)"?/gi, 'boundary="not-the-boundary"')),
  fc.constant((raw: Buffer) => replaceAll(raw, /^--[^\r\n]+$/gm, '--wrong')),
  fc
    .constantFrom('utf-8', 'shift_jis', 'iso-2022-jp', 'euc-jp', 'x-unknown-42', '', 'utf-7')
    .map((label) => (raw: Buffer) => replaceAll(raw, /charset="?[^";\s]+"?/gi, `charset=${label}`)),
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }).map((flips) => (raw: Buffer) => {
    const copy = Buffer.from(raw);
    for (const [at, byte] of flips) if (copy.length) copy[at % copy.length] = byte;
    return copy;
  }),
  fc.constant((raw: Buffer) => replaceAll(raw, /Content-Transfer-Encoding: \S+/gi, 'Content-Transfer-Encoding: base64')),
);

describe('mutated MIME', () => {
  it('answers problem+json or a result, never a 500, for truncated, re-bounded, relabelled and corrupted mails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fixtures), mutation, async (raw, mutate) => {
        await postRaw(mutate(raw));
      }),
      { numRuns: 150 },
    );
  });

  it('survives a huge header', async () => {
    const raw = Buffer.from(`Subject: ${'あ'.repeat(200_000)}\r\nX-Long: ${'x'.repeat(500_000)}\r\n\r\n至急ご確認ください。`);
    await postRaw(raw);
  });

  it('survives multipart nested 300 deep', async () => {
    let part = 'Content-Type: text/plain; charset=utf-8\r\n\r\n返信がありません。\r\n';
    for (let depth = 0; depth < 300; depth++) {
      part = `Content-Type: multipart/mixed; boundary="b${depth}"\r\n\r\n--b${depth}\r\n${part}--b${depth}--\r\n`;
    }
    await postRaw(Buffer.from(`Subject: nested\r\n${part}`));
  });

  it('survives random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), async (bytes) => {
        await postRaw(Buffer.from(bytes));
      }),
      { numRuns: 100 },
    );
  });
});
