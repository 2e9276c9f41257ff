import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';
import { useEditableList } from '../jobs/editable-list.ts';
import { RowButtons } from '../jobs/RowButtons.tsx';

export type PipelineTemplate = Got<'/v1/pipeline-templates'>['data'][number];
type Kind = PipelineTemplate['stages'][number]['kind'];
interface Row { key: string; name: string; kind: Kind; candidateName: string }

export const templatesKey = ['pipeline-templates'];
const kinds: readonly { value: Kind; label: string }[] = [
  { value: 'applied', label: 'Applied (the first)' }, { value: 'screen', label: 'Screen' }, { value: 'interview', label: 'Interview' },
  { value: 'offer', label: 'Offer' }, { value: 'hired', label: 'Hired' }, { value: 'rejected', label: 'Rejected' },
];
const starter: Omit<Row, 'key'>[] = [
  { name: 'Applied', kind: 'applied', candidateName: '' }, { name: 'Screen', kind: 'screen', candidateName: '' },
  { name: 'Interview', kind: 'interview', candidateName: '' }, { name: 'Offer', kind: 'offer', candidateName: '' },
  { name: 'Hired', kind: 'hired', candidateName: '' },
];

/** Creates a template, or changes one (If-Match: a change saved elsewhere meanwhile is refused, not overwritten). */
export function PipelineTemplateForm({ template, onDone }: { template: PipelineTemplate | null; onDone(message: string | null): void }) {
  const queries = useQueryClient();
  const [name, setName] = useState(template?.name ?? '');
  const [isDefault, setIsDefault] = useState(template?.isDefault ?? false);
  const initial = template ? template.stages.map((s) => ({ ...s, candidateName: s.candidateName === s.name ? '' : s.candidateName })) : starter;
  const { rows, change, move, remove, add } = useEditableList<Row>(initial.map((s, i) => ({ ...s, key: `stage-${i}` })));
  const save = useMutation({
    mutationFn: async () => {
      const stages = rows.map((r) => ({ name: r.name.trim(), kind: r.kind, ...(r.candidateName.trim() ? { candidateName: r.candidateName.trim() } : {}) }));
      if (!template) return dataOf(await api.POST('/v1/pipeline-templates', { body: { name: name.trim(), stages, isDefault } }));
      return dataOf(await api.PATCH('/v1/pipeline-templates/{id}', {
        params: { path: { id: template.id }, header: { 'if-match': `"${template.version}"` } },
        body: { name: name.trim(), stages, ...(isDefault && !template.isDefault ? { isDefault: true } : {}) },
      }));
    },
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: templatesKey });
      onDone(`The template ${saved.name} was saved.`);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };
  const title = template ? `Edit ${template.name}` : 'New pipeline template';

  return (
    <form onSubmit={onSubmit} className="settings-form template-form" aria-label={title}>
      <h3>{title}</h3>
      <label htmlFor="template-name">Template name</label>
      <input id="template-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} size={40} />
      <p className="check">
        <input id="template-default" type="checkbox" checked={isDefault} disabled={template?.isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
        <label htmlFor="template-default" className="inline">The default for new jobs{template?.isDefault ? ' (make another the default to change this)' : ''}</label>
      </p>
      <p className="hint">One Applied stage, first; one Hired stage, with only Rejected stages after it. The name candidates see defaults to the stage's name.</p>
      <ol className="stages">
        {rows.map((row, i) => (
          <li key={row.key}>
            <label htmlFor={`ts-name-${row.key}`} className="visually-hidden">Stage {i + 1} name</label>
            <input id={`ts-name-${row.key}`} value={row.name} onChange={(e) => change(i, { name: e.target.value })} required maxLength={80} size={18} />
            <label htmlFor={`ts-kind-${row.key}`} className="visually-hidden">Stage {i + 1} kind</label>
            <select id={`ts-kind-${row.key}`} value={row.kind} onChange={(e) => change(i, { kind: kinds.find((k) => k.value === e.target.value)?.value ?? row.kind })}>
              {kinds.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
            </select>
            <label htmlFor={`ts-shown-${row.key}`} className="visually-hidden">Stage {i + 1} name candidates see</label>
            <input id={`ts-shown-${row.key}`} value={row.candidateName} onChange={(e) => change(i, { candidateName: e.target.value })} maxLength={80} size={22} placeholder="Shown to candidates as…" />
            <RowButtons name={row.name || `stage ${i + 1}`} index={i} count={rows.length} move={move} remove={remove} />
          </li>
        ))}
      </ol>
      {save.isError && <p className="error" role="alert">Could not save the template: {messageOf(save.error)}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={() => add({ name: '', kind: 'interview', candidateName: '' })}>Add a stage</button>
        <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save template'}</button>
        <button type="button" onClick={() => onDone(null)}>Cancel</button>
      </div>
    </form>
  );
}
