/** Bounded request primitives shared by every route: every string has a maxLength. */
import { Type, type Static } from 'typebox';

export const SUBJECT_MAX_LENGTH = 2_000;
/** Hard schema ceiling; the configured MAX_BODY_BYTES (default 100 KB) is enforced on UTF-8 bytes. */
export const BODY_MAX_LENGTH = 2_000_000;

export const MailInput = Type.Object(
  {
    subject: Type.Optional(
      Type.String({ maxLength: SUBJECT_MAX_LENGTH, description: 'Subject line (件名). Scored with more weight than the body.', examples: ['Re: 注文した商品が届きません'] }),
    ),
    body: Type.String({
      minLength: 1,
      maxLength: BODY_MAX_LENGTH,
      pattern: '\\S',
      description: 'The mail body as plain text (本文), UTF-8. Must contain a non-space character; at most MAX_BODY_BYTES (default 100 KB) in UTF-8.',
      examples: ['お世話になっております。\n11月18日に注文した商品がまだ届いておりません。\n先日もお問い合わせしましたが、ご回答をいただけておりません。\nお忙しい中恐縮ですが、ご回答をお待ちしております。'],
    }),
  },
  { additionalProperties: false },
);
export type MailInput = Static<typeof MailInput>;
