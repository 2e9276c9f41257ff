import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';

export type Endpoint = Got<'/v1/webhooks'>['data'][number];

/** Event types as the form holds them: comma-separated; empty means every type, those added later included. */
const eventTypesOf = (typed: string): string[] | null => {
  const types = [...new Set(typed.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
  return types.length > 0 ? types : null;
};

interface Props {
  /** The endpoint to change, or null to register a new one. */
  endpoint: Endpoint | null;
  /** Called with the new endpoint's URL and signing secret (shown once), or with null after a change. */
  onSaved(created: { url: string; secret: string } | null): Promise<void>;
}

/** Registers an endpoint, or changes one (If-Match: a change saved elsewhere meanwhile is refused, not overwritten). */
export function WebhookForm({ endpoint, onSaved }: Props) {
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [eventTypes, setEventTypes] = useState(endpoint?.eventTypes?.join(', ') ?? '');
  const prefix = endpoint ? `webhook-${endpoint.id}` : 'webhook';
  const save = useMutation({
    mutationFn: async () => {
      const body = { url: url.trim(), description: description.trim() || null, eventTypes: eventTypesOf(eventTypes) };
      if (!endpoint) return dataOf(await api.POST('/v1/webhooks', { body }));
      await dataOf(await api.PATCH('/v1/webhooks/{id}', { params: { path: { id: endpoint.id }, header: { 'if-match': `"${endpoint.version}"` } }, body }));
      return null;
    },
    onSuccess: async (created) => {
      if (created) {
        setUrl('');
        setDescription('');
        setEventTypes('');
      }
      await onSaved(created && { url: created.url, secret: created.secret });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="settings-form" aria-label={endpoint ? `Edit ${endpoint.url}` : 'New webhook'}>
      <label htmlFor={`${prefix}-url`}>Endpoint URL <span className="muted">(https)</span></label>
      <input id={`${prefix}-url`} type="url" className="wide" value={url} onChange={(e) => setUrl(e.target.value)} required maxLength={2000} />
      <label htmlFor={`${prefix}-description`}>Description <span className="muted">(optional)</span></label>
      <input id={`${prefix}-description`} className="wide" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
      <label htmlFor={`${prefix}-events`}>Event types <span className="muted">(comma-separated, such as application.created; empty for every event)</span></label>
      <input id={`${prefix}-events`} className="wide" value={eventTypes} onChange={(e) => setEventTypes(e.target.value)} />
      {save.isError && <p className="error" role="alert">Could not {endpoint ? 'change' : 'add'} the webhook: {messageOf(save.error)}</p>}
      <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : endpoint ? 'Save webhook' : 'Add webhook'}</button>
    </form>
  );
}
