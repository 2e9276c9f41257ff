import { useState, type ReactNode } from 'react';
import { browserTimeZone } from './interview-time.ts';
import type { InterviewFormValues } from './interview-form.ts';
import { InterviewerPicker } from './InterviewerPicker.tsx';
import { PlaceFields } from './PlaceFields.tsx';

interface Props {
  jobId: string;
  idPrefix: string;
  initial: InterviewFormValues;
  submitLabel: string;
  pending: boolean;
  problem: ReactNode;
  onSubmit(values: InterviewFormValues): void;
  onDismiss(): void;
}

/** When, how, where and with whom: scheduling an interview and rescheduling one share it. */
export function InterviewForm({ jobId, idPrefix, initial, submitLabel, pending, problem, onSubmit, onDismiss }: Props) {
  const [values, setValues] = useState(initial);
  const change = (patch: Partial<InterviewFormValues>) => setValues((now) => ({ ...now, ...patch }));
  return (
    <form className="interview-form" onSubmit={(e) => { e.preventDefault(); onSubmit(values); }}>
      <div className="field-row">
        <div>
          <label htmlFor={`${idPrefix}-start`}>Starts</label>
          <input id={`${idPrefix}-start`} type="datetime-local" value={values.start} onChange={(e) => change({ start: e.target.value })} required />
        </div>
        <div>
          <label htmlFor={`${idPrefix}-end`}>Ends</label>
          <input id={`${idPrefix}-end`} type="datetime-local" value={values.end} onChange={(e) => change({ end: e.target.value })} required />
        </div>
      </div>
      <p className="hint">Times are in your time zone ({browserTimeZone()}); the invitations show it.</p>
      <PlaceFields idPrefix={idPrefix} place={values} onChange={change} />
      <label htmlFor={`${idPrefix}-agenda`}>Agenda (optional)</label>
      <textarea id={`${idPrefix}-agenda`} className="wide" rows={2} value={values.agenda} onChange={(e) => change({ agenda: e.target.value })} maxLength={5000} />
      <InterviewerPicker jobId={jobId} idPrefix={`${idPrefix}-who`} selected={values.interviewers} onChange={(interviewers) => change({ interviewers })} />
      {problem}
      <div className="dialog-actions">
        <button type="submit" disabled={pending || values.interviewers.length === 0}>{pending ? 'Saving…' : submitLabel}</button>
        <button type="button" onClick={onDismiss}>Never mind</button>
      </div>
    </form>
  );
}
