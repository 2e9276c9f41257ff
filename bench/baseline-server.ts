/**
 * Scenario (a): the ceiling. A bare Fastify route that serializes a JSON object of about BODY_BYTES
 * per request, so the app's routes can be compared with "HTTP + JSON and nothing else" on this machine.
 */
import Fastify from 'fastify';

const bodyBytes = Number(process.env.BODY_BYTES ?? 1024);
const port = Number(process.env.PORT ?? 0);

/** Job-like records until the serialized object reaches the requested size. */
function payload(bytes: number): { data: Record<string, string | number>[]; nextCursor: null } {
  const body = { data: [] as Record<string, string | number>[], nextCursor: null };
  for (let i = 0; JSON.stringify(body).length < bytes; i++) {
    body.data.push({ id: `job_${String(i).padStart(32, '0')}`, title: 'Senior Backend Engineer', location: 'Berlin, Germany', n: i });
  }
  const last = body.data.at(-1);
  const over = JSON.stringify(body).length - bytes;
  if (last && over > 0) last.title = String(last.title).slice(0, Math.max(0, String(last.title).length - over));
  return body;
}

const body = payload(bodyBytes);
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get('/', async () => body);
await app.listen({ host: '127.0.0.1', port });

process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
