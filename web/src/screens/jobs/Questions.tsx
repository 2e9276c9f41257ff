import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { useEditableList } from './editable-list.ts';
import { RowButtons } from './RowButtons.tsx';

type Question = Got<'/v1/jobs/{jobId}/questions'>['questions'][number];
type Kind = Question['kind'];
/** One question as the form holds it: choices as one comma-separated string. */
interface Row { key: string; id?: string; label: string; kind: Kind; required: boolean; options: string }

const kinds: readonly { value: Kind; label: string }[] = [
  { value: 'short_text', label: 'Short text' }, { value: 'long_text', label: 'Long text' }, { value: 'yes_no', label: 'Yes or no' },
  { value: 'single_choice', label: 'One choice' }, { value: 'multi_choice', label: 'Several choices' }, { value: 'file', label: 'File' },
];
const hasOptions = (kind: Kind) => kind === 'single_choice' || kind === 'multi_choice';
const questionsQuery = (jobId: string) => ({
  queryKey: ['job', jobId, 'questions'],
  queryFn: async () => dataOf(await api.GET('/v1/jobs/{jobId}/questions', { params: { path: { jobId } } })),
});

/** The application form's questions, asked on the careers site's apply form, in order. */
export function Questions({ jobId, editable }: { jobId: string; editable: boolean }) {
  const questions = useQuery(questionsQuery(jobId));
  const [saved, setSaved] = useState(false);
  if (questions.isPending) return <Loading what="the questions" />;
  if (questions.isError) return <ErrorMessage error={questions.error} what="the questions" />;
  return (
    <>
      {saved && <p className="notice" role="status">Questions saved.</p>}
      <QuestionsForm key={questions.data.questions.map((q) => q.id).join('|')} jobId={jobId} saved={questions.data.questions} editable={editable} onSaved={setSaved} />
    </>
  );
}

interface FormProps { jobId: string; saved: Question[]; editable: boolean; onSaved(saved: boolean): void }

function QuestionsForm({ jobId, saved, editable, onSaved }: FormProps) {
  const queries = useQueryClient();
  const { rows, change, move, remove, add } = useEditableList<Row>(saved.map((q) => ({ key: q.id, id: q.id, label: q.label, kind: q.kind, required: q.required, options: q.options.join(', ') })));
  const save = useMutation({
    mutationFn: async () => dataOf(await api.PUT('/v1/jobs/{jobId}/questions', {
      params: { path: { jobId } },
      body: {
        questions: rows.map(({ id, label, kind, required, options }) => ({
          ...(id ? { id } : {}), label: label.trim(), kind, required,
          ...(hasOptions(kind) ? { options: options.split(',').map((o) => o.trim()).filter((o) => o !== '') } : {}),
        })),
      },
    })),
    onMutate: () => onSaved(false),
    onSuccess: (answer) => {
      onSaved(true);
      queries.setQueryData(questionsQuery(jobId).queryKey, answer);
    },
  });

  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} className="stages-form">
      {rows.length === 0 ? <Empty>No questions: candidates send their name, email and résumé.</Empty> : (
        <ol className="stages">
          {rows.map((row, i) => (
            <li key={row.key}>
              <label htmlFor={`q-label-${row.key}`} className="visually-hidden">Question {i + 1}</label>
              <input id={`q-label-${row.key}`} value={row.label} onChange={(e) => change(i, { label: e.target.value })} required maxLength={500} size={40} disabled={!editable} />
              <label htmlFor={`q-kind-${row.key}`} className="visually-hidden">Answer to question {i + 1}</label>
              <select id={`q-kind-${row.key}`} value={row.kind} onChange={(e) => change(i, { kind: kinds.find((k) => k.value === e.target.value)?.value ?? row.kind })} disabled={!editable}>
                {kinds.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
              </select>
              <input id={`q-required-${row.key}`} type="checkbox" checked={row.required} onChange={(e) => change(i, { required: e.target.checked })} disabled={!editable} />
              <label htmlFor={`q-required-${row.key}`} className="inline">Required<span className="visually-hidden"> (question {i + 1})</span></label>
              {hasOptions(row.kind) && (
                <>
                  <label htmlFor={`q-options-${row.key}`} className="visually-hidden">Choices for question {i + 1} (comma-separated)</label>
                  <input id={`q-options-${row.key}`} value={row.options} onChange={(e) => change(i, { options: e.target.value })} placeholder="Choices, comma-separated" disabled={!editable} />
                </>
              )}
              {editable && <RowButtons name={row.label || 'the new question'} index={i} count={rows.length} move={move} remove={remove} />}
            </li>
          ))}
        </ol>
      )}
      {save.isError && <p className="error" role="alert">Could not save the questions: {messageOf(save.error)}</p>}
      {editable && (
        <div className="dialog-actions">
          <button type="button" onClick={() => add({ label: '', kind: 'short_text', required: false, options: '' })}>Add a question</button>
          <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save questions'}</button>
        </div>
      )}
    </form>
  );
}
