import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';
import { ApplicationSchema } from '../applications/index.ts';
import { CandidateSummarySchema } from '../candidates/index.ts';
import { ErasureRequestSchema } from './rights.requests.schemas.ts';

/** The name an erased candidate keeps, so lists, pipelines and reports still show a row. */
export const ERASED_NAME = 'Erased candidate';
/** What an erased file's name becomes (its bytes are deleted). */
export const ERASED_FILE_NAME = 'erased';

const Actor = Type.Object({ type: Type.String(), id: Nullable(Type.String()) });
const { stage, status, rejection, source, sourceDetail, answers, coverLetter, consent, futureRolesConsentedAt, appliedAt, lastActivityAt, updatedAt } = ApplicationSchema.properties;

export const ExportHistoryItemSchema = Type.Object({
  id: Type.String(),
  action: Type.String(),
  actor: Actor,
  at: Type.String({ format: 'date-time' }),
  fromStageId: Nullable(Type.String()),
  toStageId: Nullable(Type.String()),
  reasonId: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const ExportInterviewSchema = Type.Object({
  id: Type.String(),
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  timeZone: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  location: Nullable(Type.String()),
  videoUrl: Nullable(Type.String()),
  agenda: Nullable(Type.String()),
});

export const ExportScorecardSchema = Type.Object({
  id: Type.String(),
  interviewId: Type.String(),
  versions: Type.Array(Type.Object({
    version: Type.Integer(),
    ratings: Type.Array(Type.Object({ criterionId: Type.String(), criterion: Type.String(), rating: Type.Integer() })),
    recommendation: Type.String(),
    notes: Nullable(Type.String()),
    submittedAt: Type.String({ format: 'date-time' }),
  }), { description: 'Every submitted version, oldest first' }),
});
export type ExportScorecard = Static<typeof ExportScorecardSchema>;

export const ExportApplicationSchema = Type.Object({
  id: Type.String(),
  job: Type.Object({ id: Type.String(), title: Nullable(Type.String({ description: 'Null if the job no longer exists' })) }),
  stage, status, rejection, source, sourceDetail, answers, coverLetter, consent, futureRolesConsentedAt, appliedAt, lastActivityAt, updatedAt,
  history: Type.Array(ExportHistoryItemSchema, { description: 'Everything that happened to the application, oldest first' }),
  interviews: Type.Array(ExportInterviewSchema, { description: 'Interviews for the application, soonest first (interviewers are not named)' }),
  scorecards: Type.Array(ExportScorecardSchema, {
    description: 'Submitted scorecards (interviewers are not named; drafts, like private notes, never appear). Empty unless the exporter holds '
      + 'candidates:write over the job, so an interviewer cannot read others\' scorecards through an export',
  }),
});

export const ExportNoteSchema = Type.Object({
  id: Type.String(),
  applicationId: Nullable(Type.String()),
  author: Actor,
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ExportAttachmentSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'resume, cover_letter, answer, other' }),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  applicationId: Nullable(Type.String()),
  questionId: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  url: Type.String({ format: 'uri', description: 'The file\'s download route (GET, with the same credentials)' }),
});

// The profile's fields are the candidate's own schema's, so the export cannot drift from the API.
const profile = CandidateSummarySchema.properties;

export const CandidateExportSchema = Type.Object({
  exportedAt: Type.String({ format: 'date-time' }),
  erased: Type.Boolean({ description: 'True once the candidate\'s personal data was erased: then only the anonymized record is left' }),
  candidate: Type.Object({
    id: profile.id, name: profile.name, emails: profile.emails, phones: profile.phones, location: profile.location, links: profile.links,
    tags: profile.tags, source: profile.source, sourceDetail: profile.sourceDetail, customFields: profile.customFields,
    mergedCandidateIds: Type.Array(Type.String(), { description: 'Records of this person merged into this one' }),
    createdAt: profile.createdAt, updatedAt: profile.updatedAt,
  }),
  applications: Type.Array(ExportApplicationSchema),
  notes: Type.Array(ExportNoteSchema, { description: 'Team notes only: private notes are never exported' }),
  attachments: Type.Array(ExportAttachmentSchema),
  erasureRequests: Type.Array(ErasureRequestSchema, { description: 'What the candidate asked from their status page, and what became of it' }),
}, { $id: 'CandidateExport' });
export type CandidateExport = Static<typeof CandidateExportSchema>;
export type ExportApplication = Static<typeof ExportApplicationSchema>;

export const EraseBodySchema = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Why (e.g. "erasure request of 2026-12-01 by email"); kept in the audit log, so name no personal data here' }),
}, { additionalProperties: false });
export type EraseInput = Static<typeof EraseBodySchema>;

export const ErasureSchema = Type.Object({
  candidateId: Type.String(),
  erasedCandidateIds: Type.Array(Type.String(), { description: 'This candidate and every record merged into it' }),
  alreadyErased: Type.Boolean({ description: 'The candidate had been erased before; anything added since was erased now' }),
  erasedAt: Type.String({ format: 'date-time' }),
  applications: Type.Integer({ description: 'Applications kept (stage, status, dates, source) with their personal content cleared' }),
  notesDeleted: Type.Integer(),
  filesDeleted: Type.Integer(),
  eventsRedacted: Type.Integer(),
}, { $id: 'CandidateErasure' });
export type Erasure = Static<typeof ErasureSchema>;

export const CandidateIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
