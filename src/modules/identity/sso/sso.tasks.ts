import type { TaskDefinition } from '../../../infra/queue/task-runner.ts';
import type { SsoService } from './sso.service.ts';

export function ssoTasks(deps: { sso: Pick<SsoService, 'deleteExpiredLogins'>; everyMs: number }): TaskDefinition[] {
  return [{
    // Sign-ins abandoned at the provider leave a row each.
    name: 'sso.delete-expired-logins',
    everyMs: deps.everyMs,
    runAtStart: true,
    scope: 'cluster',
    run: async () => {
      await deps.sso.deleteExpiredLogins();
    },
  }];
}
