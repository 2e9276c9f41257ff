import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';
import { RatingSchema, RecommendationSchema } from './scorecards.schemas.ts';

/**
 * Scorecards once submitted (drafts are private to their author, so they raise none). No notes in any
 * payload: events travel to webhooks, and notes are free text about the candidate.
 */
export const scorecardEvents = [
  {
    type: 'scorecard.submitted', version: 1,
    description: 'An interviewer submitted their scorecard for an interview; `version` 2 and up are edits after an earlier submit.',
    payload: Type.Object({
      scorecardId: Type.String(), applicationId: Type.String(), interviewId: Type.String(), jobId: Type.String(), interviewerId: Type.String(),
      version: Type.Integer({ minimum: 1 }), recommendation: RecommendationSchema, ratings: Type.Array(RatingSchema),
    }),
  },
  {
    type: 'scorecard_criteria.updated', version: 1,
    description: 'A job\'s scorecard criteria were replaced; `criterionIds` is the new list, in order.',
    payload: Type.Object({ jobId: Type.String(), criterionIds: Type.Array(Type.String()) }),
  },
] as const satisfies readonly EventDefinition[];
