import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { prefersOverJson } from '../../../http/accept.ts';

// CSV only when the caller prefers it to JSON; anything else (no Accept, any type, unknown types) gets JSON.
const wantsCsv = (request: FastifyRequest): boolean => prefersOverJson(request, 'text/csv');

/** A 200 of either media type, both documented. */
export const jsonOrCsv = (schema: TSchema, description: string) => ({
  description,
  content: { 'application/json': { schema }, 'text/csv': { schema: Type.String({ description: 'The same figures as a CSV table with a header row' }) } },
});

/** The report as JSON, or as CSV when asked for; either way caches learn that the answer depends on Accept. */
export function respond<R>(request: FastifyRequest, reply: FastifyReply, report: R, csv: { name: string; write: (report: R) => string }) {
  reply.header('vary', 'Accept');
  if (!wantsCsv(request)) return reply.send(report);
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${csv.name}.csv"`).send(csv.write(report));
}
