import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery, Nullable } from '../../../http/schemas.ts';

// As in the applications area's schemas; spelled here because that area imports this one.
const ApplicationStatusSchema = Type.Enum(['active', 'rejected', 'withdrawn', 'hired'] as const);
const StageKindSchema = Type.Enum(['applied', 'screen', 'interview', 'offer', 'hired', 'rejected'] as const);

export const candidateSources = ['board', 'referral', 'agency', 'sourced', 'imported', 'manual'] as const;
export const CandidateSourceSchema = Type.Enum(candidateSources, {
  description: 'How the person came in; `sourceDetail` names the referrer, agency or campaign',
});

const Url = Type.String({ minLength: 1, maxLength: 2000 });
export const LinksSchema = Type.Object({
  linkedin: Type.Optional(Url),
  github: Type.Optional(Url),
  portfolio: Type.Optional(Url),
  other: Type.Optional(Type.Array(Url, { maxItems: 20 })),
}, { additionalProperties: false });

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Email = Type.String({ format: 'email', maxLength: 320 });
const Phone = Type.String({ minLength: 3, maxLength: 40 });
const Tag = Type.String({ minLength: 1, maxLength: 60 });
export const CustomFieldValueSchema = Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }), Type.Null()]);
const CustomFields = Type.Record(Type.String({ maxLength: 60 }), CustomFieldValueSchema, {
  description: 'By field key (see /v1/candidate-fields); each value is checked against its definition; null clears it',
});

export const CandidateApplicationSchema = Type.Object({
  id: Type.String(),
  jobId: Type.String(),
  stage: Type.Object({ id: Type.String(), name: Type.String(), kind: StageKindSchema }),
  status: ApplicationStatusSchema,
  appliedAt: Type.String({ format: 'date-time' }),
});

const profileFields = {
  id: Type.String({ examples: ['cand_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  name: Type.String(),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.Object({ phone: Type.String(), e164: Nullable(Type.String()) })),
  location: Nullable(Type.String()),
  links: LinksSchema,
  tags: Type.Array(Type.String()),
  source: CandidateSourceSchema,
  sourceDetail: Nullable(Type.String()),
  customFields: Type.Record(Type.String(), CustomFieldValueSchema),
  mergedInto: Nullable(Type.String({ description: 'Set when this record was merged into another: follow it' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'Increments on every change; the ETag is "<version>"' }),
};

/** A candidate as lists show it (no applications: open the candidate for those). */
export const CandidateSummarySchema = Type.Object(profileFields, { $id: 'CandidateSummary' });
export type CandidateSummary = Static<typeof CandidateSummarySchema>;

export const CandidateSchema = Type.Object({ ...profileFields, applications: Type.Array(CandidateApplicationSchema) }, { $id: 'Candidate' });
export type Candidate = Static<typeof CandidateSchema>;

export const CreateCandidateBodySchema = Type.Object({
  name: Name,
  emails: Type.Array(Email, { minItems: 1, maxItems: 10 }),
  phones: Type.Optional(Type.Array(Phone, { maxItems: 10 })),
  location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  links: Type.Optional(LinksSchema),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
  source: Type.Optional(CandidateSourceSchema),
  sourceDetail: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  customFields: Type.Optional(CustomFields),
}, { additionalProperties: false });
export type CreateCandidateInput = Static<typeof CreateCandidateBodySchema>;

/** Any of the fields a candidate is created with; at least one. */
export const UpdateCandidateBodySchema = Type.Partial(CreateCandidateBodySchema, { additionalProperties: false, minProperties: 1 });
export type UpdateCandidateInput = Static<typeof UpdateCandidateBodySchema>;

export const ListCandidatesQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words to find in name, emails, phones, tags, location, résumé text and notes' })),
  jobId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Has an application to this job' })),
  stageId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Has an application in this stage' })),
  tag: Type.Optional(Tag),
  source: Type.Optional(CandidateSourceSchema),
  appliedAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Has an application made at or after this instant' })),
  appliedBefore: Type.Optional(Type.String({ format: 'date-time', description: 'Has an application made before this instant' })),
  hasResume: Type.Optional(Type.Boolean({ description: 'Has (true) or lacks (false) a résumé attachment' })),
  updatedSince: Type.Optional(Type.String({
    format: 'date-time',
    description: 'Incremental sync: candidates changed at or after this instant, oldest change first, merged-away ones included '
      + '(with `mergedInto`). Store the greatest `updatedAt` you received and pass it next time; changes of the last few seconds '
      + 'are held back until every transaction that could still commit with an earlier time has done so.',
  })),
  limit: Type.Optional(LimitQuery),
  cursor: Type.Optional(CursorQuery),
}, { additionalProperties: false });
export type ListCandidatesQuery = Static<typeof ListCandidatesQuerySchema>;

/** Where a page ends: the last row's sort timestamp (createdAt, or updatedAt when syncing) and id. */
export interface CandidatePosition {
  at: string;
  id: string;
}
export type CandidateListQuery = Omit<ListCandidatesQuery, 'cursor'> & { after?: CandidatePosition };

export const CandidateIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const MergeBodySchema = Type.Object({
  candidateId: Type.String({ minLength: 1, maxLength: 64, description: 'The other candidate, merged into the one in the path' }),
}, { additionalProperties: false });

export const DuplicatePairSchema = Type.Object({
  candidates: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), emails: Type.Array(Type.String()) }), { minItems: 2, maxItems: 2 }),
  reason: Type.Object({ nameKey: Type.String(), phone: Type.String({ description: 'E.164' }) }),
});
export type DuplicatePair = Static<typeof DuplicatePairSchema>;
export const DuplicatesQuerySchema = Type.Object({ limit: Type.Optional(LimitQuery), cursor: Type.Optional(CursorQuery) }, { additionalProperties: false });

export const fieldTypes = ['text', 'number', 'date', 'choice'] as const;
export const FieldDefinitionSchema = Type.Object({
  id: Type.String(),
  key: Type.String(),
  label: Type.String(),
  type: Type.Enum(fieldTypes),
  options: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'CandidateFieldDefinition' });
export type FieldDefinition = Static<typeof FieldDefinitionSchema>;
export const CreateFieldBodySchema = Type.Object({
  key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,59}$', description: 'Lower-case letters, digits and _; the key in customFields' }),
  label: Type.String({ minLength: 1, maxLength: 120 }),
  type: Type.Enum(fieldTypes),
  options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 200, description: 'Required for choice, and only for it' })),
}, { additionalProperties: false });
export type CreateFieldInput = Static<typeof CreateFieldBodySchema>;

export const ImportResultSchema = Type.Object({
  created: Type.Integer(),
  matched: Type.Integer({ description: 'Rows whose email already belongs to a candidate: left as they were' }),
  failed: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer({ description: 'Line of the file, the header being line 1' }), field: Nullable(Type.String()), detail: Type.String() })),
});
export type ImportResult = Static<typeof ImportResultSchema>;
