import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf, problemOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { roles } from '../../../../src/modules/access/permission-matrix.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { roleName } from './Members.tsx';

type Connection = Got<'/v1/org/sso'>;
type DefaultRole = Connection['defaultRole'];

const ssoKey = ['org-sso'];
const defaultRoles = roles.filter((r): r is DefaultRole => r !== 'owner');

/** The org's OpenID Connect provider: null until one is registered (the API answers 404). */
async function fetchConnection(): Promise<Connection | null> {
  const result = await api.GET('/v1/org/sso');
  if (result.response.status === 404) return null;
  return dataOf(result);
}

/** Single sign-on through the org's identity provider (GET/PUT/DELETE /v1/org/sso); the client secret is never shown back. */
export function Sso() {
  const connection = useQuery({ queryKey: ssoKey, queryFn: fetchConnection });
  // Kept here: the form starts afresh from each saved connection.
  const [notice, setNotice] = useState<string | null>(null);
  if (connection.isPending) return <Loading what="the single sign-on settings" />;
  if (connection.isError) return <ErrorMessage error={connection.error} what="the single sign-on settings" />;
  return <SsoForm key={connection.data?.updatedAt ?? 'none'} current={connection.data} notice={notice} onNotice={setNotice} />;
}

function SsoForm({ current, notice, onNotice }: { current: Connection | null; notice: string | null; onNotice(notice: string | null): void }) {
  const queries = useQueryClient();
  const [issuer, setIssuer] = useState(current?.issuer ?? '');
  const [clientId, setClientId] = useState(current?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [defaultRole, setDefaultRole] = useState<DefaultRole>(current?.defaultRole ?? 'viewer');
  const [requireSso, setRequireSso] = useState(current?.requireSso ?? false);
  const save = useMutation({
    mutationFn: async () => dataOf(await api.PUT('/v1/org/sso', { body: { issuer: issuer.trim(), clientId: clientId.trim(), clientSecret, defaultRole, requireSso } })),
    onMutate: () => onNotice(null),
    onSuccess: (answer) => {
      queries.setQueryData(ssoKey, answer);
      onNotice('Single sign-on saved.');
    },
  });
  const remove = useMutation({
    mutationFn: async () => {
      const result = await api.DELETE('/v1/org/sso');
      if (!result.response.ok) throw problemOf(result.error, result.response);
    },
    onMutate: () => onNotice(null),
    onSuccess: () => {
      queries.setQueryData(ssoKey, null);
      onNotice('Single sign-on removed: members sign in with a password.');
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <section aria-labelledby="sso-title">
      <h2 id="sso-title">Single sign-on</h2>
      {current ? (
        <dl className="contact">
          <dt>Redirect URI</dt><dd><code>{current.redirectUri}</code> <span className="muted">(register it at your provider)</span></dd>
          <dt>Sign-in link</dt><dd><a href={current.signInUrl}>{current.signInUrl}</a></dd>
        </dl>
      ) : <p className="hint">No identity provider yet: members sign in with a password. Register an OpenID Connect provider below.</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      <form onSubmit={onSubmit} className="settings-form">
        <label htmlFor="sso-issuer">Issuer URL</label>
        <input id="sso-issuer" type="url" className="wide" value={issuer} onChange={(e) => setIssuer(e.target.value)} required maxLength={500} />
        <label htmlFor="sso-client-id">Client ID</label>
        <input id="sso-client-id" className="wide" value={clientId} onChange={(e) => setClientId(e.target.value)} required maxLength={500} />
        <label htmlFor="sso-client-secret">Client secret {current && <span className="muted">(enter it again to save changes)</span>}</label>
        <input id="sso-client-secret" type="password" autoComplete="off" className="wide" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} required maxLength={2000} />
        <label htmlFor="sso-default-role">Role of people who join through the provider</label>
        <select id="sso-default-role" value={defaultRole} onChange={(e) => setDefaultRole(defaultRoles.find((r) => r === e.target.value) ?? 'viewer')}>
          {defaultRoles.map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
        </select>
        <p className="check">
          <input id="sso-require" type="checkbox" checked={requireSso} onChange={(e) => setRequireSso(e.target.checked)} />
          <label htmlFor="sso-require" className="inline">Members other than owners must sign in through the provider (their password sessions end)</label>
        </p>
        {save.isError && <p className="error" role="alert">Could not save single sign-on: {messageOf(save.error)}</p>}
        <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save single sign-on'}</button>
      </form>
      {current && (
        <p>
          {remove.isError && <span className="error" role="alert">Could not remove single sign-on: {messageOf(remove.error)}</span>}
          <ConfirmButton label="Remove single sign-on" question="Remove the identity provider? Members then sign in with a password." disabled={remove.isPending} onConfirm={() => remove.mutate()} />
        </p>
      )}
    </section>
  );
}
