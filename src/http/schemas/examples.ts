/**
 * Named request examples, the ones /docs pre-fills for "Try it out" and generated clients show:
 * typed by the schema they illustrate, and each one executed against the app in test/contract.
 */
import type { Static, TSchema } from 'typebox';

export interface RequestExample<T> {
  summary: string;
  value: T;
}

/** The body schema with its examples (@fastify/swagger moves `x-examples` to the request body's media examples). */
export function withExamples<T extends TSchema>(schema: T, examples: Record<string, RequestExample<Static<T>>>): T {
  return { ...schema, 'x-examples': examples };
}

/** The mail the examples share: polite, and annoyed (a second enquiry about a late delivery). */
export const EXAMPLE_MAIL = {
  subject: 'Re: 注文した商品が届きません',
  body:
    'お世話になっております。山田です。\n11月18日に注文した商品がまだ届いておりません。\n' +
    '先日もお問い合わせしましたが、ご回答をいただけておりません。\nお忙しい中恐縮ですが、ご回答をお待ちしております。',
};

export const EXAMPLE_RAW_MAIL = [
  'From: 山田 花子 <hanako.yamada@example.jp>',
  'To: support@example.co.jp',
  'Subject: =?UTF-8?B?5rOo5paH44GX44Gf5ZWG5ZOB44GM5bGK44GN44G+44Gb44KT?=',
  'Date: Thu, 26 Nov 2026 10:15:00 +0900',
  'Message-ID: <20261126101500.4242@mail.example.jp>',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'いつもお世話になっております。',
  '11月18日に注文したマグカップがまだ届きません。',
  '12月1日までに必要なので、至急確認していただけますでしょうか。',
  '',
  '> 2026/11/20 カスタマーサポート:',
  '> 発送準備中です。',
  '',
].join('\r\n');
