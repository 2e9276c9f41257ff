import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../../http/auth.ts';
import { cursorId, cursorTimestamp, decodeCursor, encodeCursor } from '../../../http/cursor.ts';
import { acceptedVersions, IfMatchHeadersSchema, versionEtag } from '../../../http/preconditions.ts';
import { commonErrorResponses, Page, problemRef } from '../../../http/schemas.ts';
import type { CalendarFeedsService } from './calendar-feeds.service.ts';
import {
  CalendarFeedSchema, CancelInterviewBodySchema, FeedParamsSchema, IdParamsSchema, InterviewSchema, MyInterviewsQuerySchema, ScheduleInterviewBodySchema,
  UpdateInterviewBodySchema, type InterviewPosition,
} from './interviews.schemas.ts';
import type { InterviewsService } from './interviews.service.ts';

const read = { access: { permission: 'candidates:read' } } as const;
const write = { access: { permission: 'candidates:write' } } as const;
const user = { access: { user: true } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };
const writeErrors = { ...errors, 409: problemRef };
const calendar = (description: string) => ({ description, content: { 'text/calendar': { schema: Type.String() } } });
const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

const cursor = {
  decode(raw: string): InterviewPosition {
    const values = decodeCursor(raw, 'interviews', 2);
    return { start: cursorTimestamp(values[0]), id: cursorId(values) };
  },
  encode: (position: InterviewPosition): string => encodeCursor('interviews', [position.start, position.id]),
};

export function interviewsRoutes(service: InterviewsService, feeds: CalendarFeedsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = { tags: ['interviews'] };
    const conflicts = 'A cancelled interview is a 409 invalid-state-transition; an If-Match naming another version is a 409 version-conflict.';

    app.post('/v1/applications/:id/interviews', {
      config: write,
      schema: {
        ...tags, summary: 'Schedule an interview for an application', params: IdParamsSchema, body: ScheduleInterviewBodySchema, response: { 201: InterviewSchema, ...writeErrors },
        description: '`end` must be after `start`; `timeZone` is an IANA name; a video interview needs `videoUrl`, an onsite one `location`. '
          + 'Interviewers are members who can see the job. Only an active application gets interviews (409 otherwise).',
      },
    }, async (request, reply) => {
      const interview = await service.schedule(principalOf(request), request.params.id, request.body);
      return reply.code(201).header('location', `/v1/interviews/${interview.id}`).header('etag', versionEtag(interview.sequence)).send(interview);
    });

    app.get('/v1/applications/:id/interviews', {
      config: read,
      schema: { ...tags, summary: 'An application\'s interviews, soonest first', params: IdParamsSchema, response: { 200: Type.Object({ data: Type.Array(InterviewSchema) }), ...errors } },
    }, async (request) => ({ data: await service.forApplication(principalOf(request), request.params.id) }));

    app.get('/v1/interviews/:id', {
      config: read,
      schema: { ...tags, summary: 'Get an interview', params: IdParamsSchema, response: { 200: InterviewSchema, ...errors } },
    }, async (request, reply) => {
      const interview = await service.get(principalOf(request), request.params.id);
      return reply.header('etag', versionEtag(interview.sequence)).send(interview);
    });

    app.patch('/v1/interviews/:id', {
      config: write,
      schema: {
        ...tags, summary: 'Reschedule or edit an interview', params: IdParamsSchema, headers: IfMatchHeadersSchema, body: UpdateInterviewBodySchema,
        response: { 200: InterviewSchema, ...writeErrors },
        description: `Every change raises \`sequence\`, so calendars holding the invite replace it. A change that changes nothing leaves it as it is. ${conflicts}`,
      },
    }, async (request, reply) => {
      const interview = await service.update(principalOf(request), request.params.id, request.body, acceptedVersions(request.headers['if-match']));
      return reply.header('etag', versionEtag(interview.sequence)).send(interview);
    });

    app.post('/v1/interviews/:id/cancel', {
      config: write,
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        ...tags, summary: 'Cancel an interview', params: IdParamsSchema, headers: IfMatchHeadersSchema, body: CancelInterviewBodySchema,
        response: { 200: InterviewSchema, ...writeErrors }, description: `Its invite becomes a METHOD:CANCEL with a higher SEQUENCE. ${conflicts}`,
      },
    }, async (request, reply) => {
      const interview = await service.cancel(principalOf(request), request.params.id, request.body.reason ?? null, acceptedVersions(request.headers['if-match']));
      return reply.header('etag', versionEtag(interview.sequence)).send(interview);
    });

    app.get('/v1/interviews/:id/invite.ics', {
      config: read,
      schema: {
        ...tags, summary: 'The interview\'s calendar invite (iCalendar)', params: IdParamsSchema, produces: ['text/calendar'],
        response: { 200: calendar('RFC 5545: one VEVENT with UID `<id>@hireline`, METHOD:REQUEST, or METHOD:CANCEL once cancelled'), ...errors },
      },
    }, async (request, reply) => {
      const ics = await service.invite(principalOf(request), request.params.id);
      return reply.type(CALENDAR_TYPE).header('content-disposition', `attachment; filename="${request.params.id}.ics"`).send(ics);
    });

    app.get('/v1/me/interviews', {
      config: user,
      schema: {
        ...tags, summary: 'Your interviews that have not ended, soonest first (or, with ended=true, those that have, latest first)',
        querystring: MyInterviewsQuerySchema, response: { 200: Page(InterviewSchema), ...errors },
      },
    }, async (request) => {
      const { cursor: raw, limit, ended } = request.query;
      const { data, next } = await service.mine(principalOf(request), { after: raw ? cursor.decode(raw) : undefined, limit: limit ?? 20, ended: ended ?? false });
      return { data, nextCursor: next ? cursor.encode(next) : null };
    });

    app.post('/v1/me/calendar-feed', {
      config: user,
      schema: {
        ...tags, summary: 'Create (or rotate) your private calendar feed', response: { 201: CalendarFeedSchema, ...errors },
        description: 'Returns a secret URL of an iCalendar feed of your interviews (the last 30 days and all to come). Calling it again replaces the URL; the old one stops working.',
      },
    }, async (request, reply) => reply.code(201).header('cache-control', 'no-store').send(await feeds.rotate(principalOf(request))));

    app.delete('/v1/me/calendar-feed', {
      config: user,
      schema: { ...tags, summary: 'Revoke your calendar feed', response: { 204: Type.Null(), ...errors } },
    }, async (request, reply) => {
      await feeds.revoke(principalOf(request));
      return reply.code(204).send(null);
    });

    app.get('/v1/calendar-feeds/:token.ics', {
      config: { access: { public: true } },
      schema: {
        ...tags, summary: 'A private calendar feed (the token in the URL is the credential)', params: FeedParamsSchema, produces: ['text/calendar'],
        response: { 200: calendar('RFC 5545 calendar of the feed owner\'s interviews; cancelled ones carry STATUS:CANCELLED'), 404: problemRef },
      },
    }, async (request, reply) => {
      const ics = await feeds.read(request.params.token);
      return reply.type(CALENDAR_TYPE).header('cache-control', 'private, no-cache').header('referrer-policy', 'no-referrer').send(ics);
    });
  };
}
