import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../infra/db/database.ts';
import { extractText, type ExtractText } from '../../../infra/documents/index.ts';
import type { FileStore } from '../../../infra/files/file-store.ts';
import type { TaskDefinition } from '../../../infra/queue/task-runner.ts';
import { createAttachmentsRepo } from './attachments.repo.ts';
import { attachmentsRoutes } from './attachments.routes.ts';
import { createAttachmentsService, defaultAttachmentsLimits, type AttachmentsLimits, type AttachmentsService } from './attachments.service.ts';
import { attachmentsTasks } from './attachments.tasks.ts';

export type { Attachment, PreparedAttachment, Upload } from './attachments.schemas.ts';
export type { AttachmentKind, TextStatus } from './attachments.table.ts';
export type { AttachmentsLimits } from './attachments.service.ts';

/** What the applying flow uses: prepare before its transaction, record inside it, discard if it failed. */
export type AttachmentFiles = Pick<AttachmentsService, 'prepare' | 'record' | 'recordStatement' | 'discard'>;

export interface AttachmentsDeps {
  database: Pick<Database, 'tenant' | 'unscopedTransaction'>;
  store: FileStore;
  log: { warn(details: object, message: string): void };
  /** Defaults to one shared worker thread (src/infra/documents/extract.ts). */
  extract?: ExtractText;
  limits?: Partial<AttachmentsLimits>;
  /** How often the extraction task looks for pending files; about a second by default. */
  extractEveryMs?: number;
  /** Whether requests keep the process busy (src/infra/load); extraction yields to them. */
  busy?: () => boolean;
}

/** Candidates' files: stored by bytes-decided type, their text read in the background for search. */
export function createAttachmentsArea(deps: AttachmentsDeps): { routes: FastifyPluginAsync[]; tasks: TaskDefinition[]; files: AttachmentFiles; service: AttachmentsService } {
  const service = createAttachmentsService({
    database: deps.database, store: deps.store, repo: createAttachmentsRepo(), extract: deps.extract ?? extractText, log: deps.log, busy: deps.busy,
    limits: { ...defaultAttachmentsLimits, ...deps.limits },
  });
  return {
    routes: [attachmentsRoutes(service)],
    tasks: attachmentsTasks({ service, everyMs: deps.extractEveryMs ?? 1_000 }),
    files: { prepare: service.prepare, record: service.record, recordStatement: service.recordStatement, discard: service.discard },
    service,
  };
}
