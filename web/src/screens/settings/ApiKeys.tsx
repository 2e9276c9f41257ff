import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Got, Posted } from '../../api/types.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { can, useSignedIn } from '../../session.tsx';
import { permissions, type Permission } from '../../../../src/modules/access/permission-matrix.ts';
import { ConfirmButton } from './ConfirmButton.tsx';

type ApiKey = Got<'/v1/api-keys'>['data'][number];
type CreatedKey = Posted<'/v1/api-keys', 201>;

const apiKeysKey = ['api-keys'];
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function statusOf(key: ApiKey): string {
  if (key.revokedAt) return `revoked ${day.format(new Date(key.revokedAt))}`;
  if (key.expiresAt && new Date(key.expiresAt) <= new Date()) return `expired ${day.format(new Date(key.expiresAt))}`;
  return key.expiresAt ? `active until ${day.format(new Date(key.expiresAt))}` : 'active';
}

/** The org's API keys: create one with scopes (its secret is shown once: the API keeps only a hash), and revoke. */
export function ApiKeys() {
  const queries = useQueryClient();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const keys = useQuery({ queryKey: apiKeysKey, queryFn: async () => dataOf(await api.GET('/v1/api-keys')) });
  const revoke = useMutation({
    mutationFn: async (id: string) => dataOf(await api.DELETE('/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: apiKeysKey }),
  });

  return (
    <section aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">API keys</h2>
      <p className="hint">Programs use a key as <code>Authorization: Bearer hl_…</code>. A key acts for the organization, with the scopes you give it.</p>
      <NewApiKey onCreated={async (answer) => {
        setCreated(answer);
        await queries.invalidateQueries({ queryKey: apiKeysKey });
      }} />
      {created && (
        <div className="notice" role="status">
          <p>The key {created.key.name} was created. Copy it now: it is shown only once.</p>
          <label htmlFor="new-api-key">New API key</label>
          <input id="new-api-key" className="wide" readOnly value={created.apiKey} onFocus={(e) => e.target.select()} />
        </div>
      )}
      {revoke.isError && <p className="error" role="alert">Could not revoke the key: {messageOf(revoke.error)}</p>}
      {keys.isPending ? <Loading what="API keys" />
        : keys.isError ? <ErrorMessage error={keys.error} what="the API keys" />
          : keys.data.data.length === 0 ? <Empty>No API keys yet.</Empty>
            : (
              <table className="jobs">
                <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Scopes</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
                <tbody>
                  {keys.data.data.map((key) => (
                    <tr key={key.id}>
                      <th scope="row">{key.name}</th>
                      <td><code>{key.prefix}…</code></td>
                      <td>{key.scopes.join(', ')}</td>
                      <td>{key.lastUsedAt ? day.format(new Date(key.lastUsedAt)) : 'never'}</td>
                      <td>{statusOf(key)}</td>
                      <td>{!key.revokedAt && (
                        <ConfirmButton label="Revoke" accessibleName={`Revoke the key ${key.name}`} disabled={revoke.isPending}
                          question={`Revoke ${key.name}? Programs using it stop working at once.`} onConfirm={() => revoke.mutate(key.id)} />
                      )}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
    </section>
  );
}

/** Scopes offered are those the signed-in person holds: the API refuses to grant more. */
function NewApiKey({ onCreated }: { onCreated(answer: CreatedKey): Promise<void> }) {
  const { role } = useSignedIn();
  const grantable = permissions.filter((p) => can(role, p));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Permission[]>(['jobs:read']);
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: async () => dataOf(await api.POST('/v1/api-keys', {
      body: { name: name.trim(), scopes, expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null },
    })),
    onSuccess: async (answer) => {
      setName('');
      await onCreated(answer);
    },
  });
  const toggle = (scope: Permission, on: boolean) => setScopes((now) => (on ? [...now, scope] : now.filter((s) => s !== scope)));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <form onSubmit={onSubmit} className="settings-form">
      <label htmlFor="api-key-name">Key name</label>
      <input id="api-key-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} size={30} />
      <fieldset className="scopes">
        <legend>Scopes</legend>
        {grantable.map((scope) => (
          <span key={scope} className="check">
            <input type="checkbox" id={`scope-${scope}`} checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
            <label htmlFor={`scope-${scope}`} className="inline">{scope}</label>
          </span>
        ))}
      </fieldset>
      <label htmlFor="api-key-expires">Expires on <span className="muted">(optional)</span></label>
      <input id="api-key-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      {create.isError && <p className="error" role="alert">Could not create the key: {messageOf(create.error)}</p>}
      <button type="submit" disabled={create.isPending || scopes.length === 0}>{create.isPending ? 'Creating…' : 'Create key'}</button>
    </form>
  );
}
