import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import type { paths } from '../../../generated/openapi';
import { offersQuery, type Offer } from './queries.ts';

export type OfferAction = 'submit' | 'approve' | 'reject' | 'send' | 'accept' | 'decline' | 'withdraw';
type ActionInit = { params: { path: { id: string }; header: { 'if-match'?: string } }; body: { note?: string } };
export type OfferChanges = NonNullable<paths['/v1/offers/{id}']['patch']['requestBody']>['content']['application/json'];

// One caller per route: the typed client needs each path as a literal.
const post: Record<OfferAction, (init: ActionInit) => Promise<Offer>> = {
  submit: async (init) => dataOf(await api.POST('/v1/offers/{id}/submit', init)),
  approve: async (init) => dataOf(await api.POST('/v1/offers/{id}/approve', init)),
  reject: async (init) => dataOf(await api.POST('/v1/offers/{id}/reject', init)),
  send: async (init) => dataOf(await api.POST('/v1/offers/{id}/send', init)),
  accept: async (init) => dataOf(await api.POST('/v1/offers/{id}/accept', init)),
  decline: async (init) => dataOf(await api.POST('/v1/offers/{id}/decline', init)),
  withdraw: async (init) => dataOf(await api.POST('/v1/offers/{id}/withdraw', init)),
};

/** The ETag of the version the user is looking at: a change made meanwhile by someone else is a 409, never overwritten. */
const ifMatch = (offer: Offer) => ({ 'if-match': `"${offer.version}"` });

/**
 * An offer's actions and edits, each sent with the version shown, so nothing acts on terms the user
 * has not seen. Not optimistic: these are not idempotent, and the answer says where the offer went.
 */
export function useOfferActions(offer: Offer) {
  const queries = useQueryClient();
  const settled = async (updated: Offer) => {
    queries.setQueryData(offersQuery(offer.applicationId).queryKey, (list) =>
      list && { ...list, data: list.data.map((o) => (o.id === updated.id ? updated : o)) });
    await Promise.all([
      queries.invalidateQueries({ queryKey: ['offer-versions', offer.id] }),
      queries.invalidateQueries({ queryKey: ['history', offer.applicationId] }),
    ]);
  };

  const act = useMutation({
    mutationFn: ({ action, note }: { action: OfferAction; note?: string }) =>
      post[action]({ params: { path: { id: offer.id }, header: action === 'approve' || action === 'reject' ? {} : ifMatch(offer) }, body: note ? { note } : {} }),
    onSuccess: async (updated, { action }) => {
      // Accepting hires: the application, its job's openings (the job may close) and its board change too.
      if (action === 'accept') {
        await Promise.all([['candidate', offer.candidateId], ['job', offer.jobId], ['pipeline', offer.jobId], ['jobs']].map((queryKey) =>
          queries.invalidateQueries({ queryKey })));
      }
      await settled(updated);
    },
  });

  const change = useMutation({
    mutationFn: async (changes: OfferChanges) => dataOf(await api.PATCH('/v1/offers/{id}', {
      params: { path: { id: offer.id }, header: ifMatch(offer) }, body: changes,
    })),
    onSuccess: settled,
  });

  return { act, change };
}
