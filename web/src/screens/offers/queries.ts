import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';
import type { components } from '../../../generated/openapi';

export type Offer = components['schemas']['Offer'];
export type OfferTerms = components['schemas']['OfferTerms'];
export type ApprovalMode = Got<'/v1/offer-settings'>['approvalMode'];

export const offersQuery = (applicationId: string) => queryOptions({
  queryKey: ['offers', applicationId],
  queryFn: async () => dataOf(await api.GET('/v1/applications/{id}/offers', { params: { path: { id: applicationId } } })),
});

export const offerVersionsQuery = (offerId: string) => queryOptions({
  queryKey: ['offer-versions', offerId],
  queryFn: async () => dataOf(await api.GET('/v1/offers/{id}/versions', { params: { path: { id: offerId } } })),
});

export const offerSettingsQuery = queryOptions({
  queryKey: ['offer-settings'],
  queryFn: async () => dataOf(await api.GET('/v1/offer-settings')),
});

/** Offers still under way: one at a time per application (the API refuses a second with a 409). */
export const openStatuses: readonly Offer['status'][] = ['draft', 'pending_approval', 'approved', 'sent'];

export const statusText: Record<Offer['status'], string> = {
  draft: 'Draft', pending_approval: 'Awaiting approval', approved: 'Approved, not yet sent', sent: 'Sent, awaiting the candidate\'s answer',
  accepted: 'Accepted', declined: 'Declined', withdrawn: 'Withdrawn',
};
