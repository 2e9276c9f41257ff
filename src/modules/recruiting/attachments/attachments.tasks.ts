import type { TaskDefinition } from '../../../infra/queue/task-runner.ts';
import type { AttachmentsService } from './attachments.service.ts';

/**
 * Text is read here, never in the upload request: parsing a hostile or huge file takes up to its
 * time limit, and an application must succeed (and answer fast) whether or not its files can be read.
 */
export function attachmentsTasks(deps: { service: Pick<AttachmentsService, 'extractPending'>; everyMs: number }): TaskDefinition[] {
  return [{
    name: 'recruiting.extract-text',
    everyMs: deps.everyMs,
    runAtStart: true,
    run: async ({ signal, log }) => {
      const read = await deps.service.extractPending(signal);
      if (read > 0) log.info({ read }, 'read the text of uploaded files');
    },
  }];
}
