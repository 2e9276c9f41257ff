import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import type { Candidate } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { can, useSignedIn } from '../../session.tsx';
import { jobQuery } from '../pipeline/queries.ts';
import { OfferCard } from './OfferCard.tsx';
import { OfferForm, type OfferFields } from './OfferForm.tsx';
import { offersQuery, openStatuses } from './queries.ts';

type Application = Candidate['applications'][number];

/** The body of a new draft: optional text left empty is left out. */
const draftOf = (fields: OfferFields) => ({
  salary: { amount: fields.amount, currency: fields.currency, period: fields.period }, startDate: fields.startDate, approvers: fields.approvers,
  ...(fields.equity ? { equity: fields.equity } : {}), ...(fields.bonus ? { bonus: fields.bonus } : {}), ...(fields.document ? { document: fields.document } : {}),
});

/**
 * An application's offers on the candidate profile. Recruiters see and make every offer; an approver with
 * read access alone sees the offers naming them (the API lists only those).
 */
export function ApplicationOffers({ application }: { application: Application }) {
  const { role } = useSignedIn();
  const queries = useQueryClient();
  const offers = useQuery(offersQuery(application.id));
  const job = useQuery(jobQuery(application.jobId));
  const [drafting, setDrafting] = useState(false);
  const draft = useMutation({
    mutationFn: async (fields: OfferFields) => dataOf(await api.POST('/v1/applications/{id}/offers', {
      params: { path: { id: application.id } }, body: draftOf(fields),
    })),
    onSuccess: async () => {
      setDrafting(false);
      await Promise.all([
        queries.invalidateQueries({ queryKey: offersQuery(application.id).queryKey }),
        queries.invalidateQueries({ queryKey: ['history', application.id] }),
      ]);
    },
  });

  const list = offers.data?.data ?? [];
  const mayDraft = can(role, 'candidates:write') && application.status === 'active' && offers.isSuccess && !list.some((o) => openStatuses.includes(o.status));
  const idPrefix = `offer-${application.id}`;

  return (
    <section className="offers" aria-labelledby={`${idPrefix}-title`}>
      <h3 id={`${idPrefix}-title`}>Offers <span className="visually-hidden">for {job.data?.title ?? 'this application'}</span></h3>
      {offers.isPending ? <Loading what="offers" />
        : offers.isError ? <ErrorMessage error={offers.error} what="the offers" />
          : list.length === 0 && !drafting ? <p className="empty">No offers.</p>
            : list.map((offer) => <OfferCard key={offer.id} offer={offer} />)}
      {drafting ? (
        <OfferForm idPrefix={`${idPrefix}-new`} submitLabel="Save draft offer" pending={draft.isPending} error={draft.error}
          initial={{ currency: job.data?.salary?.currency ?? 'EUR' }} onCancel={() => setDrafting(false)} onSave={(fields) => draft.mutate(fields)} />
      ) : mayDraft && <button type="button" onClick={() => setDrafting(true)}>Draft an offer</button>}
    </section>
  );
}
