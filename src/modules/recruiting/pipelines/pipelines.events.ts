import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';
import { JobStageSchema } from './pipelines.schemas.ts';

/** A job's pipeline changing shape (each moved application also records its own application.stage_changed). */
export const pipelineEvents = [
  {
    type: 'job.stages_changed', version: 1,
    description: 'A job\'s stages were edited or replaced from a template; `stages` is the new list, `moved` where removed stages\' applications went.',
    payload: Type.Object({
      jobId: Type.String(),
      stages: Type.Array(JobStageSchema),
      removedStageIds: Type.Array(Type.String()),
      moved: Type.Array(Type.Object({ fromStageId: Type.String(), toStageId: Type.String(), applications: Type.Integer() })),
      templateId: Type.Union([Type.String(), Type.Null()], { description: 'Set when the stages came from a template' }),
    }),
  },
] as const satisfies readonly EventDefinition[];
