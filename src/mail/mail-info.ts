/** What ondo read from a raw mail: the clean text it scored and what it removed (a TypeBox schema for the API). */
import { Type, type Static } from 'typebox';

export const MailInfo = Type.Object(
  {
    text: Type.String({ description: "The customer's new text that was scored; evidence offsets (field body) point into it" }),
    subject: Type.String({ description: 'Decoded subject (RFC 2047 encoded words resolved)' }),
    from: Type.Optional(
      Type.Object({ name: Type.Optional(Type.String()), address: Type.Optional(Type.String()) }, { additionalProperties: false }),
    ),
    messageId: Type.Optional(Type.String()),
    charset: Type.Optional(Type.String({ description: 'Charset the body was decoded with', examples: ['iso-2022-jp'] })),
    bodySource: Type.Union([Type.Literal('text/plain'), Type.Literal('text/html')], {
      description: 'text/html when the mail had no plain-text part',
    }),
    stripped: Type.Object(
      {
        quotedLines: Type.Integer({
          description: 'Lines of quoted history removed (> quotes, 「-----Original Message-----」, Outlook/Gmail headers, forwards)',
        }),
        signatureLines: Type.Integer({ description: 'Signature lines removed (-- , rule lines, company/address/TEL blocks)' }),
      },
      { additionalProperties: false },
    ),
    thread: Type.Object(
      {
        replyDepth: Type.Integer({ description: 'Re: depth of the subject or quoted messages, whichever is larger' }),
        priorContacts: Type.Integer({ description: 'Earlier customer messages found in the quoted history; they raise urgency' }),
        forwarded: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    attachments: Type.Array(
      Type.Object(
        { filename: Type.Optional(Type.String()), contentType: Type.String(), size: Type.Integer({ description: 'bytes' }) },
        { additionalProperties: false },
      ),
      { description: 'Attachments are listed, never read' },
    ),
  },
  {
    title: 'MailInfo',
    additionalProperties: false,
    description: 'Present when the request carried a raw mail, or a body with clean: true',
  },
);
export type MailInfo = Static<typeof MailInfo>;
