import { AppError, type FieldProblem } from '../../../app-error.ts';
import type { InterviewKind } from './interviews.table.ts';
import { canonicalTimeZone } from './zoned-date.ts';

/** When, where and how: what scheduling and every edit must leave consistent. */
export interface InterviewPlan {
  startAt: Date;
  endAt: Date;
  timeZone: string;
  kind: InterviewKind;
  location: string | null;
  videoUrl: string | null;
}

export const invalid = (detail: string, fields: FieldProblem[]): AppError => new AppError('validation-failed', detail, { fields });

const isWebUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** Checks a plan (400 naming each bad field) and returns it with the time zone's canonical name. */
export function checkPlan(plan: InterviewPlan): InterviewPlan {
  const problems: FieldProblem[] = [];
  if (plan.endAt.getTime() <= plan.startAt.getTime()) problems.push({ field: 'end', detail: 'must be after start' });
  const timeZone = canonicalTimeZone(plan.timeZone);
  if (!timeZone) problems.push({ field: 'timeZone', detail: 'is not an IANA time zone (such as Europe/Berlin)' });
  if (plan.videoUrl !== null && !isWebUrl(plan.videoUrl)) problems.push({ field: 'videoUrl', detail: 'must be an http or https URL' });
  if (plan.kind === 'video' && plan.videoUrl === null) problems.push({ field: 'videoUrl', detail: 'is required for a video interview' });
  if (plan.kind === 'onsite' && plan.location === null) problems.push({ field: 'location', detail: 'is required for an onsite interview' });
  if (problems.length > 0 || !timeZone) throw invalid('The interview\'s time or place is not valid', problems);
  return { ...plan, timeZone };
}
