import { useState } from 'react';
import { messageOf } from '../../api/problems.ts';
import type { PipelineStage } from '../../api/types.ts';
import type { BulkSelection } from './bulk-selection.ts';
import { useBulkMutations } from './bulk-mutations.ts';
import { BulkResults, type BulkOutcome } from './BulkResults.tsx';
import { RejectDialog } from './RejectDialog.tsx';

interface BulkActionsProps {
  jobId: string;
  stages: readonly PipelineStage[];
  selection: BulkSelection;
  announce(text: string): void;
}

const applications = (count: number) => `${count} ${count === 1 ? 'application' : 'applications'}`;

/** Moves or rejects the chosen cards in one request each; every card's own result is listed after. */
export function BulkActions({ jobId, stages, selection, announce }: BulkActionsProps) {
  const { move, reject } = useBulkMutations(jobId);
  const [stageId, setStageId] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const chosen = [...selection.cards.values()];
  const ids = chosen.map((card) => card.id);
  const names = new Map(chosen.map((card) => [card.id, card.candidate.name]));
  const pending = move.isPending || reject.isPending;
  const error = move.error ?? reject.error;

  const finish = (action: string, done: string) => (results: BulkOutcome['results']) => {
    const failed = results.filter((r) => !r.ok).length;
    setOutcome({ action, done, results, names });
    selection.clear();
    announce(`${action}: ${results.length - failed} of ${results.length} done${failed > 0 ? `; ${failed} not changed, see the results` : ''}.`);
  };

  const onMove = () => {
    const to = stages.find((stage) => stage.id === stageId);
    if (!to || ids.length === 0) return;
    setOutcome(null);
    reject.reset();
    announce(`Moving ${applications(ids.length)} to ${to.name}…`);
    move.mutate({ ids, stageId: to.id }, { onSuccess: finish(`Move to ${to.name}`, `moved to ${to.name}`) });
  };
  const onReject = (reasonId: string, note: string) => {
    setRejecting(false);
    setOutcome(null);
    move.reset();
    announce(`Rejecting ${applications(ids.length)}…`);
    reject.mutate({ ids, reasonId, note }, { onSuccess: finish('Reject', 'rejected') });
  };

  return (
    <>
      <div role="group" aria-labelledby="bulk-title" className="bulk-actions">
        <h2 id="bulk-title" className="bulk-title">Selected: {applications(ids.length)}</h2>
        <label htmlFor="bulk-stage" className="inline">Move to</label>
        <select id="bulk-stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
          <option value="">Choose a stage</option>
          {stages.map((stage) => <option key={stage.id} value={stage.id}>{stage.name}</option>)}
        </select>
        <button type="button" disabled={pending || ids.length === 0 || !stageId} onClick={onMove}>Move selected</button>
        <button type="button" disabled={pending || ids.length === 0} onClick={() => setRejecting(true)}>Reject selected…</button>
        <button type="button" disabled={pending || ids.length === 0} onClick={selection.clear}>Clear selection</button>
      </div>
      {error && <p className="error" role="alert">Could not change the selected applications: {messageOf(error)}</p>}
      {outcome && <BulkResults outcome={outcome} onDismiss={() => setOutcome(null)} />}
      {rejecting && <RejectDialog who={applications(ids.length)} onClose={() => setRejecting(false)} onReject={onReject} />}
    </>
  );
}
