import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../../api/problems.ts';
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx';
import { canOrgWide, useSignedIn } from '../../session.tsx';
import { DuplicatePairRow } from './DuplicatePairRow.tsx';
import { duplicatesQuery, useMerge, type DuplicateCandidate } from './duplicates.ts';

/** Pairs of candidates with the same name and phone but different emails, to review and merge. */
export function Duplicates() {
  const { role } = useSignedIn();
  const pairs = useInfiniteQuery({ ...duplicatesQuery, enabled: canOrgWide(role, 'candidates:write') });
  const merge = useMerge();
  const [merged, setMerged] = useState<DuplicateCandidate | null>(null);
  if (!canOrgWide(role, 'candidates:write')) return <p role="alert">Merging candidates needs the right to change every candidate of the organization.</p>;

  const list = pairs.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <h1>Possible duplicates</h1>
      <p className="hint">Candidates with the same name and phone number but different emails. Merging keeps one record and moves everything of the other into it.</p>
      {merged && <p className="notice" role="status">Merged. <Link to={`/candidates/${merged.id}`}>Open {merged.name}</Link>.</p>}
      {merge.isError && <p className="error" role="alert">Could not merge: {messageOf(merge.error)}</p>}
      {pairs.isPending ? <Loading what="possible duplicates" />
        : pairs.isError ? <ErrorMessage error={pairs.error} what="the possible duplicates" />
          : list.length === 0 ? <Empty>No possible duplicates.</Empty>
            : (
              <ul className="settings-list">
                {list.map((pair) => (
                  <DuplicatePairRow key={pair.candidates.map((c) => c.id).join('+')} pair={pair} busy={merge.isPending}
                    onMerge={(kept, other) => merge.mutate({ kept, merged: other }, { onSuccess: () => setMerged(kept) })} />
                ))}
              </ul>
            )}
      {pairs.hasNextPage && <button type="button" onClick={() => pairs.fetchNextPage()} disabled={pairs.isFetchingNextPage}>More</button>}
    </>
  );
}
