import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';

type Policy = Got<'/v1/retention-policy'>;
const retentionKey = ['retention-policy'];

/** How long rejected and withdrawn candidates' data is kept before a daily run anonymizes it (GET/PUT /v1/retention-policy). */
export function Retention() {
  const policy = useQuery({ queryKey: retentionKey, queryFn: async () => dataOf(await api.GET('/v1/retention-policy')) });
  // Kept here: the form starts afresh from each saved version.
  const [saved, setSaved] = useState(false);
  if (policy.isPending) return <Loading what="the retention policy" />;
  if (policy.isError) return <ErrorMessage error={policy.error} what="the retention policy" />;
  return <RetentionForm key={policy.data.version} current={policy.data} saved={saved} onSaved={setSaved} />;
}

function RetentionForm({ current, saved, onSaved }: { current: Policy; saved: boolean; onSaved(saved: boolean): void }) {
  const queries = useQueryClient();
  const [enabled, setEnabled] = useState(current.enabled);
  const [anonymizeAfterMonths, setAnonymizeAfter] = useState(current.anonymizeAfterMonths);
  const [keepConsentedMonths, setKeepConsented] = useState(current.keepConsentedMonths);
  const save = useMutation({
    // If-Match: a policy someone else changed meanwhile is a 409, never overwritten unseen.
    mutationFn: async () => dataOf(await api.PUT('/v1/retention-policy', {
      params: { header: { 'if-match': `"${current.version}"` } }, body: { enabled, anonymizeAfterMonths, keepConsentedMonths },
    })),
    onMutate: () => onSaved(false),
    onSuccess: (answer) => {
      queries.setQueryData(retentionKey, answer);
      onSaved(true);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">Data retention</h2>
      <p className="hint">While on, a daily run anonymizes every candidate whose applications are all rejected or withdrawn, the last longer ago than the months below,
        unless they agreed to be kept for future roles. Hired candidates and candidates without applications are never anonymized by it.</p>
      {saved && <p className="notice" role="status">Retention policy saved.</p>}
      <form onSubmit={onSubmit} className="settings-form">
        <p className="check">
          <input id="retention-enabled" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <label htmlFor="retention-enabled" className="inline">Anonymize candidates automatically</label>
        </p>
        <label htmlFor="retention-after">Months after the last application closed</label>
        <input id="retention-after" type="number" min={1} max={120} value={anonymizeAfterMonths} onChange={(e) => setAnonymizeAfter(e.target.valueAsNumber)} required />
        <label htmlFor="retention-consent">Months to keep candidates who agreed to be kept</label>
        <input id="retention-consent" type="number" min={1} max={120} value={keepConsentedMonths} onChange={(e) => setKeepConsented(e.target.valueAsNumber)} required />
        {save.isError && <p className="error" role="alert">Could not save the retention policy: {messageOf(save.error)}</p>}
        <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save retention policy'}</button>
      </form>
    </section>
  );
}
