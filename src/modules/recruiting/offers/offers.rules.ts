import { AppError, type FieldProblem } from '../../../app-error.ts';
import type { ApprovalRow, OfferRow } from './offers.repo.ts';
import type { OfferStatus } from './offers.table.ts';

const currencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** An amount and currency the API can hold: ISO 4217 (ICU's list, as Node ships it) and whole cents. */
export function checkSalary(salary: { amount: number; currency: string } | undefined): void {
  if (!salary) return;
  const problems: FieldProblem[] = [];
  if (!currencies.has(salary.currency)) problems.push({ field: 'salary.currency', detail: 'is not an ISO 4217 currency code' });
  if (Number(salary.amount.toFixed(2)) !== salary.amount) problems.push({ field: 'salary.amount', detail: 'has more than two decimals' });
  if (problems.length > 0) throw new AppError('validation-failed', 'The salary is not valid', { fields: problems });
}

/** The offer must be in one of `allowed` for `what` (409 saying where it is). */
export function requireStatus(row: OfferRow, allowed: readonly OfferStatus[], what: string): void {
  if (allowed.includes(row.status)) return;
  throw new AppError('invalid-state-transition', `Cannot ${what} an offer that is ${row.status}; allowed when ${allowed.join(' or ')}`);
}

/** Undefined accepts any version; otherwise the offer must be at one of them. */
export function checkVersion(row: OfferRow, expected: readonly number[] | undefined): void {
  if (expected === undefined || expected.includes(row.version)) return;
  throw new AppError('version-conflict', `The offer is at version ${row.version}, not the one If-Match names; fetch it again and retry`);
}

export interface ApproverState {
  userId: string;
  decision: 'pending' | 'approved' | 'rejected';
  note: string | null;
  decidedAt: Date | null;
}

/** Each named approver with their decision in the offer's current round, in the order named. */
export function approverStates(row: OfferRow, approvals: readonly ApprovalRow[]): ApproverState[] {
  const mine = new Map(approvals.filter((a) => a.offerId === row.id && a.round === row.approvalRound).map((a) => [a.approverId, a]));
  return row.approverIds.map((userId) => {
    const decided = mine.get(userId);
    return { userId, decision: decided?.decision ?? 'pending', note: decided?.note ?? null, decidedAt: decided?.decidedAt ?? null };
  });
}

/** Who may approve now, while a sequential approval is under way: the first who has not approved. */
export function nextApprover(row: OfferRow, states: readonly ApproverState[]): string | null {
  if (row.status !== 'pending_approval' || row.approvalMode !== 'sequential') return null;
  return states.find((s) => s.decision !== 'approved')?.userId ?? null;
}

/**
 * Whether `userId` may decide on the offer now: named (403 not-an-approver otherwise), not decided
 * yet in this round, the offer awaiting approval, and in a sequential approval the next in order.
 * Returns the approver's id.
 */
export function checkApprover(row: OfferRow, states: readonly ApproverState[], userId: string | null): string {
  const state = userId === null ? undefined : states.find((s) => s.userId === userId);
  if (!state) throw new AppError('not-an-approver', 'Only an approver the offer names may approve or reject it; you are not one of them');
  requireStatus(row, ['pending_approval'], 'approve or reject');
  if (state.decision !== 'pending') throw new AppError('conflict', `You have already ${state.decision} this offer`);
  const next = nextApprover(row, states);
  if (next !== null && next !== userId) {
    throw new AppError('approval-out-of-turn', `This offer is approved in order; approver ${next} decides before you`);
  }
  return state.userId;
}
