/**
 * The request bodies ondo accepts. JSON is decoded as strict UTF-8 (fastify's default parser would
 * turn invalid bytes into U+FFFD and ondo would score garbage silently); message/rfc822 arrives as
 * bytes and is handed to the routes as `{ raw, rawEncoding: 'base64' }`, the same shape as a raw
 * mail in JSON, so one schema validates both.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError } from '../problem.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export default fp(
  async function bodyParsers(app: FastifyInstance) {
    const parseJson = app.getDefaultJsonParser('error', 'ignore');
    // Only JSON and message/rfc822 are accepted: anything else is a 415, not a guess.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('message/rfc822', { parseAs: 'buffer' }, (_request, body, done) => {
      const bytes = body as Buffer;
      if (bytes.length === 0) {
        done(
          new ProblemError('undecodable-mail', 'The request body is empty; expected a raw RFC 822 mail.', { reason: 'not-a-mail' }),
          undefined,
        );
        return;
      }
      done(null, { raw: bytes.toString('base64'), rawEncoding: 'base64' });
    });
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      let text: string;
      try {
        text = strictUtf8.decode(body as Buffer);
      } catch {
        done(
          new ProblemError(
            'invalid-utf8',
            'The body contains bytes that are not valid UTF-8; send the mail as UTF-8 JSON or as message/rfc822.',
          ),
          undefined,
        );
        return;
      }
      if (text.trim() === '') {
        done(new ProblemError('invalid-json', 'The request body is empty; expected a JSON object.'), undefined);
        return;
      }
      void parseJson(request, text, (err, value) => {
        done(err ? new ProblemError('invalid-json', `The body is not valid JSON: ${err.message}`) : null, value);
      });
    });
  },
  { name: 'body-parsers' },
);
