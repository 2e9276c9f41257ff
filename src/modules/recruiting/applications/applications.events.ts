import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';
import { ApplicationSchema } from './applications.schemas.ts';

/** The events of an application's life; each carries the application as it is after the change. */
export const applicationEvents = [
  {
    type: 'application.created', version: 1, description: 'Someone applied to a job (or a recruiter added a candidate to one).',
    payload: Type.Object({ application: ApplicationSchema }),
  },
  {
    type: 'application.stage_changed', version: 1, description: 'An application moved from one stage of its job\'s pipeline to another.',
    payload: Type.Object({ application: ApplicationSchema, fromStageId: Type.String(), toStageId: Type.String() }),
  },
  {
    type: 'application.rejected', version: 1, description: 'An application was rejected, with a reason from the org\'s list.',
    payload: Type.Object({ application: ApplicationSchema }),
  },
  { type: 'application.unrejected', version: 1, description: 'A rejection was undone.', payload: Type.Object({ application: ApplicationSchema }) },
  { type: 'application.withdrawn', version: 1, description: 'The candidate withdrew.', payload: Type.Object({ application: ApplicationSchema }) },
  { type: 'application.reopened', version: 1, description: 'A hired or withdrawn application went back into the pipeline.', payload: Type.Object({ application: ApplicationSchema }) },
  { type: 'application.hired', version: 1, description: 'An application reached a stage of kind hired.', payload: Type.Object({ application: ApplicationSchema }) },
] as const satisfies readonly EventDefinition[];
