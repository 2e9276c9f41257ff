import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type FormEvent } from 'react';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { rejectionReasonsQuery } from './queries.ts';

interface RejectDialogProps {
  /** Who is rejected: a candidate's name, or how many applications. */
  who: string;
  onReject(reasonId: string, note: string): void;
  onClose(): void;
}

/** A modal <dialog>: the browser keeps focus inside it, closes it on Escape and returns focus after. */
export function RejectDialog({ who, onReject, onClose }: RejectDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const reasons = useQuery(rejectionReasonsQuery);
  const choices = reasons.data?.data.filter((reason) => !reason.archived) ?? [];

  // Opened once; never closed on unmount, since closing fires onClose (and StrictMode runs effects twice).
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onReject(String(form.get('reasonId')), String(form.get('note') ?? ''));
  };

  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="reject-title" className="reject-dialog">
      <form onSubmit={onSubmit}>
        <h2 id="reject-title">Reject {who}</h2>
        {reasons.isPending ? <Loading what="rejection reasons" />
          : reasons.isError ? <ErrorMessage error={reasons.error} what="the rejection reasons" />
            : (
              <>
                <label htmlFor="reject-reason">Reason</label>
                <select id="reject-reason" name="reasonId" required defaultValue="">
                  <option value="" disabled>Choose a reason</option>
                  {choices.map((reason) => <option key={reason.id} value={reason.id}>{reason.name}</option>)}
                </select>
                <label htmlFor="reject-note">Note for your team (optional)</label>
                <textarea id="reject-note" name="note" rows={3} maxLength={5000} />
              </>
            )}
        <div className="dialog-actions">
          <button type="submit" disabled={!reasons.isSuccess}>Reject application</button>
          <button type="button" onClick={() => dialog.current?.close()}>Cancel</button>
        </div>
      </form>
    </dialog>
  );
}
