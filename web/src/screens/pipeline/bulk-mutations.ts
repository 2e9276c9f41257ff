import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import type { Posted } from '../../api/types.ts';

export type BulkResult = Posted<'/v1/applications/bulk/move', 200>['results'][number];

/**
 * Bulk moves and rejections: not optimistic, since each item may be refused on its own (say, one withdrawn
 * meanwhile: 409); the answer says which happened and the board is read again.
 */
export function useBulkMutations(jobId: string) {
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: ['pipeline', jobId] });

  const move = useMutation({
    mutationFn: async ({ ids, stageId }: { ids: string[]; stageId: string }) =>
      dataOf(await api.POST('/v1/applications/bulk/move', { body: { applicationIds: ids, stageId } })).results,
    onSettled: refresh,
  });
  const reject = useMutation({
    mutationFn: async ({ ids, reasonId, note }: { ids: string[]; reasonId: string; note: string }) =>
      dataOf(await api.POST('/v1/applications/bulk/reject', {
        body: { applicationIds: ids, reasonId, ...(note.trim() ? { note: note.trim() } : {}) },
      })).results,
    onSettled: refresh,
  });
  return { move, reject };
}
