import type { FastifyRequest } from 'fastify';

/** The quality the Accept header gives a media type: its most specific matching range wins (RFC 9110 §12.5.1). */
export function acceptQuality(accept: string, type: string): number {
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

/** Whether the caller prefers `type` to JSON; no Accept, any type or unknown types mean JSON. */
export const prefersOverJson = (request: FastifyRequest, type: string): boolean => {
  const accept = request.headers.accept;
  return accept !== undefined && acceptQuality(accept, type) > acceptQuality(accept, 'application/json');
};
