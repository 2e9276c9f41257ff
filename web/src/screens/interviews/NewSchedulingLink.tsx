import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { dataOf, messageOf } from '../../api/problems.ts';
import { InterviewerPicker } from './InterviewerPicker.tsx';
import { PlaceFields } from './PlaceFields.tsx';
import { schedulingLinksQuery, type InterviewKind } from './queries.ts';

const durations = [30, 45, 60, 90] as const;
const inTwoWeeks = (): string => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
/** The end of the chosen day in the browser's zone: the last slot ends by then. */
const endOfDay = (date: string): string => new Date(`${date}T23:59`).toISOString();

interface Props { applicationId: string; jobId: string; onCreated(url: string): void; onDismiss(): void }

export function NewSchedulingLink({ applicationId, jobId, onCreated, onDismiss }: Props) {
  const queries = useQueryClient();
  const [duration, setDuration] = useState<number>(60);
  const [place, setPlace] = useState<{ kind: InterviewKind; location: string; videoUrl: string }>({ kind: 'video', location: '', videoUrl: '' });
  const [until, setUntil] = useState(inTwoWeeks);
  const [interviewers, setInterviewers] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: async () => dataOf(await api.POST('/v1/applications/{id}/scheduling-links', {
      params: { path: { id: applicationId } },
      body: {
        interviewers, durationMinutes: duration, kind: place.kind, to: endOfDay(until),
        ...(place.kind === 'video' ? { videoUrl: place.videoUrl.trim() } : place.location.trim() ? { location: place.location.trim() } : {}),
      },
    })),
    onSuccess: async ({ url }) => {
      onCreated(url);
      await queries.invalidateQueries({ queryKey: schedulingLinksQuery(applicationId).queryKey });
    },
  });
  const prefix = `link-${applicationId}`;
  return (
    <form className="interview-form" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
      <div className="field-row">
        <div>
          <label htmlFor={`${prefix}-duration`}>Length</label>
          <select id={`${prefix}-duration`} value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
            {durations.map((d) => <option key={d} value={d}>{d} minutes</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={`${prefix}-until`}>Offer times until</label>
          <input id={`${prefix}-until`} type="date" value={until} onChange={(e) => setUntil(e.target.value)} required />
        </div>
      </div>
      <PlaceFields idPrefix={prefix} place={place} onChange={(patch) => setPlace((now) => ({ ...now, ...patch }))} />
      <InterviewerPicker jobId={jobId} idPrefix={`${prefix}-who`} selected={interviewers} onChange={setInterviewers} />
      <p className="hint">The candidate sees the times when every interviewer chosen is available and free.</p>
      {create.isError && <p className="error" role="alert">Could not make the link: {messageOf(create.error)}</p>}
      <div className="dialog-actions">
        <button type="submit" disabled={create.isPending || interviewers.length === 0}>{create.isPending ? 'Making…' : 'Make the link'}</button>
        <button type="button" onClick={onDismiss}>Never mind</button>
      </div>
    </form>
  );
}
