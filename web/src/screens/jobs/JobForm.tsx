import { useState, type FormEvent, type ReactNode } from 'react';
import { employmentTypes, salaryUnits, workplaces, type JobFormValues } from './job-form.ts';

interface Props {
  initial: JobFormValues;
  onSubmit(values: JobFormValues): void;
  submitLabel: string;
  pending: boolean;
  /** Without it the fields are shown but cannot change (a role that may only read the job). */
  editable: boolean;
  /** A refusal from the API, shown next to the button that caused it. */
  problem: ReactNode;
}

/** The job's details, as the recruiter reviews a parsed posting or edits a job. */
export function JobForm({ initial, onSubmit, submitLabel, pending, editable, problem }: Props) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof JobFormValues>(key: K) => (value: JobFormValues[K]) => setValues((now) => ({ ...now, [key]: value }));
  const input = (key: Exclude<keyof JobFormValues, 'workplace' | 'employmentType' | 'salaryUnit'>) => ({
    id: `job-${key}`, value: values[key], onChange: (e: { target: { value: string } }) => set(key)(e.target.value),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(values);
  };

  return (
    <form className="job-form" onSubmit={submit}>
      <fieldset disabled={!editable || pending}>
        <legend className="visually-hidden">Job details</legend>
        <label htmlFor="job-title">Title</label>
        <input {...input('title')} className="wide" required maxLength={200} />
        <label htmlFor="job-department">Department</label>
        <input {...input('department')} maxLength={120} />
        <div className="field-row">
          <div>
            <label htmlFor="job-workplace">Workplace</label>
            <select id="job-workplace" value={values.workplace} onChange={(e) => set('workplace')(workplaces.find((w) => w.value === e.target.value)?.value ?? '')}>
              <option value="">Not stated</option>
              {workplaces.map((w) => <option key={w.value} value={w.value}>{w.label}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="job-employmentType">Employment type</label>
            <select id="job-employmentType" value={values.employmentType} onChange={(e) => set('employmentType')(employmentTypes.find((t) => t.value === e.target.value)?.value ?? '')}>
              <option value="">Not stated</option>
              {employmentTypes.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="job-openings">Openings</label>
            <input {...input('openings')} type="number" min={1} max={10000} required />
          </div>
        </div>
        <label htmlFor="job-locations">Locations <span className="muted">(one per line)</span></label>
        <textarea {...input('locations')} rows={2} />
        <fieldset className="salary">
          <legend>Salary</legend>
          <div className="field-row">
            <div><label htmlFor="job-salaryMin">From</label><input {...input('salaryMin')} type="number" min={0} step="any" /></div>
            <div><label htmlFor="job-salaryMax">To</label><input {...input('salaryMax')} type="number" min={0} step="any" /></div>
            <div>
              <label htmlFor="job-salaryCurrency">Currency</label>
              <input {...input('salaryCurrency')} pattern="[A-Za-z]{3}" maxLength={3} size={4} title="Three letters, as EUR" required={values.salaryMin !== '' || values.salaryMax !== ''} />
            </div>
            <div>
              <label htmlFor="job-salaryUnit">Period</label>
              <select id="job-salaryUnit" value={values.salaryUnit} onChange={(e) => set('salaryUnit')(salaryUnits.find((u) => u.value === e.target.value)?.value ?? 'YEAR')}>
                {salaryUnits.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}
              </select>
            </div>
          </div>
        </fieldset>
        <div className="field-row">
          <div><label htmlFor="job-experienceYearsMin">Years of experience (at least)</label><input {...input('experienceYearsMin')} type="number" min={0} max={60} /></div>
          <div><label htmlFor="job-validThrough">Open until</label><input {...input('validThrough')} type="date" /></div>
        </div>
        <label htmlFor="job-requiredSkills">Required skills <span className="muted">(comma-separated)</span></label>
        <input {...input('requiredSkills')} className="wide" />
        <label htmlFor="job-niceSkills">Nice-to-have skills <span className="muted">(comma-separated)</span></label>
        <input {...input('niceSkills')} className="wide" />
        <label htmlFor="job-description">Description <span className="muted">(Markdown)</span></label>
        <textarea {...input('description')} rows={12} className="wide" maxLength={100000} />
      </fieldset>
      {problem}
      {editable && <button type="submit" disabled={pending}>{pending ? 'Saving…' : submitLabel}</button>}
    </form>
  );
}
