import type { BoardJob, BoardQuestion } from '../jobs/index.ts';
import type { FormState } from './careers.form.ts';
import { inputId } from './careers.form.ts';
import { html, type Html } from '../../http/html.ts';
import type { PageOrg } from './careers.layout.ts';

const DOCUMENT_TYPES = '.pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FILE_HINT = 'PDF or Word (.docx), up to 10 MB.';

/** One input's label, hint and error, and how its control refers to them. */
interface Field {
  name: string;
  id: string;
  label: string;
  hint: string | null;
  error: string | null;
  required: boolean;
}

/** The service's detail as a sentence about the field: "Why this job? is required" (its "is required: <label>" would say the label twice). */
function sentence(label: string, detail: string | undefined): string | null {
  if (detail === undefined) return null;
  const trimmed = detail.endsWith(`: ${label.slice(0, 100)}`) ? detail.slice(0, detail.length - label.slice(0, 100).length - 2) : detail;
  return `${label} ${trimmed}`;
}

function fieldOf(state: FormState, name: string, label: string, options: { hint?: string; required?: boolean } = {}): Field {
  return { name, id: inputId(name), label, hint: options.hint ?? null, error: sentence(label, state.errors.get(name)), required: options.required ?? false };
}

const describedBy = (f: Field): Html | null => {
  const ids = [f.hint ? `${f.id}-hint` : '', f.error ? `${f.id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : null;
};
const invalid = (f: Field): Html | null => (f.error ? html` aria-invalid="true"` : null);
const required = (f: Field): Html | null => (f.required ? html` required` : null);
const labelText = (f: Field): Html => html`${f.label}${f.required ? null : html` <span class="hint">(optional)</span>`}`;
const hintAndError = (f: Field): Html => html`${f.hint ? html`<span class="hint" id="${f.id}-hint">${f.hint}</span>` : null}${
  f.error ? html`<p class="error" id="${f.id}-error">Error: ${f.error}</p>` : null}`;

const text = (state: FormState, name: string): string => {
  const value = state.values[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : '';
};
const chosen = (state: FormState, name: string, option: string): boolean => {
  const value = state.values[name];
  return typeof value === 'string' ? value === option : Array.isArray(value) ? value.includes(option) : false;
};

function input(state: FormState, f: Field, type: string, extra: Html | null = null): Html {
  return html`<div class="field"><label for="${f.id}">${labelText(f)}</label>${hintAndError(f)}<input type="${type}" id="${f.id}" name="${f.name}"${
    type === 'file' ? null : html` value="${text(state, f.name)}"`}${required(f)}${invalid(f)}${describedBy(f)}${extra}></div>`;
}

/** The newline after <textarea> is one HTML drops, so a value that starts with a newline keeps it. */
function textarea(state: FormState, f: Field, maxLength: number): Html {
  return html`<div class="field"><label for="${f.id}">${labelText(f)}</label>${hintAndError(f)}<textarea id="${f.id}" name="${f.name}" maxlength="${maxLength}" rows="6"${
    required(f)}${invalid(f)}${describedBy(f)}>
${text(state, f.name)}</textarea></div>`;
}

/** Radios or checkboxes in a fieldset; the first option carries the field's id, so the error summary can link to it. */
function choices(state: FormState, f: Field, type: 'radio' | 'checkbox', options: readonly { value: string; label: string }[]): Html {
  return html`<fieldset${describedBy(f)}><legend>${labelText(f)}</legend>${hintAndError(f)}${options.map((o, i) => {
    const id = i === 0 ? f.id : `${f.id}-${i}`;
    return html`<label class="choice" for="${id}"><input type="${type}" id="${id}" name="${f.name}" value="${o.value}"${
      chosen(state, f.name, o.value) ? html` checked` : null}${type === 'radio' ? required(f) : null}${invalid(f)}>${o.label}</label>`;
  })}</fieldset>`;
}

function question(state: FormState, q: BoardQuestion, fields: Field[]): Html {
  const f = fieldOf(state, `answers[${q.id}]`, q.label, { required: q.required, hint: q.kind === 'file' ? FILE_HINT : undefined });
  fields.push(f);
  switch (q.kind) {
    case 'short_text': return input(state, f, 'text', html` maxlength="1000"`);
    case 'long_text': return textarea(state, f, 20_000);
    case 'yes_no': return choices(state, f, 'radio', [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }]);
    case 'single_choice': return choices(state, f, 'radio', q.options.map((o) => ({ value: o, label: o })));
    case 'multi_choice': return choices(state, f, 'checkbox', q.options.map((o) => ({ value: o, label: o })));
    case 'file': return input(state, f, 'file', html` accept="${DOCUMENT_TYPES}"`);
  }
}

function checkbox(state: FormState, f: Field, label: Html): Html {
  return html`<div class="field">${hintAndError(f)}<label class="choice" for="${f.id}"><input type="checkbox" id="${f.id}" name="${f.name}" value="true"${
    chosen(state, f.name, 'true') ? html` checked` : null}${required(f)}${invalid(f)}${describedBy(f)}>${label}</label></div>`;
}

/** The errors above the form, each linking to its input; and the reminder that files must be chosen again. */
function summary(state: FormState, fields: readonly Field[]): Html | null {
  const wrong = fields.filter((f) => f.error);
  if (wrong.length === 0 && !state.message) return null;
  return html`<div class="summary" id="error-summary" role="alert" aria-labelledby="error-summary-heading" tabindex="-1">
<h3 id="error-summary-heading">Your application was not sent</h3>${state.message ? html`<p>${state.message}</p>` : null}${
  wrong.length > 0 ? html`<ul>${wrong.map((f) => html`<li><a href="#${f.id}">${f.error}</a></li>`)}</ul>` : null}${
  state.hadFiles ? html`<p>Files you chose are not kept when the form comes back: please choose your résumé and any other files again.</p>` : null}
</div>`;
}

/**
 * The apply form: a plain multipart POST that works without JavaScript. `novalidate`: the server's checks (the API's own)
 * are the one source of errors, shown on their fields; `required` still tells assistive technology which fields are.
 */
export function applyForm(org: PageOrg, job: BoardJob, state: FormState, privacyNoticeUrl: string | null, submission: string): Html {
  const fields: Field[] = [];
  const add = (f: Field) => (fields.push(f), f);
  const name = input(state, add(fieldOf(state, 'name', 'Full name', { required: true })), 'text', html` autocomplete="name" maxlength="200"`);
  const email = input(state, add(fieldOf(state, 'email', 'Email', { required: true })), 'email', html` autocomplete="email" maxlength="254"`);
  const phone = input(state, add(fieldOf(state, 'phone', 'Phone', { hint: 'In international form, e.g. +49 30 901820' })), 'tel', html` autocomplete="tel" maxlength="40"`);
  const resume = input(state, add(fieldOf(state, 'resume', 'Résumé', { hint: FILE_HINT })), 'file', html` accept="${DOCUMENT_TYPES}"`);
  const coverFile = input(state, add(fieldOf(state, 'coverLetter', 'Cover letter as a file', { hint: `${FILE_HINT} Or write it below.` })), 'file', html` accept="${DOCUMENT_TYPES}"`);
  const coverText = textarea(state, add(fieldOf(state, 'coverLetterText', 'Cover letter')), 20_000);
  const questions = job.questions.map((q) => question(state, q, fields));
  const eeo = job.equalOpportunity.map((q) => {
    const f = add(fieldOf(state, `equalOpportunity[${q.id}]`, q.label));
    return choices(state, f, 'radio', q.choices.map((c) => ({ value: c, label: c })));
  });
  const keep = checkbox(state, add(fieldOf(state, 'keepForFutureRoles', 'Keep my application for future roles')), html`Keep my application on file for future roles`);
  const consent = privacyNoticeUrl
    ? checkbox(state, add(fieldOf(state, 'consent', 'Privacy notice', { required: true })),
      html`I have read the <a href="${privacyNoticeUrl}" rel="noopener">privacy notice of ${org.name}</a> and agree to my data being processed for this application`)
    : null;
  return html`<section aria-labelledby="apply-heading"><h2 id="apply-heading">Apply for ${job.title}</h2>
${summary(state, fields)}
<form method="post" action="/careers/${org.slug}/jobs/${job.id}/apply?submission=${encodeURIComponent(submission)}" enctype="multipart/form-data" novalidate>
<p>Fields marked (optional) may be left empty.</p>
${name}${email}${phone}
<fieldset><legend>Résumé and cover letter</legend>${resume}${coverFile}${coverText}</fieldset>
${questions.length > 0 ? html`<fieldset><legend>Questions</legend>${questions}</fieldset>` : null}
${eeo.length > 0 ? html`<fieldset><legend>Voluntary questions</legend><p>Answering is optional and never affects your application: the hiring team sees only totals.</p>${eeo}</fieldset>` : null}
${keep}${consent}
<div class="hp" aria-hidden="true"><label for="f-website">Leave this empty</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
<p><button type="submit">Send application</button></p>
</form></section>`;
}
