import type { ApprovalRow, NewTerms, OfferVersionRow, OfferWithTerms } from './offers.repo.ts';
import { approverStates, nextApprover } from './offers.rules.ts';
import type { CandidateOffer, DraftOfferInput, Offer, OfferTerms } from './offers.schemas.ts';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const toTerms = (v: OfferVersionRow): OfferTerms => ({
  version: v.version,
  salary: v.salaryAmount !== null && v.salaryCurrency !== null && v.salaryPeriod !== null
    ? { amount: v.salaryAmount, currency: v.salaryCurrency, period: v.salaryPeriod }
    : null,
  startDate: v.startDate, equity: v.equity, bonus: v.bonus, document: v.document,
  author: { type: v.authorType, id: v.authorId }, createdAt: v.createdAt.toISOString(),
});

/** A sent offer as its candidate sees it: the terms of the current version only, none of the approval. */
export function toCandidateOffer({ row, terms }: OfferWithTerms): CandidateOffer {
  const { salary, startDate, equity, bonus, document } = toTerms(terms);
  return { id: row.id, applicationId: row.applicationId, jobId: row.jobId, terms: { salary, startDate, equity, bonus, document }, sentAt: (row.sentAt ?? row.updatedAt).toISOString() };
}

/** The offer as the API shows it, with its approvers' decisions in the current round. */
export function toOffer({ row, candidateId, terms }: OfferWithTerms, approvals: readonly ApprovalRow[]): Offer {
  const states = approverStates(row, approvals);
  return {
    id: row.id, applicationId: row.applicationId, jobId: row.jobId, candidateId, status: row.status, terms: toTerms(terms),
    approvalMode: row.approvalMode,
    approvers: states.map((s) => ({ userId: s.userId, decision: s.decision, note: s.note, decidedAt: iso(s.decidedAt) })),
    nextApprover: nextApprover(row, states),
    sentAt: iso(row.sentAt), respondedAt: iso(row.respondedAt), respondedBy: row.respondedBy, responseNote: row.responseNote,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
  };
}

/** The terms fields a draft or a change sets, as columns. */
export type TermsFields = Pick<NewTerms, 'salaryAmount' | 'salaryCurrency' | 'salaryPeriod' | 'startDate' | 'equity' | 'bonus' | 'document'>;

export const termsOfDraft = (input: DraftOfferInput): Required<TermsFields> => ({
  salaryAmount: input.salary.amount, salaryCurrency: input.salary.currency, salaryPeriod: input.salary.period, startDate: input.startDate,
  equity: input.equity ?? null, bonus: input.bonus ?? null, document: input.document ?? null,
});

export const termsOfRow = (v: OfferVersionRow): Required<TermsFields> => ({
  salaryAmount: v.salaryAmount, salaryCurrency: v.salaryCurrency, salaryPeriod: v.salaryPeriod, startDate: v.startDate,
  equity: v.equity, bonus: v.bonus, document: v.document,
});
