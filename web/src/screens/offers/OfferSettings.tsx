import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { offerSettingsQuery, type ApprovalMode } from './queries.ts';

const modes: { mode: ApprovalMode; label: string; hint: string }[] = [
  { mode: 'sequential', label: 'One after another', hint: 'Each approver in the order the offer names them, each after the one before.' },
  { mode: 'parallel', label: 'All at once', hint: 'Every approver is asked at once and decides in any order.' },
];

/** How the org approves offers (GET/PUT /v1/offer-settings); who approves is chosen on each offer. */
export function OfferSettings() {
  const settings = useQuery(offerSettingsQuery);
  if (settings.isPending) return <Loading what="the offer settings" />;
  if (settings.isError) return <ErrorMessage error={settings.error} what="the offer settings" />;
  return <OfferSettingsForm current={settings.data.approvalMode} />;
}

function OfferSettingsForm({ current }: { current: ApprovalMode }) {
  const queries = useQueryClient();
  const [mode, setMode] = useState(current);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () => dataOf(await api.PUT('/v1/offer-settings', { body: { approvalMode: mode } })),
    onMutate: () => setSaved(false),
    onSuccess: (answer) => {
      queries.setQueryData(offerSettingsQuery.queryKey, answer);
      setSaved(true);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <section aria-labelledby="offer-settings-title">
      <h2 id="offer-settings-title">Offer approvals</h2>
      <p className="hint">Each offer names its approvers. This chooses how they are asked; an approval already under way keeps the way it started with.</p>
      <form onSubmit={onSubmit}>
        <fieldset className="choices">
          <legend>Approvers are asked</legend>
          {modes.map(({ mode: value, label, hint }) => (
            <div key={value} className="choice">
              <input type="radio" id={`approval-${value}`} name="approvalMode" value={value} checked={mode === value}
                onChange={() => setMode(value)} aria-describedby={`approval-${value}-hint`} />
              <label htmlFor={`approval-${value}`} className="inline">{label}</label>
              <p id={`approval-${value}-hint`} className="muted">{hint}</p>
            </div>
          ))}
        </fieldset>
        {save.isError && <p className="error" role="alert">Could not save the offer settings: {messageOf(save.error)}</p>}
        {saved && <p className="notice" role="status">Offer settings saved.</p>}
        <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save offer settings'}</button>
      </form>
    </section>
  );
}
