import type { paths } from '../../../generated/openapi';
import { browserTimeZone, instantOf, localInputOf, tomorrowAtTheHour } from './interview-time.ts';
import type { Interview, InterviewKind } from './queries.ts';

type NewInterview = NonNullable<paths['/v1/applications/{id}/interviews']['post']['requestBody']>['content']['application/json'];
type InterviewChanges = NonNullable<paths['/v1/interviews/{id}']['patch']['requestBody']>['content']['application/json'];

/** An interview as its form holds it: times as `datetime-local` values in the browser's zone. */
export interface InterviewFormValues {
  kind: InterviewKind;
  start: string;
  end: string;
  location: string;
  videoUrl: string;
  agenda: string;
  interviewers: string[];
}

export function newInterviewValues(): InterviewFormValues {
  const start = tomorrowAtTheHour();
  return {
    kind: 'video', start: localInputOf(start), end: localInputOf(new Date(start.getTime() + 3_600_000)),
    location: '', videoUrl: '', agenda: '', interviewers: [],
  };
}

export const valuesOf = (interview: Interview): InterviewFormValues => ({
  kind: interview.kind, start: localInputOf(new Date(interview.start)), end: localInputOf(new Date(interview.end)),
  location: interview.location ?? '', videoUrl: interview.videoUrl ?? '', agenda: interview.agenda ?? '', interviewers: interview.interviewers,
});

/** The times as instants; a time the browser cannot read goes as it is, for the API to say what is wrong. */
const timesOf = (values: InterviewFormValues) => ({
  start: instantOf(values.start) ?? values.start, end: instantOf(values.end) ?? values.end, timeZone: browserTimeZone(),
});
const trimmed = (text: string): string | null => text.trim() || null;

export function scheduleBodyOf(values: InterviewFormValues): NewInterview {
  const [location, videoUrl, agenda] = [trimmed(values.location), trimmed(values.videoUrl), trimmed(values.agenda)];
  return {
    ...timesOf(values), kind: values.kind, interviewers: values.interviewers,
    ...(location ? { location } : {}), ...(videoUrl ? { videoUrl } : {}), ...(agenda ? { agenda } : {}),
  };
}

export const changesOf = (values: InterviewFormValues): InterviewChanges => ({
  ...timesOf(values), kind: values.kind, interviewers: values.interviewers,
  location: trimmed(values.location), videoUrl: trimmed(values.videoUrl), agenda: trimmed(values.agenda),
});
