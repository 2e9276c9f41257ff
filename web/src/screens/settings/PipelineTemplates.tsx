import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf, problemOf } from '../../api/problems.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { PipelineTemplateForm, templatesKey, type PipelineTemplate } from './PipelineTemplateForm.tsx';

/** The org's pipeline templates: a new job's stages come from the default one; each is edited as a whole list of stages. */
export function PipelineTemplates() {
  const queries = useQueryClient();
  const templates = useQuery({ queryKey: templatesKey, queryFn: async () => dataOf(await api.GET('/v1/pipeline-templates')) });
  // The template being edited: an id, 'new', or none.
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: async (template: PipelineTemplate) => {
      const result = await api.DELETE('/v1/pipeline-templates/{id}', { params: { path: { id: template.id }, header: { 'if-match': `"${template.version}"` } } });
      if (!result.response.ok) throw problemOf(result.error, result.response);
    },
    onMutate: () => setNotice(null),
    onSuccess: async (_, template) => {
      setNotice(`The template ${template.name} was deleted.`);
      await queries.invalidateQueries({ queryKey: templatesKey });
    },
  });

  if (templates.isPending) return <Loading what="pipeline templates" />;
  if (templates.isError) return <ErrorMessage error={templates.error} what="the pipeline templates" />;
  const list = templates.data.data;
  const edited = list.find((t) => t.id === editing);

  return (
    <section aria-labelledby="templates-title">
      <h2 id="templates-title">Pipeline templates</h2>
      <p className="hint">A job gets the default template's stages the first time its pipeline is used; jobs that have stages keep them when a template changes.</p>
      {notice && <p className="notice" role="status">{notice}</p>}
      {remove.isError && <p className="error" role="alert">Could not delete the template: {messageOf(remove.error)}</p>}
      {list.length === 0 ? <Empty>No pipeline templates.</Empty> : (
        <ul className="settings-list">
          {list.map((template) => (
            <li key={template.id}>
              <b>{template.name}</b>{template.isDefault && <span className="badge">default</span>}
              <span className="muted"> · {template.stages.map((s) => s.name).join(' → ')}</span>{' '}
              <button type="button" onClick={() => { setEditing(template.id); setNotice(null); }} aria-label={`Edit the template ${template.name}`}>Edit</button>{' '}
              {!template.isDefault && (
                <ConfirmButton label="Delete" accessibleName={`Delete the template ${template.name}`} question={`Delete ${template.name}?`}
                  disabled={remove.isPending} onConfirm={() => remove.mutate(template)} />
              )}
            </li>
          ))}
        </ul>
      )}
      {editing === null && <button type="button" onClick={() => { setEditing('new'); setNotice(null); }}>New template</button>}
      {(editing === 'new' || edited) && (
        <PipelineTemplateForm key={edited ? `${edited.id}-${edited.version}` : 'new'} template={edited ?? null}
          onDone={(message) => { setEditing(null); setNotice(message); }} />
      )}
    </section>
  );
}
