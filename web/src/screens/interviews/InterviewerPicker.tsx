import { ErrorMessage, Loading } from '../../components/States.tsx';
import { useInterviewerChoices } from './people.ts';

interface Props { jobId: string; idPrefix: string; selected: readonly string[]; onChange(selected: string[]): void }

/** Checkboxes of the members who may interview for the job, the hiring team first. */
export function InterviewerPicker({ jobId, idPrefix, selected, onChange }: Props) {
  const { isPending, error, choices, onTeam } = useInterviewerChoices(jobId);
  const toggle = (userId: string, on: boolean) => onChange(on ? [...selected, userId] : selected.filter((id) => id !== userId));
  return (
    <fieldset className="interviewers">
      <legend>Interviewers</legend>
      {isPending ? <Loading what="the people who may interview" />
        : error ? <ErrorMessage error={error} what="the people who may interview" />
          : choices.length === 0 ? <p className="empty">Nobody may interview for this job yet: add people to its hiring team.</p>
            : choices.map((m) => (
              <div key={m.userId} className="check">
                <input id={`${idPrefix}-${m.userId}`} type="checkbox" checked={selected.includes(m.userId)} onChange={(e) => toggle(m.userId, e.target.checked)} />
                <label htmlFor={`${idPrefix}-${m.userId}`} className="inline">
                  {m.name} <span className="muted">({m.email})</span>
                </label>
                <span className="muted"> · {onTeam.has(m.userId) ? 'hiring team' : m.role.replace('_', ' ')}</span>
              </div>
            ))}
    </fieldset>
  );
}
