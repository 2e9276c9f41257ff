import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';

export type DuplicatePair = Got<'/v1/candidates/duplicates'>['data'][number];
export type DuplicateCandidate = DuplicatePair['candidates'][number];

export const duplicatesQuery = infiniteQueryOptions({
  queryKey: ['candidates', 'duplicates'],
  queryFn: async ({ pageParam }) => dataOf(await api.GET('/v1/candidates/duplicates', { params: { query: { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } } })),
  initialPageParam: '',
  getNextPageParam: (page) => page.nextCursor,
  // Candidates arrive from anywhere (applications, imports, the API): ask again on every visit.
  staleTime: 0,
});

/** Merges `merged` into `kept` (POST /v1/candidates/{kept}/merge); both profiles and the duplicates list are read again after. */
export function useMerge() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async ({ kept, merged }: { kept: DuplicateCandidate; merged: DuplicateCandidate }) =>
      dataOf(await api.POST('/v1/candidates/{id}/merge', { params: { path: { id: kept.id } }, body: { candidateId: merged.id } })),
    onSuccess: async (_, { kept, merged }) => {
      queries.removeQueries({ queryKey: ['candidate', merged.id] });
      await Promise.all([
        queries.invalidateQueries({ queryKey: duplicatesQuery.queryKey }),
        queries.invalidateQueries({ queryKey: ['candidate', kept.id] }),
      ]);
    },
  });
}
