import { Type } from 'typebox';
import type { EventDefinition } from '../events/index.ts';
import { JobSchema, JobStatusSchema } from './jobs.schemas.ts';

/** The events the jobs module records; each carries the job as it is after the change. */
export const jobEvents = [
  {
    type: 'job.created', version: 1, description: 'A draft job was created, through the API or from an imported posting.',
    payload: Type.Object({ job: JobSchema, source: Type.Union([Type.Literal('api'), Type.Literal('import')]) }),
  },
  {
    type: 'job.updated', version: 1, description: 'A job\'s fields changed; `changed` names the fields the request set.',
    payload: Type.Object({ job: JobSchema, changed: Type.Array(Type.String()) }),
  },
  {
    type: 'job.published', version: 1, description: 'A job went onto the public board (`source` is "bulk" for seeding and bulk loads).',
    payload: Type.Object({ job: JobSchema, source: Type.Optional(Type.Literal('bulk')) }),
  },
  {
    type: 'job.closed', version: 1,
    description: 'A job left the board; `reason` is "expired" when its validThrough passed, "filled" when an accepted offer filled its last opening.',
    payload: Type.Object({ job: JobSchema, reason: Type.Optional(Type.Union([Type.Literal('expired'), Type.Literal('filled')])) }),
  },
  { type: 'job.reopened', version: 1, description: 'A closed job went back onto the board.', payload: Type.Object({ job: JobSchema }) },
  { type: 'job.archived', version: 1, description: 'A job was archived; it can no longer change.', payload: Type.Object({ job: JobSchema }) },
  {
    type: 'job.deleted', version: 1, description: 'A job was deleted; only its id and last status remain.',
    payload: Type.Object({ id: Type.String(), status: JobStatusSchema }),
  },
] as const satisfies readonly EventDefinition[];

export type JobEventType = (typeof jobEvents)[number]['type'];
export const jobEventTypes: readonly JobEventType[] = jobEvents.map((e) => e.type);
