import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { useEditableList } from './editable-list.ts';
import { RowButtons } from './RowButtons.tsx';

type Stage = Got<'/v1/jobs/{id}/stages'>['data'][number];
type Kind = Stage['kind'];
interface Row { key: string; id?: string; name: string; kind: Kind }

const kinds: readonly Kind[] = ['applied', 'screen', 'interview', 'offer', 'hired', 'rejected'];
const stagesQuery = (jobId: string) => ({
  queryKey: ['job', jobId, 'stages'],
  queryFn: async () => dataOf(await api.GET('/v1/jobs/{id}/stages', { params: { path: { id: jobId } } })),
});

/** The job's pipeline stages: rename, reorder, add, remove (a removed stage's applications go to a kept one). */
export function Stages({ jobId, editable }: { jobId: string; editable: boolean }) {
  const stages = useQuery(stagesQuery(jobId));
  const [saved, setSaved] = useState(false);
  if (stages.isPending) return <Loading what="the stages" />;
  if (stages.isError) return <ErrorMessage error={stages.error} what="the stages" />;
  // Saved stages (new ones now with ids) start the form again from what the API kept.
  return (
    <>
      {saved && <p className="notice" role="status">Stages saved.</p>}
      <StagesForm key={stages.data.data.map((s) => `${s.id}:${s.name}:${s.kind}`).join('|')} jobId={jobId} saved={stages.data.data} editable={editable} onSaved={setSaved} />
    </>
  );
}

interface FormProps { jobId: string; saved: Stage[]; editable: boolean; onSaved(saved: boolean): void }

function StagesForm({ jobId, saved, editable, onSaved }: FormProps) {
  const queries = useQueryClient();
  const { rows, change, move, remove, add } = useEditableList<Row>(saved.map((s) => ({ key: s.id, id: s.id, name: s.name, kind: s.kind })));
  const [movesTo, setMovesTo] = useState<Record<string, string>>({});
  const removed = saved.filter((s) => !rows.some((r) => r.id === s.id));
  const kept = rows.filter((r): r is Row & { id: string } => r.id !== undefined);

  const save = useMutation({
    mutationFn: async () => dataOf(await api.PUT('/v1/jobs/{id}/stages', {
      params: { path: { id: jobId } },
      body: {
        stages: rows.map(({ id, name, kind }) => ({ ...(id ? { id } : {}), name: name.trim(), kind })),
        moves: removed.flatMap((s) => {
          const to = movesTo[s.id] ?? kept[0]?.id;
          return to ? [{ fromStageId: s.id, toStageId: to }] : [];
        }),
      },
    })),
    onMutate: () => onSaved(false),
    onSuccess: async (answer) => {
      onSaved(true);
      queries.setQueryData(stagesQuery(jobId).queryKey, answer);
      await queries.invalidateQueries({ queryKey: ['pipeline', jobId] });
    },
  });

  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} className="stages-form">
      <ol className="stages">
        {rows.map((row, i) => (
          <li key={row.key}>
            <label htmlFor={`stage-name-${row.key}`} className="visually-hidden">Name of stage {i + 1}</label>
            <input id={`stage-name-${row.key}`} value={row.name} onChange={(e) => change(i, { name: e.target.value })} required maxLength={100} disabled={!editable} />
            <label htmlFor={`stage-kind-${row.key}`} className="visually-hidden">Kind of stage {i + 1}</label>
            <select id={`stage-kind-${row.key}`} value={row.kind} onChange={(e) => change(i, { kind: kinds.find((k) => k === e.target.value) ?? row.kind })} disabled={!editable}>
              {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
            {editable && <RowButtons name={row.name || 'the new stage'} index={i} count={rows.length} move={move} remove={remove} />}
          </li>
        ))}
      </ol>
      {removed.length > 0 && kept.length > 0 && removed.map((s) => (
        <p key={s.id}>
          <label htmlFor={`move-${s.id}`}>Applications in {s.name} (removed) go to</label>
          <select id={`move-${s.id}`} value={movesTo[s.id] ?? kept[0]?.id} onChange={(e) => setMovesTo((now) => ({ ...now, [s.id]: e.target.value }))}>
            {kept.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
        </p>
      ))}
      {save.isError && <p className="error" role="alert">Could not save the stages: {messageOf(save.error)}</p>}
      {editable && (
        <div className="dialog-actions">
          <button type="button" onClick={() => add({ name: '', kind: 'interview' })}>Add a stage</button>
          <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save stages'}</button>
        </div>
      )}
    </form>
  );
}
