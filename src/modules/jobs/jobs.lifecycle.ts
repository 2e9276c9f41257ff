import { AppError } from '../../app-error.ts';
import type { JobEventType } from './jobs.events.ts';
import type { JobRow } from './jobs.repo.ts';
import type { JobStatus } from './jobs.schemas.ts';

export const jobActions = ['publish', 'close', 'reopen', 'archive'] as const;
export type JobAction = (typeof jobActions)[number];
type TransitionEvent = Extract<JobEventType, 'job.published' | 'job.closed' | 'job.reopened' | 'job.archived'>;

/** Which status each action leaves a job in, and the statuses it may start from. */
const transitions: Record<JobAction, { from: readonly JobStatus[]; to: JobStatus; event: TransitionEvent }> = {
  publish: { from: ['draft'], to: 'published', event: 'job.published' },
  close: { from: ['published'], to: 'closed', event: 'job.closed' },
  reopen: { from: ['closed'], to: 'published', event: 'job.reopened' },
  archive: { from: ['draft', 'published', 'closed'], to: 'archived', event: 'job.archived' },
};

type Publishable = Pick<JobRow, 'title' | 'description' | 'locations' | 'workplace' | 'validThrough'>;

/** The fields a job lacks before it may be on the board; empty when it may. */
export function missingForPublishing(job: Publishable, now: Date): string[] {
  const missing: string[] = [];
  if (job.title.trim() === '') missing.push('title');
  if (job.description.trim() === '') missing.push('description');
  if (job.locations.length === 0 && job.workplace !== 'remote') missing.push('locations (or workplace "remote")');
  if (job.validThrough && job.validThrough <= now) missing.push('validThrough (in the future)');
  return missing;
}

export function assertPublishable(job: Publishable, now: Date): void {
  const missing = missingForPublishing(job, now);
  if (missing.length > 0) {
    throw new AppError('unprocessable-job', `A published job needs: ${missing.join(', ')}`, { missing });
  }
}

/** Checks the action against the job's status (and content, when it goes onto the board). */
export function planTransition(job: JobRow, action: JobAction, now: Date): { to: JobStatus; event: TransitionEvent } {
  const rule = transitions[action];
  if (!rule.from.includes(job.status)) {
    throw new AppError('invalid-state-transition', `Cannot ${action} a job that is ${job.status}; allowed from: ${rule.from.join(', ')}`);
  }
  if (rule.to === 'published') assertPublishable(job, now);
  return { to: rule.to, event: rule.event };
}
