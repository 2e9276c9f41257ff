import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { can, useSignedIn } from '../../session.tsx';
import { ApproversPicker } from './ApproversPicker.tsx';
import type { Offer } from './queries.ts';

type Period = NonNullable<Offer['terms']['salary']>['period'];
const periods: readonly Period[] = ['year', 'month', 'week', 'day', 'hour'];
const currencies = Intl.supportedValuesOf('currency');

/** What the form holds: the draft body's fields, text as typed (empty: none). */
export interface OfferFields {
  amount: number;
  currency: string;
  period: Period;
  startDate: string;
  equity: string;
  bonus: string;
  document: string;
  approvers: string[];
}

interface OfferFormProps {
  idPrefix: string;
  initial: Partial<OfferFields>;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSave(fields: OfferFields): void;
  onCancel?(): void;
}

/** Drafting and editing an offer share one form; each caller maps the fields to its request. */
export function OfferForm({ idPrefix, initial, submitLabel, pending, error, onSave, onCancel }: OfferFormProps) {
  const { role } = useSignedIn();
  const members = useQuery({
    queryKey: ['members'], queryFn: async () => dataOf(await api.GET('/v1/members')), enabled: can(role, 'members:read'), staleTime: 5 * 60_000,
  });
  const [approvers, setApprovers] = useState<string[]>(initial.approvers ?? []);
  const id = (name: string) => `${idPrefix}-${name}`;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    onSave({
      amount: Number(text('amount')), currency: text('currency').toUpperCase(), period: text('period') as Period, startDate: text('startDate'),
      equity: text('equity'), bonus: text('bonus'), document: text('document'), approvers,
    });
  };

  return (
    <form onSubmit={onSubmit} className="offer-form">
      <fieldset>
        <legend>Salary</legend>
        <div className="field-row">
          <div>
            <label htmlFor={id('amount')}>Amount</label>
            <input id={id('amount')} name="amount" type="number" min={0} step="0.01" required defaultValue={initial.amount} />
          </div>
          <div>
            <label htmlFor={id('currency')}>Currency</label>
            <input id={id('currency')} name="currency" required pattern="[A-Za-z]{3}" size={5} list={id('currencies')} defaultValue={initial.currency ?? 'EUR'} />
          </div>
          <div>
            <label htmlFor={id('period')}>Per</label>
            <select id={id('period')} name="period" defaultValue={initial.period ?? 'year'}>
              {periods.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </div>
        </div>
      </fieldset>
      <datalist id={id('currencies')}>{currencies.map((c) => <option key={c} value={c} />)}</datalist>
      <label htmlFor={id('start')}>Start date</label>
      <input id={id('start')} name="startDate" type="date" required defaultValue={initial.startDate} />
      <label htmlFor={id('equity')}>Equity <span className="muted">(optional)</span></label>
      <input id={id('equity')} name="equity" className="wide" maxLength={2000} defaultValue={initial.equity} />
      <label htmlFor={id('bonus')}>Bonus <span className="muted">(optional)</span></label>
      <input id={id('bonus')} name="bonus" className="wide" maxLength={2000} defaultValue={initial.bonus} />
      <label htmlFor={id('document')}>Offer letter <span className="muted">(optional, Markdown)</span></label>
      <textarea id={id('document')} name="document" className="wide" rows={4} maxLength={100_000} defaultValue={initial.document} />
      {members.isPending && members.fetchStatus !== 'idle' ? <Loading what="members" />
        : members.isError ? <ErrorMessage error={members.error} what="the members who could approve" />
          : members.data ? <ApproversPicker idPrefix={idPrefix} members={members.data.data} value={approvers} onChange={setApprovers} />
            : <p className="hint">Your role cannot list the members, so this offer keeps its approvers.</p>}
      {error !== null && <p className="error" role="alert">Could not save the offer: {messageOf(error)}</p>}
      <div className="dialog-actions">
        <button type="submit" disabled={pending}>{pending ? 'Saving…' : submitLabel}</button>
        {onCancel && <button type="button" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}

/** The form's fields of an existing offer, to edit it. */
export function fieldsOf(offer: Offer): Partial<OfferFields> {
  const { salary, startDate, equity, bonus, document } = offer.terms;
  return {
    ...(salary ? { amount: salary.amount, currency: salary.currency, period: salary.period } : {}),
    startDate: startDate ?? undefined, equity: equity ?? '', bonus: bonus ?? '', document: document ?? '', approvers: offer.approvers.map((a) => a.userId),
  };
}
