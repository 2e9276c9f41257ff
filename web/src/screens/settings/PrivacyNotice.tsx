import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import type { components } from '../../../generated/openapi';

type Org = components['schemas']['Org'];
const orgKey = ['org'];

/**
 * The privacy notice the apply form links to (GET/PATCH /v1/org). While a URL is set, applying needs
 * the candidate's consent, recorded with the version named here: change the version when the text changes.
 */
export function PrivacyNotice() {
  const org = useQuery({ queryKey: orgKey, queryFn: async () => dataOf(await api.GET('/v1/org')) });
  if (org.isPending) return <Loading what="the privacy notice" />;
  if (org.isError) return <ErrorMessage error={org.error} what="the privacy notice" />;
  return <PrivacyNoticeForm current={org.data} />;
}

function PrivacyNoticeForm({ current }: { current: Org }) {
  const queries = useQueryClient();
  const [url, setUrl] = useState(current.privacyNoticeUrl ?? '');
  const [version, setVersion] = useState(current.privacyNoticeVersion ?? '');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () => dataOf(await api.PATCH('/v1/org', { body: { privacyNoticeUrl: url.trim() || null, privacyNoticeVersion: version.trim() || null } })),
    onMutate: () => setSaved(false),
    onSuccess: (answer) => {
      queries.setQueryData(orgKey, answer);
      setSaved(true);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy notice</h2>
      <p className="hint">The apply form links to it and asks candidates to agree; each consent is recorded with the version. Leave the link empty to ask for no consent.</p>
      <form onSubmit={onSubmit} className="branding-form">
        <label htmlFor="privacy-url">Privacy notice URL</label>
        <input id="privacy-url" type="url" pattern="https?://.*" className="wide" value={url} onChange={(e) => setUrl(e.target.value)} maxLength={2000} />
        <label htmlFor="privacy-version">Version <span className="muted">(change it when the text changes)</span></label>
        <input id="privacy-version" value={version} onChange={(e) => setVersion(e.target.value)} maxLength={100} size={12} />
        {save.isError && <p className="error" role="alert">Could not save the privacy notice: {messageOf(save.error)}</p>}
        {saved && <p className="notice" role="status">Privacy notice saved.</p>}
        <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save privacy notice'}</button>
      </form>
    </section>
  );
}
