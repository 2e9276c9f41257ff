import { useState } from 'react';
import { can, useSignedIn } from '../../session.tsx';
import { ApprovalChain } from './ApprovalChain.tsx';
import { HireOutcome } from './HireOutcome.tsx';
import { useOfferActions } from './offer-actions.ts';
import { OfferActions } from './OfferActions.tsx';
import { fieldsOf, OfferForm, type OfferFields } from './OfferForm.tsx';
import { OfferVersions } from './OfferVersions.tsx';
import { openStatuses, statusText, type Offer } from './queries.ts';
import { salaryText, startText } from './terms-format.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The fields as a change: empty optional text clears it (null); the API keeps what did not change. */
const changesOf = (fields: OfferFields) => ({
  salary: { amount: fields.amount, currency: fields.currency, period: fields.period }, startDate: fields.startDate,
  equity: fields.equity || null, bonus: fields.bonus || null, document: fields.document || null, approvers: fields.approvers,
});

export function OfferCard({ offer }: { offer: Offer }) {
  const { role } = useSignedIn();
  const [editing, setEditing] = useState(false);
  const { change } = useOfferActions(offer);
  const editable = can(role, 'candidates:write') && openStatuses.includes(offer.status);
  const { terms } = offer;

  return (
    <article className="offer" aria-labelledby={`${offer.id}-title`}>
      <h4 id={`${offer.id}-title`}>Offer <span className={`status ${offer.status}`}>· {statusText[offer.status]}</span> <span className="muted">· terms version {terms.version}</span></h4>
      {editing ? (
        <>
          <p className="hint">Changing the terms or approvers sends the offer back to draft; its approvals start over.</p>
          <OfferForm idPrefix={`${offer.id}-edit`} initial={fieldsOf(offer)} submitLabel="Save changes" pending={change.isPending} error={change.error}
            onCancel={() => setEditing(false)}
            onSave={(fields) => change.mutate(changesOf(fields), { onSuccess: () => setEditing(false) })} />
        </>
      ) : (
        <>
          <dl className="offer-terms">
            <dt>Salary</dt><dd>{salaryText(terms.salary)}</dd>
            <dt>Start date</dt><dd>{startText(terms.startDate)}</dd>
            {terms.equity && <><dt>Equity</dt><dd>{terms.equity}</dd></>}
            {terms.bonus && <><dt>Bonus</dt><dd>{terms.bonus}</dd></>}
            {terms.document && <><dt>Letter</dt><dd className="note-body">{terms.document}</dd></>}
            {offer.sentAt && <><dt>Sent</dt><dd>{when.format(new Date(offer.sentAt))}</dd></>}
            {offer.respondedAt && <><dt>Answered</dt><dd>{when.format(new Date(offer.respondedAt))}{offer.respondedBy === 'candidate' ? ' by the candidate' : ''}</dd></>}
            {offer.responseNote && <><dt>Why</dt><dd>{offer.responseNote}</dd></>}
          </dl>
          <ApprovalChain offer={offer} />
          <OfferActions offer={offer} {...(editable ? { onEdit: () => setEditing(true) } : {})} />
        </>
      )}
      {offer.status === 'accepted' && <HireOutcome jobId={offer.jobId} />}
      <OfferVersions offerId={offer.id} />
    </article>
  );
}
