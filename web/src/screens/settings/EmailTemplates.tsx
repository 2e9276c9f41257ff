import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf, problemOf } from '../../api/problems.ts';
import type { Got, Posted } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { templateKeys, type TemplateKey } from '../../../../src/modules/mail/mail.catalogue.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { EmailPreview } from './EmailPreview.tsx';
import { EmailSettings } from './EmailSettings.tsx';

type EmailTemplate = Got<'/v1/email-templates/{key}'>;
export type RenderedEmail = Posted<'/v1/email-templates/{key}/preview', 200>;

const templateQuery = (key: TemplateKey) => ({
  queryKey: ['email-template', key],
  queryFn: async () => dataOf(await api.GET('/v1/email-templates/{key}', { params: { path: { key } } })),
});

/** The emails Hireline sends for the org: pick one, edit its Liquid parts, preview them rendered with sample data, save or go back to the default. */
export function EmailTemplates() {
  const [key, setKey] = useState<TemplateKey>('application-received');
  // Kept here: the editor starts afresh (from the saved parts) whenever the saved template changes.
  const [notice, setNotice] = useState<string | null>(null);
  const template = useQuery(templateQuery(key));
  return (
    <section aria-labelledby="email-templates-title">
      <h2 id="email-templates-title">Email templates</h2>
      <EmailSettings />
      <h3>Templates</h3>
      <label htmlFor="email-template-key">Email</label>
      <select id="email-template-key" value={key} onChange={(e) => { setKey(templateKeys.find((k) => k === e.target.value) ?? key); setNotice(null); }}>
        {templateKeys.map((k) => <option key={k} value={k}>{k.replaceAll('-', ' ')}</option>)}
      </select>
      {notice && <p className="notice" role="status">{notice}</p>}
      {template.isPending ? <Loading what="the template" />
        : template.isError ? <ErrorMessage error={template.error} what="the template" />
          : <TemplateEditor key={`${key}-${template.data.updatedAt ?? 'default'}`} templateKey={key} template={template.data} onNotice={setNotice} />}
    </section>
  );
}

function TemplateEditor({ templateKey, template, onNotice }: { templateKey: TemplateKey; template: EmailTemplate; onNotice(notice: string | null): void }) {
  const queries = useQueryClient();
  const [subject, setSubject] = useState(template.subject);
  const [text, setText] = useState(template.text);
  const [html, setHtml] = useState(template.html);
  const [preview, setPreview] = useState<RenderedEmail | null>(null);
  const editable = template.overridable;
  const parts = { subject, text, html };
  const path = { params: { path: { key: templateKey } } };

  const save = useMutation({
    mutationFn: async () => dataOf(await api.PUT('/v1/email-templates/{key}', { ...path, body: parts })),
    onMutate: () => onNotice(null),
    onSuccess: (saved) => {
      queries.setQueryData(templateQuery(templateKey).queryKey, saved);
      onNotice('Template saved. Emails queued from now on use it.');
    },
  });
  const reset = useMutation({
    mutationFn: async () => {
      const result = await api.DELETE('/v1/email-templates/{key}', path);
      if (!result.response.ok) throw problemOf(result.error, result.response);
    },
    onMutate: () => onNotice(null),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: templateQuery(templateKey).queryKey });
      onNotice('Back to Hireline\'s default.');
    },
  });
  const render = useMutation({
    mutationFn: async () => dataOf(await api.POST('/v1/email-templates/{key}/preview', { ...path, body: editable ? parts : {} })),
    onMutate: () => setPreview(null),
    onSuccess: setPreview,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <>
      <p className="hint">
        {template.description}. {template.overridden ? 'Your organization\'s own version is in use.' : 'Hireline\'s default is in use.'}
        {' '}Templates are Liquid (<code>{'{{ candidate.name }}'}</code>); the variables: {Object.keys(template.variables).map((v) => <code key={v}>{v} </code>)}
      </p>
      {!editable && <p className="notice">This email belongs to a person's account: every organization sends Hireline's version.</p>}
      <form onSubmit={onSubmit} className="settings-form">
        <label htmlFor="email-subject">Subject</label>
        <input id="email-subject" className="wide" value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={1000} readOnly={!editable} />
        <label htmlFor="email-text">Plain-text part</label>
        <textarea id="email-text" className="wide code" rows={8} value={text} onChange={(e) => setText(e.target.value)} required maxLength={50000} readOnly={!editable} />
        <label htmlFor="email-html">HTML part</label>
        <textarea id="email-html" className="wide code" rows={8} value={html} onChange={(e) => setHtml(e.target.value)} required maxLength={100000} readOnly={!editable} />
        {save.isError && <p className="error" role="alert">Could not save the template: {messageOf(save.error)}</p>}
        {reset.isError && <p className="error" role="alert">Could not go back to the default: {messageOf(reset.error)}</p>}
        {render.isError && <p className="error" role="alert">Could not preview the template: {messageOf(render.error)}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={() => render.mutate()} disabled={render.isPending}>{render.isPending ? 'Rendering…' : 'Preview'}</button>
          {editable && <button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save template'}</button>}
          {template.overridden && (
            <ConfirmButton label="Use the default" question="Throw away your version and send Hireline's default?" disabled={reset.isPending} onConfirm={() => reset.mutate()} />
          )}
        </div>
      </form>
      {preview && <EmailPreview email={preview} />}
    </>
  );
}
