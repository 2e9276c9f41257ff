import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';
import { approvalModes, offerStatuses, salaryPeriods } from './offers.table.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Actor = Type.Object({ type: Type.Enum(['user', 'api-key', 'system', 'candidate'] as const), id: Nullable(Type.String()) });
export const ApprovalModeSchema = Type.Enum(approvalModes, {
  description: 'sequential: each approver in the order named, each after the one before; parallel: all of them, in any order',
});

export const SalarySchema = Type.Object({
  amount: Type.Number({ minimum: 0, maximum: 1e12, description: 'In whole currency units, at most two decimals' }),
  currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. EUR' }),
  period: Type.Enum(salaryPeriods, { description: 'What the amount is paid for' }),
}, { additionalProperties: false });
const StartDate = Type.String({ format: 'date', description: 'The first working day, YYYY-MM-DD' });
const Equity = Type.String({ minLength: 1, maxLength: 2000, description: 'Plain text, e.g. "0.1% over 4 years, 1-year cliff"' });
const Bonus = Type.String({ minLength: 1, maxLength: 2000, description: 'Plain text' });
const TermsDocument = Type.String({ minLength: 1, maxLength: 100_000, description: 'The offer letter or terms, free-form text (Markdown)' });
const Approvers = Type.Array(Id, {
  maxItems: 10, description: 'User ids of members who can see the job, in the order a sequential approval asks them; none: submitting approves at once',
});

export const OfferTermsSchema = Type.Object({
  version: Type.Integer({ description: 'The terms\' version: 1 when drafted, one more after each change of terms' }),
  // Every term is null once the candidate was erased.
  salary: Nullable(SalarySchema),
  startDate: Nullable(Type.String({ format: 'date' })),
  equity: Nullable(Type.String()),
  bonus: Nullable(Type.String()),
  document: Nullable(Type.String()),
  author: Actor,
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'OfferTerms' });
export type OfferTerms = Static<typeof OfferTermsSchema>;

export const OfferApproverSchema = Type.Object({
  userId: Type.String(),
  decision: Type.Enum(['pending', 'approved', 'rejected'] as const),
  note: Nullable(Type.String()),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const OfferSchema = Type.Object({
  id: Type.String({ examples: ['ofr_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  applicationId: Type.String(),
  jobId: Type.String(),
  candidateId: Type.String(),
  status: Type.Enum(offerStatuses, {
    description: 'draft → pending_approval → approved → sent → accepted | declined; withdrawn from any of the first four. A change of terms or approvers, or a rejection, goes back to draft',
  }),
  terms: OfferTermsSchema,
  /** The org's mode when the offer was last submitted; null before. */
  approvalMode: Nullable(ApprovalModeSchema),
  approvers: Type.Array(OfferApproverSchema, { description: 'In order, with their decisions in the current round of approval' }),
  nextApprover: Nullable(Type.String({ description: 'Who may approve now in a sequential approval under way' })),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  respondedAt: Nullable(Type.String({ format: 'date-time' })),
  /** Who recorded the answer (or the withdrawal): a recruiter (user or API key), or the candidate on their status page. */
  respondedBy: Nullable(Type.Enum(['user', 'api-key', 'system', 'candidate'] as const)),
  responseNote: Nullable(Type.String({ description: 'Why it was declined or withdrawn' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'Increments on every change; the ETag is "<version>"' }),
}, { $id: 'Offer' });
export type Offer = Static<typeof OfferSchema>;

export const DraftOfferBodySchema = Type.Object({
  salary: SalarySchema,
  startDate: StartDate,
  equity: Type.Optional(Equity),
  bonus: Type.Optional(Bonus),
  document: Type.Optional(TermsDocument),
  approvers: Type.Optional(Approvers),
}, { additionalProperties: false });
export type DraftOfferInput = Static<typeof DraftOfferBodySchema>;

export const ChangeOfferBodySchema = Type.Object({
  salary: Type.Optional(SalarySchema),
  startDate: Type.Optional(StartDate),
  equity: Type.Optional(Nullable(Equity)),
  bonus: Type.Optional(Nullable(Bonus)),
  document: Type.Optional(Nullable(TermsDocument)),
  approvers: Type.Optional(Approvers),
}, { additionalProperties: false, minProperties: 1 });
export type ChangeOfferInput = Static<typeof ChangeOfferBodySchema>;

export const NoteBodySchema = Type.Object({
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
}, { additionalProperties: false });

export const OfferSettingsSchema = Type.Object({
  approvalMode: ApprovalModeSchema,
  updatedAt: Nullable(Type.String({ format: 'date-time', description: 'Null while the org has the default' })),
}, { $id: 'OfferSettings' });
export type OfferSettings = Static<typeof OfferSettingsSchema>;
export const OfferSettingsBodySchema = Type.Object({ approvalMode: ApprovalModeSchema }, { additionalProperties: false });

export const IdParamsSchema = Type.Object({ id: Id });

/** The terms as the candidate sees them: no internal version, author or approvals. */
export const CandidateOfferTermsSchema = Type.Object({
  salary: Nullable(SalarySchema),
  startDate: Nullable(Type.String({ format: 'date' })),
  equity: Nullable(Type.String()),
  bonus: Nullable(Type.String()),
  document: Nullable(Type.String({ description: 'The offer letter or terms (Markdown)' })),
});
export type CandidateOfferTerms = Static<typeof CandidateOfferTermsSchema>;

/** A sent offer awaiting the candidate's answer, with only what the candidate should see. */
export interface CandidateOffer {
  id: string;
  applicationId: string;
  jobId: string;
  terms: CandidateOfferTerms;
  sentAt: string;
}
