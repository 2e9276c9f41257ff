import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { criteriaQuery, type Criterion } from '../interviews/queries.ts';
import { useEditableList } from './editable-list.ts';
import { RowButtons } from './RowButtons.tsx';

interface Row { key: string; id?: string; name: string; description: string }

/** What the job's interviewers rate candidates on, in order; a kept criterion keeps the ratings given to it. */
export function ScorecardCriteria({ jobId, editable }: { jobId: string; editable: boolean }) {
  const criteria = useQuery(criteriaQuery(jobId));
  const [saved, setSaved] = useState(false);
  if (criteria.isPending) return <Loading what="the scorecard criteria" />;
  if (criteria.isError) return <ErrorMessage error={criteria.error} what="the scorecard criteria" />;
  return (
    <>
      {saved && <p className="notice" role="status">Criteria saved.</p>}
      <CriteriaForm key={criteria.data.criteria.map((c) => `${c.id}:${c.name}`).join('|')} jobId={jobId} saved={criteria.data.criteria} editable={editable} onSaved={setSaved} />
    </>
  );
}

interface FormProps { jobId: string; saved: Criterion[]; editable: boolean; onSaved(saved: boolean): void }

function CriteriaForm({ jobId, saved, editable, onSaved }: FormProps) {
  const queries = useQueryClient();
  const { rows, change, move, remove, add } = useEditableList<Row>(saved.map((c) => ({ key: c.id, id: c.id, name: c.name, description: c.description ?? '' })));
  const save = useMutation({
    mutationFn: async () => dataOf(await api.PUT('/v1/jobs/{jobId}/scorecard-criteria', {
      params: { path: { jobId } },
      body: { criteria: rows.map(({ id, name, description }) => ({ ...(id ? { id } : {}), name: name.trim(), description: description.trim() || null })) },
    })),
    onMutate: () => onSaved(false),
    onSuccess: (answer) => {
      onSaved(true);
      queries.setQueryData(criteriaQuery(jobId).queryKey, answer);
    },
  });

  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} className="stages-form">
      {rows.length === 0 ? <Empty>No criteria: interviewers give only an overall recommendation and notes.</Empty> : (
        <ol className="stages">
          {rows.map((row, i) => (
            <li key={row.key}>
              <label htmlFor={`criterion-name-${row.key}`} className="visually-hidden">Criterion {i + 1}</label>
              <input id={`criterion-name-${row.key}`} value={row.name} onChange={(e) => change(i, { name: e.target.value })} required maxLength={200} disabled={!editable} />
              <label htmlFor={`criterion-description-${row.key}`} className="visually-hidden">What a good answer shows for criterion {i + 1} (optional)</label>
              <input id={`criterion-description-${row.key}`} value={row.description} onChange={(e) => change(i, { description: e.target.value })} maxLength={2000} size={40}
                placeholder="What a good answer shows (optional)" disabled={!editable} />
              {editable && <RowButtons name={row.name || 'the new criterion'} index={i} count={rows.length} move={move} remove={remove} />}
            </li>
          ))}
        </ol>
      )}
      {save.isError && <p className="error" role="alert">Could not save the criteria: {messageOf(save.error)}</p>}
      {editable && (
        <div className="dialog-actions">
          <button type="button" onClick={() => add({ name: '', description: '' })} disabled={rows.length >= 30}>Add a criterion</button>
          <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save criteria'}</button>
        </div>
      )}
    </form>
  );
}
