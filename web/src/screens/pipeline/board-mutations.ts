import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import type { PipelineStage, StageApplication } from '../../api/types.ts';
import { pipelineQuery, stageApplicationsQuery } from './queries.ts';

export interface MoveRequest {
  card: StageApplication;
  to: PipelineStage;
}

export interface RejectRequest {
  card: StageApplication;
  reasonId: string;
  note: string;
}

interface Snapshot {
  saved: [QueryKey, unknown][];
}

/**
 * Moves and rejections change the board at once and are put back if the API refuses (a 409 when someone
 * else moved the card first, for one): `expectedVersion` makes a stale card a refusal, never a silent overwrite.
 */
export function useBoardMutations(jobId: string, on: { settled(): void }) {
  const queries = useQueryClient();
  const boardKey = ['pipeline', jobId];

  const takeCard = (card: StageApplication, count: (stage: PipelineStage) => number) => {
    queries.setQueryData(stageApplicationsQuery(jobId, card.stage.id).queryKey, (page) =>
      page && { ...page, data: page.data.filter((a) => a.id !== card.id) });
    queries.setQueryData(pipelineQuery(jobId).queryKey, (pipeline) =>
      pipeline && { ...pipeline, stages: pipeline.stages.map((stage) => ({ ...stage, count: count(stage) })) });
  };

  const beforeChange = async (): Promise<Snapshot> => {
    // A refetch landing now would overwrite the change the user just made.
    await queries.cancelQueries({ queryKey: boardKey });
    return { saved: queries.getQueriesData({ queryKey: boardKey }) };
  };
  const rollBack = (snapshot: Snapshot | undefined) => {
    for (const [key, data] of snapshot?.saved ?? []) queries.setQueryData(key, data);
  };
  const afterChange = async () => {
    on.settled();
    await queries.invalidateQueries({ queryKey: boardKey });
  };

  const move = useMutation({
    mutationFn: async ({ card, to }: MoveRequest) => dataOf(await api.POST('/v1/applications/{id}/move', {
      params: { path: { id: card.id } }, body: { stageId: to.id, expectedVersion: card.version },
    })),
    onMutate: async ({ card, to }) => {
      const snapshot = await beforeChange();
      takeCard(card, (stage) => stage.count + (stage.id === to.id ? 1 : stage.id === card.stage.id ? -1 : 0));
      queries.setQueryData(stageApplicationsQuery(jobId, to.id).queryKey, (page) =>
        page && { ...page, data: [...page.data, { ...card, stage: { id: to.id, name: to.name, kind: to.kind } }] });
      return snapshot;
    },
    onError: (_error, _request, snapshot) => rollBack(snapshot),
    onSettled: afterChange,
  });

  const reject = useMutation({
    mutationFn: async ({ card, reasonId, note }: RejectRequest) => dataOf(await api.POST('/v1/applications/{id}/reject', {
      params: { path: { id: card.id } }, body: { reasonId, expectedVersion: card.version, ...(note.trim() ? { note: note.trim() } : {}) },
    })),
    onMutate: async ({ card }) => {
      const snapshot = await beforeChange();
      takeCard(card, (stage) => stage.count - (stage.id === card.stage.id ? 1 : 0));
      return snapshot;
    },
    onError: (_error, _request, snapshot) => rollBack(snapshot),
    onSettled: afterChange,
  });

  return { move, reject };
}
