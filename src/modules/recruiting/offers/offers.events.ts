import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';
import { OfferSchema } from './offers.schemas.ts';

/** An event whose payload is the offer alone. */
const offer = <T extends `${string}.${string}`>(type: T, description: string) => ({ type, version: 1, description, payload: Type.Object({ offer: OfferSchema }) });

/** An offer's life; each carries the offer as it is after the change (terms included: erasure redacts them). */
export const offerEvents = [
  offer('offer.drafted', 'An offer was drafted for an application.'),
  {
    type: 'offer.changed', version: 1, description: 'An offer\'s terms or approvers changed; it is back in draft and its approvals start over. `newTerms` says whether a new version of the terms was made.',
    payload: Type.Object({ offer: OfferSchema, newTerms: Type.Boolean() }),
  },
  offer('offer.submitted', 'An offer was submitted for approval.'),
  {
    type: 'offer.approval_recorded', version: 1, description: 'A named approver approved or rejected an offer; a rejection sends it back to draft.',
    payload: Type.Object({ offer: OfferSchema, approverId: Type.String(), decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]) }),
  },
  offer('offer.approved', 'Every named approver approved the offer (or it names none): it may be sent.'),
  offer('offer.sent', 'The offer was sent to the candidate.'),
  offer('offer.accepted', 'The candidate accepted the offer; its application is hired.'),
  offer('offer.declined', 'The candidate declined the offer.'),
  offer('offer.withdrawn', 'The offer was withdrawn before the candidate answered.'),
  {
    type: 'candidate.hired', version: 1, description: 'A candidate accepted an offer: the application is in its job\'s hired stage and one opening of the job is filled.',
    payload: Type.Object({ candidateId: Type.String(), applicationId: Type.String(), jobId: Type.String(), offerId: Type.String(), jobClosed: Type.Boolean() }),
  },
] as const satisfies readonly EventDefinition[];
