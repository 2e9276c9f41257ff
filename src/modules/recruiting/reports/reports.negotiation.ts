import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';

/** The quality the Accept header gives a media type: its most specific matching range wins (RFC 9110 §12.5.1). */
function quality(accept: string, type: string): number {
  const [major] = type.split('/');
  let best = { specificity: -1, q: 0 };
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';').map((p) => p.trim());
    const specificity = range === type ? 2 : range === `${major}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (specificity <= best.specificity) continue;
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    best = { specificity, q: Number.isFinite(q) ? q : 0 };
  }
  return best.q;
}

// CSV only when the caller prefers it to JSON; anything else (no Accept, any type, unknown types) gets JSON.
const wantsCsv = (request: FastifyRequest): boolean => {
  const accept = request.headers.accept;
  return accept !== undefined && quality(accept, 'text/csv') > quality(accept, 'application/json');
};

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
