import { AppError } from '../../../app-error.ts';
import type { StageRow } from '../pipelines/index.ts';
import type { ApplicationPatch, ApplicationWithStage, StageRef } from './applications.repo.ts';
import type { HistoryAction } from './applications.table.ts';

/** What a caller asks of an application. */
export type ActionInput =
  | { kind: 'move'; stageId: string }
  | { kind: 'reject'; reasonId: string; note: string | null }
  | { kind: 'unreject' }
  | { kind: 'withdraw'; note: string | null }
  | { kind: 'reopen'; stageId?: string };

export type ApplicationEventType =
  | 'application.stage_changed' | 'application.hired' | 'application.rejected' | 'application.unrejected' | 'application.withdrawn' | 'application.reopened';

/** Everything an action will write, decided before anything is written. */
export interface ActionPlan {
  patch: Omit<ApplicationPatch, 'at'>;
  /** The stage the application is in afterwards. */
  stage: StageRef;
  history: { action: HistoryAction; reasonId: string | null; note: string | null };
  events: ApplicationEventType[];
}

/** What the service looked up for the action: the target stage of a move or reopen, the job's stages. */
export interface ActionContext {
  target?: StageRow | null;
  jobStages?: readonly StageRow[];
}

const illegal = (detail: string) => new AppError('invalid-state-transition', detail);
const badStage = (detail: string) => new AppError('validation-failed', detail, { fields: [{ field: 'stageId', detail }] });

const ended: Record<string, string> = {
  rejected: 'it is rejected; unreject it first',
  withdrawn: 'the candidate withdrew; reopen it first',
  hired: 'it is hired; reopen it first',
};

/** A stage the caller named must be one of the application's own job's stages, and one an action can enter. */
function checkTarget(current: ApplicationWithStage, target: StageRow | null | undefined): StageRow {
  if (!target || target.jobId !== current.row.jobId) throw badStage('not a stage of this application\'s job');
  if (target.kind === 'rejected') throw illegal('A stage of kind rejected is entered by rejecting, with a reason');
  return target;
}

/**
 * Where a reopened application goes unless the caller names a stage: where it is, unless that is a
 * hired stage; then the nearest stage before it that is neither hired nor rejected.
 */
function reopenStage(current: ApplicationWithStage, stages: readonly StageRow[]): StageRef {
  if (current.stage.kind !== 'hired') return current.stage;
  const at = stages.findIndex((s) => s.id === current.stage.id);
  const before = stages.slice(0, Math.max(at, 0)).reverse().find((s) => s.kind !== 'hired' && s.kind !== 'rejected');
  if (!before) throw illegal('The job has no stage before its hired stage to reopen into; name one with stageId');
  return before;
}

/** The rules of an application's life: which action is legal in which state, and what it changes. */
export function planAction(current: ApplicationWithStage, input: ActionInput, context: ActionContext): ActionPlan {
  const { row } = current;
  const none = { reasonId: null, note: null };
  switch (input.kind) {
    case 'move': {
      if (row.status !== 'active') throw illegal(`The application cannot be moved: ${ended[row.status] ?? row.status}`);
      const target = checkTarget(current, context.target);
      if (target.id === row.stageId) throw illegal(`The application is already in the stage ${target.name}`);
      const hired = target.kind === 'hired';
      return {
        patch: { stageId: target.id, ...(hired ? { status: 'hired' as const } : {}) },
        stage: target,
        history: { action: hired ? 'hired' : 'moved', ...none },
        events: hired ? ['application.stage_changed', 'application.hired'] : ['application.stage_changed'],
      };
    }
    case 'reject':
      if (row.status !== 'active') throw illegal(`The application cannot be rejected: ${row.status === 'rejected' ? 'it already is' : ended[row.status]}`);
      return {
        patch: { status: 'rejected', rejectionReasonId: input.reasonId, rejectionNote: input.note },
        stage: current.stage,
        history: { action: 'rejected', reasonId: input.reasonId, note: input.note },
        events: ['application.rejected'],
      };
    case 'unreject':
      if (row.status !== 'rejected') throw illegal(`Only a rejected application can be unrejected; this one is ${row.status}`);
      return {
        patch: { status: 'active', rejectionReasonId: null, rejectionNote: null },
        stage: current.stage,
        history: { action: 'unrejected', ...none },
        events: ['application.unrejected'],
      };
    case 'withdraw':
      if (row.status !== 'active') throw illegal(`Only an active application can be withdrawn; this one is ${row.status}`);
      return { patch: { status: 'withdrawn' }, stage: current.stage, history: { action: 'withdrawn', reasonId: null, note: input.note }, events: ['application.withdrawn'] };
    case 'reopen': {
      if (row.status !== 'hired' && row.status !== 'withdrawn') throw illegal(`Only a hired or withdrawn application can be reopened; this one is ${row.status}`);
      let stage: StageRef;
      if (input.stageId === undefined) {
        stage = reopenStage(current, context.jobStages ?? []);
      } else {
        stage = checkTarget(current, context.target);
        if (stage.kind === 'hired') throw badStage('a reopened application goes to a stage that is not hired');
      }
      return {
        patch: { status: 'active', stageId: stage.id },
        stage,
        history: { action: 'reopened', ...none },
        events: stage.id === row.stageId ? ['application.reopened'] : ['application.reopened', 'application.stage_changed'],
      };
    }
  }
}
