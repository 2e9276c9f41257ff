import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { can, useSignedIn } from '../../session.tsx';
import type { Member } from '../../api/types.ts';
import { mentionedIn } from './mentions.ts';
import { MentionTextarea } from './MentionTextarea.tsx';
import { actorName, notesQuery, useMemberNames, useMembers } from './queries.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function Notes({ candidateId }: { candidateId: string }) {
  const { role } = useSignedIn();
  const names = useMemberNames();
  const members = useMembers();
  const queries = useQueryClient();
  const notes = useQuery(notesQuery(candidateId));
  const [body, setBody] = useState('');
  // Members picked from the @ list, by user id: sent as the note's mentions if still named in the text.
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const add = useMutation({
    mutationFn: async (text: string) => dataOf(await api.POST('/v1/candidates/{id}/notes', {
      params: { path: { id: candidateId } }, body: { body: text, mentions: mentionedIn(text, picked) },
    })),
    onSuccess: async () => {
      setBody('');
      setPicked(new Map());
      await queries.invalidateQueries({ queryKey: notesQuery(candidateId).queryKey });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (body.trim()) add.mutate(body.trim());
  };

  const list = notes.data?.data ?? [];
  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      {can(role, 'candidates:write') && (
        <form onSubmit={onSubmit} className="note-form">
          <label htmlFor="note-body">Add a note for your team</label>
          <MentionTextarea id="note-body" value={body} members={members} onChange={setBody}
            onMention={(member: Member) => setPicked((now) => new Map(now).set(member.userId, member.name))} />
          {add.isError && <p className="error" role="alert">Could not add the note: {messageOf(add.error)}</p>}
          <button type="submit" disabled={add.isPending}>{add.isPending ? 'Adding…' : 'Add note'}</button>
        </form>
      )}
      {notes.isPending ? <Loading what="notes" />
        : notes.isError ? <ErrorMessage error={notes.error} what="the notes" />
          : list.length === 0 ? <p className="empty">No notes yet.</p>
            : (
              <ul className="notes">
                {list.map((note) => (
                  <li key={note.id}>
                    <p className="note-body">{note.body}</p>
                    <span className="muted">
                      {actorName(note.author, names)} · {when.format(new Date(note.createdAt))}{note.visibility === 'private' ? ' · private' : ''}
                      {note.mentions.length > 0 && ` · mentions ${note.mentions.map((id) => names.get(id) ?? 'a former member').join(', ')}`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
    </section>
  );
}
