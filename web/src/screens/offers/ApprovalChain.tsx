import { useSignedIn } from '../../session.tsx';
import { useMemberNames } from '../candidate/queries.ts';
import type { Offer } from './queries.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const decisionText = { pending: 'pending', approved: 'approved', rejected: 'rejected' } as const;

/** Who approves the offer, in order, and what each decided in the current round. */
export function ApprovalChain({ offer }: { offer: Offer }) {
  const { user } = useSignedIn();
  const names = useMemberNames();
  const name = (userId: string) => (userId === user.id ? 'You' : names.get(userId) ?? 'A team member');
  if (offer.approvers.length === 0) return <p className="muted">No approvers: submitting approves it at once.</p>;
  const mode = offer.approvalMode === 'parallel' ? 'all of them, in any order' : offer.approvalMode === 'sequential' ? 'one after another, in this order' : null;

  return (
    <div className="approval-chain">
      <h5>Approvals{mode && <span className="muted"> · {mode}</span>}</h5>
      <ol>
        {offer.approvers.map((approver) => (
          <li key={approver.userId} className={`decision ${approver.decision}`}>
            {name(approver.userId)}: <b>{decisionText[approver.decision]}</b>
            {approver.decidedAt && <span className="muted"> · {when.format(new Date(approver.decidedAt))}</span>}
            {offer.nextApprover === approver.userId && <span className="muted"> · decides next</span>}
            {approver.note && <blockquote>{approver.note}</blockquote>}
          </li>
        ))}
      </ol>
    </div>
  );
}
