import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../app-error.ts';
import type { BookingService } from '../interviews/index.ts';
import { schedulingHtml } from './scheduling.html.ts';
import { failurePage, HTML_TYPE, personal } from './pages.ts';

const open = { access: { public: true } } as const;

interface TokenParams { token: string }
type Form = Record<string, string> | undefined;
const zoneIn = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * GET /schedule/{token}: the free slots in the zone the candidate picked; POST books the chosen one and
 * sends the browser back to the page, which then shows the booking (303). A slot taken meanwhile shows
 * the page again with the slots still free and says so (409).
 */
export function schedulingPageRoutes(app: FastifyInstance, booking: Pick<BookingService, 'view' | 'book'>): void {
  const show = async (reply: Parameters<typeof failurePage>[0], token: string, timeZone: string | undefined, notice: string | null, status = 200) =>
    personal(reply).code(status).type(HTML_TYPE).send(schedulingHtml(await booking.view(token, timeZone), token, notice));

  app.get<{ Params: TokenParams; Querystring: Record<string, unknown> }>('/schedule/:token', { config: open, schema: { hide: true } }, async (request, reply) => {
    try {
      return await show(reply, request.params.token, zoneIn(request.query.timeZone), null);
    } catch (err) {
      return failurePage(reply, err);
    }
  });

  app.post<{ Params: TokenParams; Body: Form }>('/schedule/:token', { config: open, schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params;
    const timeZone = zoneIn(request.body?.timeZone);
    try {
      const start = request.body?.start;
      if (!start || Number.isNaN(Date.parse(start))) return await show(reply, token, timeZone, 'Please pick a time first.', 400);
      await booking.book(token, { start, ...(timeZone ? { timeZone } : {}) });
      return personal(reply).redirect(`/schedule/${encodeURIComponent(token)}${timeZone ? `?timeZone=${encodeURIComponent(timeZone)}` : ''}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'slot-unavailable') {
        return show(reply, token, timeZone, 'Someone just took that time. Please pick another.', 409).catch((again: unknown) => failurePage(reply, again));
      }
      return failurePage(reply, err);
    }
  });
}
