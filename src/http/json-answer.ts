/**
 * Sends an analysis the pool serialized already (JsonAnswer): the bytes as they are, with the type
 * fastify gives JSON. Its response schema is not applied again; test/http/json-answer.test.ts holds
 * those bytes to the route's schema.
 */
import type { FastifyReply } from 'fastify';

export function sendJsonAnswer(reply: FastifyReply, json: Uint8Array): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(Buffer.from(json.buffer, json.byteOffset, json.byteLength));
}
