import type { Container } from '../container.ts';
import type { TaskOverview } from '../infra/queue/task-queue.ts';

/** The whole instance's queue as an operator reads it: counts per task name, then the recent failures. */
export function describeTasks(overview: TaskOverview): string {
  const lines: string[] = [];
  if (overview.tasks.length === 0) lines.push('No unfinished tasks.');
  else {
    const width = Math.max(4, ...overview.tasks.map((t) => t.name.length));
    lines.push(`${'TASK'.padEnd(width)}  WAITING  ACTIVE  RETRYING  DEAD`);
    for (const t of overview.tasks) {
      lines.push(`${t.name.padEnd(width)}  ${String(t.waiting).padStart(7)}  ${String(t.active).padStart(6)}  ${String(t.retrying).padStart(8)}  ${String(t.dead).padStart(4)}`);
    }
  }
  if (overview.failures.length > 0) {
    lines.push('', 'Recent failures (retry or discard by id):');
    for (const f of overview.failures) {
      const next = f.nextAttemptAt ? `, next attempt ${f.nextAttemptAt.toISOString()}` : '';
      lines.push(`  ${f.id}  ${f.name}  ${f.state} after ${f.attempts} attempt${f.attempts === 1 ? '' : 's'} (last ${f.lastAttemptAt.toISOString()}${next})`);
      lines.push(`    ${f.error.split('\n')[0]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `hireline tasks list|retry|discard`; ok is false when the id names no task in a state the action applies to. */
export async function tasksCommand(container: Pick<Container, 'taskQueue'>, action: 'list' | 'retry' | 'discard', id?: string): Promise<{ ok: boolean; output: string }> {
  const queue = container.taskQueue;
  if (action === 'list') return { ok: true, output: describeTasks(await queue.overview()) };
  if (!id) return { ok: false, output: `tasks ${action} needs a task id (see hireline tasks list)\n` };
  if (action === 'retry') {
    return await queue.retry(id)
      ? { ok: true, output: `Task ${id} queued to run again now.\n` }
      : { ok: false, output: `No dead or retrying task ${id}.\n` };
  }
  return await queue.discard(id)
    ? { ok: true, output: `Task ${id} discarded.\n` }
    : { ok: false, output: `No unfinished task ${id} (a running task cannot be discarded).\n` };
}
