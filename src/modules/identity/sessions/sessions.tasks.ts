import type { TaskDefinition } from '../../../infra/queue/task-runner.ts';
import type { SessionsService } from './sessions.service.ts';
import type { KeyRing } from './signing-keys.ts';

const HOUR_MS = 60 * 60 * 1000;

export function sessionsTasks(deps: {
  sessions: Pick<SessionsService, 'pruneRefreshTokens'>;
  keys: Pick<KeyRing, 'rotateIfOlderThan'>;
  /** 0 turns scheduled rotation off (only `hireline keys rotate` rotates). */
  signingKeyRotationDays: number;
}): TaskDefinition[] {
  const tasks: TaskDefinition[] = [{
    // Each refresh leaves a used row behind; without this the table only grows.
    name: 'sessions.prune-refresh-tokens',
    everyMs: HOUR_MS,
    runAtStart: true,
    scope: 'cluster',
    run: async ({ log }) => {
      const deleted = await deps.sessions.pruneRefreshTokens();
      if (deleted > 0) log.info({ deleted }, 'deleted expired refresh tokens');
    },
  }];
  if (deps.signingKeyRotationDays > 0) {
    const maxAgeMs = deps.signingKeyRotationDays * 86_400_000;
    tasks.push({
      name: 'sessions.rotate-signing-key',
      everyMs: HOUR_MS,
      scope: 'cluster',
      run: async ({ log }) => {
        const kid = await deps.keys.rotateIfOlderThan(maxAgeMs);
        if (kid) log.info({ kid }, 'rotated the access-token signing key');
      },
    });
  }
  return tasks;
}
