/** Bounded request primitives shared by every route: every string has a maxLength. */
import { Type, type Static, type TSchema } from 'typebox';

import { BODY_MAX_LENGTH, RAW_MAX_LENGTH, SUBJECT_MAX_LENGTH } from '../../mail/mail-size.js';

export { BODY_MAX_LENGTH, RAW_MAX_LENGTH, SUBJECT_MAX_LENGTH };

/** The mail fields shared by /v1/analyze, /v1/triage and the lint route's customerMail. */
export const MailFields = {
  subject: Type.Optional(
    Type.String({
      maxLength: SUBJECT_MAX_LENGTH,
      description: 'Subject line (件名). Scored with more weight than the body.',
      examples: ['Re: 注文した商品が届きません'],
    }),
  ),
  body: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: BODY_MAX_LENGTH,
      pattern: '\\S',
      description:
        "The customer's text (本文) as plain UTF-8, scored as given: evidence offsets point into it. " +
        'At most MAX_BODY_BYTES (default 100 KB) of UTF-8. Give either body or raw.',
      examples: [
        'お世話になっております。\n11月18日に注文した商品がまだ届いておりません。\n先日もお問い合わせしましたが、ご回答をいただけておりません。\nお忙しい中恐縮ですが、ご回答をお待ちしております。',
      ],
    }),
  ),
  raw: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: RAW_MAX_LENGTH,
      description:
        'The whole mail as received (RFC 822/MIME: ISO-2022-JP, Shift_JIS, EUC-JP, UTF-8; HTML-only mails; attachments are listed, not read). ' +
        'Quoted history and signatures are removed and only the new text is scored; `mail.text` in the response is that text and evidence offsets point into it. ' +
        'Give either body or raw. The same can be sent as the request body with Content-Type: message/rfc822.',
    }),
  ),
  clean: Type.Optional(
    Type.Boolean({
      description:
        'With body: read it as a pasted mail, as a raw mail is read — quoted history ("> " lines, 「-----Original Message-----」, ' +
        'Gmail/Outlook headers) and the signature are removed and only the new text is scored, and earlier customer messages ' +
        'found in the quotes raise urgency. The response then carries `mail`: `mail.text` is the text scored and evidence offsets ' +
        'point into it. Default false: body is scored as given.',
    }),
  ),
  rawEncoding: Type.Optional(
    Type.Union([Type.Literal('base64'), Type.Literal('utf8')], {
      description:
        'How raw is encoded in this JSON: base64 of the mail bytes (default; keeps Shift_JIS and ISO-2022-JP intact) or utf8 text',
    }),
  ),
};

export const MailInput = Type.Object(MailFields, {
  title: 'MailInput',
  additionalProperties: false,
  description: 'A mail: either `body` (plain text) with an optional `subject`, or `raw` (the whole RFC 822 mail).',
});
export type MailInput = Static<typeof MailInput>;

/** The reply an agent sends, or is about to send, to the customer: `text` wherever a request carries it (lint, approve). */
export const ReplyText = Type.String({
  title: 'ReplyText',
  minLength: 1,
  maxLength: 20_000,
  pattern: '\\S',
  description: 'The reply text, as the agent wrote or edited it',
  examples: [
    '山田様\n\nお問い合わせいただき、誠にありがとうございます。\nご不便をおかけしており、申し訳ございません。\n本日中に配送状況を確認し、明日12時までにご連絡いたします。',
  ],
});

/** The query of a route listing a queue's jobs in one state: which state (default failed) and how many. */
export const StateListQuery = <State extends TSchema>(state: State, what: string) =>
  Type.Object(
    {
      state: Type.Optional({ ...state, description: `Which ${what} to list (default failed)` }),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'At most this many (default 50)' })),
    },
    { additionalProperties: false },
  );

/** The query of a paged list: page size and how many to skip (described when the route says what it skips). */
export const PageQuery = (skipped?: string) =>
  Type.Object(
    {
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size (default 50)' })),
      offset: Type.Optional(
        Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, ...(skipped === undefined ? {} : { description: skipped }) }),
      ),
    },
    { additionalProperties: false },
  );
