import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Candidate } from '../../api/types.ts';
import { can, useSignedIn } from '../../session.tsx';
import { candidateQuery } from './queries.ts';

/** The candidate's tags: added or removed by sending the whole list (If-Match: a change made elsewhere meanwhile is refused, not lost). */
export function Tags({ person }: { person: Candidate }) {
  const { role } = useSignedIn();
  const queries = useQueryClient();
  const [tag, setTag] = useState('');
  const save = useMutation({
    mutationFn: async (tags: string[]) => dataOf(await api.PATCH('/v1/candidates/{id}', {
      params: { path: { id: person.id }, header: { 'if-match': `"${person.version}"` } }, body: { tags },
    })),
    onSuccess: (updated) => {
      setTag('');
      queries.setQueryData(candidateQuery(person.id).queryKey, updated);
    },
  });
  const editable = can(role, 'candidates:write');
  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const added = tag.trim();
    if (added && !person.tags.includes(added)) save.mutate([...person.tags, added]);
  };

  return (
    <section aria-labelledby="tags-title">
      <h2 id="tags-title">Tags</h2>
      {person.tags.length === 0 ? <p className="empty">No tags.</p> : (
        <ul className="tags" aria-label="Tags">
          {person.tags.map((t) => (
            <li key={t}>
              {t}
              {editable && <button type="button" className="tag-remove" onClick={() => save.mutate(person.tags.filter((x) => x !== t))} disabled={save.isPending} aria-label={`Remove the tag ${t}`}>×</button>}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form onSubmit={onAdd} className="field-row">
          <div>
            <label htmlFor="tag-new">Add a tag</label>
            <input id="tag-new" value={tag} onChange={(e) => setTag(e.target.value)} maxLength={60} required />
          </div>
          <button type="submit" className="align-end" disabled={save.isPending}>Add tag</button>
        </form>
      )}
      {save.isError && <p className="error" role="alert">Could not change the tags: {messageOf(save.error)}</p>}
    </section>
  );
}
