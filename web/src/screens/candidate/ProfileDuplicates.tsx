import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { messageOf } from '../../api/problems.ts';
import { canOrgWide, useSignedIn } from '../../session.tsx';
import { DuplicatePairRow } from './DuplicatePairRow.tsx';
import { duplicatesQuery, useMerge } from './duplicates.ts';

/** On a profile: the possible duplicates of this candidate, if any (nothing is shown otherwise). */
export function ProfileDuplicates({ candidateId }: { candidateId: string }) {
  const { role } = useSignedIn();
  const allowed = canOrgWide(role, 'candidates:write');
  const pairs = useInfiniteQuery({ ...duplicatesQuery, enabled: allowed });
  const merge = useMerge();
  const navigate = useNavigate();
  const mine = (pairs.data?.pages.flatMap((p) => p.data) ?? []).filter((pair) => pair.candidates.some((c) => c.id === candidateId));
  if (!allowed || mine.length === 0) return null;

  return (
    <section aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">Possible duplicates</h2>
      {merge.isError && <p className="error" role="alert">Could not merge: {messageOf(merge.error)}</p>}
      <ul className="settings-list">
        {mine.map((pair) => (
          <DuplicatePairRow key={pair.candidates.map((c) => c.id).join('+')} pair={pair} busy={merge.isPending}
            // Kept elsewhere: this record is now only a pointer, so open the one that was kept.
            onMerge={(kept, other) => merge.mutate({ kept, merged: other }, { onSuccess: () => { if (kept.id !== candidateId) navigate(`/candidates/${kept.id}`); } })} />
        ))}
      </ul>
    </section>
  );
}
