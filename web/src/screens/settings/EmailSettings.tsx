import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';

type Settings = Got<'/v1/email-settings'>;
const emailSettingsKey = ['email-settings'];

/** Whether rejected candidates are emailed, and how long after the decision (reopening before then cancels the email). */
export function EmailSettings() {
  const settings = useQuery({ queryKey: emailSettingsKey, queryFn: async () => dataOf(await api.GET('/v1/email-settings')) });
  if (settings.isPending) return <Loading what="the email settings" />;
  if (settings.isError) return <ErrorMessage error={settings.error} what="the email settings" />;
  return <RejectionEmails current={settings.data} />;
}

function RejectionEmails({ current }: { current: Settings }) {
  const queries = useQueryClient();
  const [enabled, setEnabled] = useState(current.rejection.enabled);
  const [hours, setHours] = useState(Math.round(current.rejection.delayMinutes / 60));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () => dataOf(await api.PUT('/v1/email-settings', { body: { rejection: { enabled, delayMinutes: hours * 60 } } })),
    onMutate: () => setSaved(false),
    onSuccess: (answer) => {
      queries.setQueryData(emailSettingsKey, answer);
      setSaved(true);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <>
      <h3>Rejection emails</h3>
      <form onSubmit={onSubmit} className="settings-form field-row" aria-label="Rejection emails">
        <p className="check align-end">
          <input id="rejection-emails" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <label htmlFor="rejection-emails" className="inline">Email candidates when they are rejected</label>
        </p>
        <div>
          <label htmlFor="rejection-delay">After (hours)</label>
          <input id="rejection-delay" type="number" min={0} max={720} value={hours} onChange={(e) => setHours(e.target.valueAsNumber)} required disabled={!enabled} />
        </div>
        <button type="submit" className="align-end" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save'}</button>
        {save.isError && <p className="error" role="alert">Could not save the email settings: {messageOf(save.error)}</p>}
        {saved && <p className="notice" role="status">Email settings saved.</p>}
      </form>
    </>
  );
}
