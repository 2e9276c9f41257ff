import { Type, type Static } from 'typebox';

const Count = Type.Integer({ minimum: 0 });

export const TaskCountsSchema = Type.Object({
  name: Type.String({ examples: ['mail.send'] }),
  waiting: Count,
  active: Count,
  retrying: Count,
  dead: Type.Integer({ minimum: 0, description: 'Every attempt failed; kept for a while so it can be retried (`hireline tasks retry`)' }),
}, { $id: 'TaskCounts' });

export const TaskFailureSchema = Type.Object({
  id: Type.String({ examples: ['0193a1b2-c3d4-7e8f-9a0b-1c2d3e4f5a6b'] }),
  name: Type.String({ examples: ['mail.send'] }),
  state: Type.Enum(['retrying', 'dead']),
  attempts: Type.Integer({ minimum: 1 }),
  error: Type.String({ description: 'What the last attempt failed with' }),
  lastAttemptAt: Type.String({ format: 'date-time' }),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When a retrying task runs next' }),
}, { $id: 'TaskFailure' });

export const TaskOverviewSchema = Type.Object({
  tasks: Type.Array(TaskCountsSchema, { description: 'Unfinished tasks by name (a finished task is deleted)' }),
  failures: Type.Array(TaskFailureSchema, { description: 'The most recent failures, newest first' }),
}, { $id: 'TaskOverview' });
export type TaskOverviewBody = Static<typeof TaskOverviewSchema>;
