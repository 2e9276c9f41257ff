import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf, problemOf } from '../../api/problems.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';
import { WebhookForm, type Endpoint } from './WebhookForm.tsx';

export const webhooksKey = ['webhooks'];

/** Endpoints the org's events are posted to: register one (its signing secret is shown once), turn off or on, rotate the secret, delete, and see deliveries. */
export function Webhooks() {
  const queries = useQueryClient();
  const endpoints = useQuery({ queryKey: webhooksKey, queryFn: async () => dataOf(await api.GET('/v1/webhooks')) });
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  // The endpoint whose deliveries are shown, and the one being edited.
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () => queries.invalidateQueries({ queryKey: webhooksKey });

  const toggle = useMutation({
    mutationFn: async (endpoint: Endpoint) => dataOf(await api.PATCH('/v1/webhooks/{id}', {
      params: { path: { id: endpoint.id }, header: { 'if-match': `"${endpoint.version}"` } }, body: { enabled: !endpoint.enabled },
    })),
    onSuccess: refresh,
  });
  const rotate = useMutation({
    mutationFn: async (endpoint: Endpoint) => ({ url: endpoint.url, ...dataOf(await api.POST('/v1/webhooks/{id}/rotate-secret', { params: { path: { id: endpoint.id } } })) }),
    onMutate: () => setSecret(null),
    onSuccess: setSecret,
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      const result = await api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } });
      if (!result.response.ok) throw problemOf(result.error, result.response);
    },
    onSuccess: refresh,
  });
  const failed = [toggle, rotate, remove].find((m) => m.isError);

  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <WebhookForm endpoint={null} onSaved={async (created) => {
        if (created) setSecret(created);
        await refresh();
      }} />
      {secret && (
        <div className="notice" role="status">
          <p>The signing secret of {secret.url}. Copy it now: it is shown only once.</p>
          <label htmlFor="webhook-secret">Signing secret</label>
          <input id="webhook-secret" className="wide" readOnly value={secret.secret} onFocus={(e) => e.target.select()} />
        </div>
      )}
      {failed && <p className="error" role="alert">Could not change the webhook: {messageOf(failed.error)}</p>}
      {endpoints.isPending ? <Loading what="webhooks" />
        : endpoints.isError ? <ErrorMessage error={endpoints.error} what="the webhooks" />
          : endpoints.data.data.length === 0 ? <Empty>No webhooks yet.</Empty>
            : (
              <ul className="settings-list">
                {endpoints.data.data.map((endpoint) => (
                  <li key={endpoint.id}>
                    <b>{endpoint.url}</b>{' '}
                    <span className={endpoint.enabled ? 'badge' : 'badge off'}>{endpoint.enabled ? 'on' : 'off'}</span>
                    <div className="muted">
                      {endpoint.description && <>{endpoint.description} · </>}
                      {endpoint.eventTypes ? endpoint.eventTypes.join(', ') : 'every event'}
                      {endpoint.disabledReason && <> · turned off: {endpoint.disabledReason}</>}
                      {endpoint.failingSince && <> · failing since {new Date(endpoint.failingSince).toLocaleString()}</>}
                    </div>
                    <div className="dialog-actions">
                      <button type="button" onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)} aria-expanded={open === endpoint.id}
                        aria-label={`Deliveries to ${endpoint.url}`}>Deliveries</button>
                      <button type="button" onClick={() => setEditing(editing === endpoint.id ? null : endpoint.id)} aria-expanded={editing === endpoint.id}
                        aria-label={`Edit ${endpoint.url}`}>Edit</button>
                      <button type="button" onClick={() => toggle.mutate(endpoint)} disabled={toggle.isPending}
                        aria-label={`${endpoint.enabled ? 'Turn off' : 'Turn on'} ${endpoint.url}`}>{endpoint.enabled ? 'Turn off' : 'Turn on'}</button>
                      <ConfirmButton label="Rotate secret" accessibleName={`Rotate secret of ${endpoint.url}`} disabled={rotate.isPending}
                        question="Replace the signing secret? The old one stops verifying at once." onConfirm={() => rotate.mutate(endpoint)} />
                      <ConfirmButton label="Delete" accessibleName={`Delete ${endpoint.url}`} disabled={remove.isPending}
                        question={`Delete ${endpoint.url} and its delivery log?`} onConfirm={() => remove.mutate(endpoint.id)} />
                    </div>
                    {editing === endpoint.id && (
                      <WebhookForm key={endpoint.version} endpoint={endpoint} onSaved={async () => {
                        setEditing(null);
                        await refresh();
                      }} />
                    )}
                    {open === endpoint.id && <WebhookDeliveries endpointId={endpoint.id} />}
                  </li>
                ))}
              </ul>
            )}
    </section>
  );
}
