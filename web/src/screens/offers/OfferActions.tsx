import { useEffect, useRef, useState, type FormEvent } from 'react';
import { messageOf } from '../../api/problems.ts';
import { can, useSignedIn } from '../../session.tsx';
import { useOfferActions, type OfferAction } from './offer-actions.ts';
import { openStatuses, type Offer } from './queries.ts';

interface ActionText {
  label: string;
  /** Said before a step that cannot be taken back; such steps ask to be confirmed and take a note. */
  confirm?: string;
  done: string;
}

const text: Record<OfferAction, ActionText> = {
  submit: { label: 'Submit for approval', done: 'The offer was submitted.' },
  approve: { label: 'Approve', confirm: 'Approve these terms. A note is kept with your decision.', done: 'You approved the offer.' },
  reject: { label: 'Reject', confirm: 'The offer goes back to draft; your note tells the recruiter why.', done: 'You rejected the offer; it is back in draft.' },
  send: { label: 'Mark as sent', done: 'The offer is marked as sent.' },
  accept: {
    label: 'Mark accepted',
    confirm: 'The candidate accepted: this hires them. The application moves to the hired stage and fills one of the job\'s openings.',
    done: 'The offer was accepted and the candidate hired.',
  },
  decline: { label: 'Mark declined', confirm: 'The candidate declined. Say why, if they said.', done: 'The offer is marked as declined.' },
  withdraw: { label: 'Withdraw', confirm: 'The offer is withdrawn and cannot be sent again; draft a new one if needed.', done: 'The offer was withdrawn.' },
};

/** The actions the offer's state and the user's role allow: the approver's decision, then the recruiter's steps. */
function available(offer: Offer, userId: string, canWrite: boolean): OfferAction[] {
  const mine = offer.approvers.find((a) => a.userId === userId);
  const myTurn = offer.status === 'pending_approval' && mine?.decision === 'pending' && (offer.nextApprover === null || offer.nextApprover === userId);
  const steps: OfferAction[] = myTurn ? ['approve', 'reject'] : [];
  if (!canWrite) return steps;
  if (offer.status === 'draft') steps.push('submit');
  if (offer.status === 'approved') steps.push('send');
  if (offer.status === 'sent') steps.push('accept', 'decline');
  if (openStatuses.includes(offer.status)) steps.push('withdraw');
  return steps;
}

export function OfferActions({ offer, onEdit }: { offer: Offer; onEdit?(): void }) {
  const { user, role } = useSignedIn();
  const { act } = useOfferActions(offer);
  const [confirming, setConfirming] = useState<OfferAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const steps = available(offer, user.id, can(role, 'candidates:write'));
  // The button pressed is replaced by the confirmation: focus goes to its note, not back to the page's start.
  const note = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (confirming) note.current?.focus();
  }, [confirming]);

  const run = (action: OfferAction, note?: string) => {
    setDone(null);
    act.mutate({ action, ...(note ? { note } : {}) }, {
      onSuccess: () => {
        setConfirming(null);
        setDone(text[action].done);
      },
    });
  };
  const onConfirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirming) run(confirming, String(new FormData(event.currentTarget).get('note') ?? '').trim());
  };

  return (
    <div className="offer-actions">
      {done && <p className="notice" role="status">{done}</p>}
      {act.isError && <p className="error" role="alert">Could not {text[act.variables.action].label.toLowerCase()} the offer: {messageOf(act.error)}</p>}
      {confirming ? (
        <form onSubmit={onConfirm} className="confirm-step">
          <p>{text[confirming].confirm}</p>
          <label htmlFor={`${offer.id}-note`}>Note <span className="muted">(optional)</span></label>
          <textarea ref={note} id={`${offer.id}-note`} name="note" rows={2} maxLength={2000} className="wide" />
          <div className="dialog-actions">
            <button type="submit" disabled={act.isPending}>{act.isPending ? 'Saving…' : `Confirm: ${text[confirming].label.toLowerCase()}`}</button>
            <button type="button" onClick={() => setConfirming(null)}>Cancel</button>
          </div>
        </form>
      ) : (steps.length > 0 || onEdit) && (
        <div className="lifecycle">
          {steps.map((action) => (
            <button key={action} type="button" disabled={act.isPending}
              onClick={() => (text[action].confirm ? setConfirming(action) : run(action))}>{text[action].label}</button>
          ))}
          {onEdit && <button type="button" onClick={onEdit}>Edit terms</button>}
        </div>
      )}
    </div>
  );
}
