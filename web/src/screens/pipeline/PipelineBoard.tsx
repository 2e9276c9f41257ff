import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../../api/problems.ts';
import type { PipelineStage, StageApplication } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { can, useSignedIn } from '../../session.tsx';
import { useBoardMutations } from './board-mutations.ts';
import { BulkActions } from './BulkActions.tsx';
import { useBulkSelection } from './bulk-selection.ts';
import { RejectDialog } from './RejectDialog.tsx';
import { StageColumn } from './StageColumn.tsx';
import { jobQuery, pipelineQuery } from './queries.ts';
import { useKeyboardMove } from './keyboard-move.ts';
import { liveStatusText, useLiveBoard } from './live-updates.ts';

export function PipelineBoard() {
  const { jobId = '' } = useParams();
  const { role } = useSignedIn();
  const canChange = can(role, 'candidates:write');
  const job = useQuery(jobQuery(jobId));
  const pipeline = useQuery(pipelineQuery(jobId));
  const live = useLiveBoard(jobId, can(role, 'events:read'));
  // Rejected stages are ends reached through Reject (with a reason), never a column to drop on.
  const stages = pipeline.data?.stages.filter((stage) => stage.kind !== 'rejected') ?? [];

  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<StageApplication | null>(null);
  const [dragged, setDragged] = useState<StageApplication | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  // A rejected card leaves the board: focus goes to its column's heading rather than to the page's start.
  const [focusedStage, setFocusedStage] = useState<string | null>(null);
  const selection = useBulkSelection();
  const { move, reject } = useBoardMutations(jobId, { settled: () => setDropTarget(null) });

  const moveCard = (card: StageApplication, to: PipelineStage) => {
    if (to.id === card.stage.id) return;
    setProblem(null);
    const from = card.stage.name;
    setAnnouncement(`Moving ${card.candidate.name} to ${to.name}…`);
    move.mutate({ card, to }, {
      onSuccess: () => setAnnouncement(`${card.candidate.name} moved to ${to.name}.`),
      onError: (error) => {
        setProblem(`Could not move ${card.candidate.name} to ${to.name}: ${messageOf(error)}`);
        setAnnouncement(`Could not move ${card.candidate.name}: ${messageOf(error)} It is back in ${from}.`);
      },
    });
  };
  const keyboard = useKeyboardMove(stages, { announce: setAnnouncement, drop: moveCard });

  const rejectCard = (card: StageApplication, reasonId: string, note: string) => {
    setRejecting(null);
    setFocusedStage(card.stage.id);
    setProblem(null);
    reject.mutate({ card, reasonId, note }, {
      onSuccess: () => setAnnouncement(`${card.candidate.name} was rejected.`),
      onError: (error) => {
        setProblem(`Could not reject ${card.candidate.name}: ${messageOf(error)}`);
        setAnnouncement(`Could not reject ${card.candidate.name}: ${messageOf(error)}`);
      },
    });
  };

  if (job.isPending || pipeline.isPending) return <Loading what="the pipeline" />;
  if (job.isError) return <ErrorMessage error={job.error} what="the job" />;
  if (pipeline.isError) return <ErrorMessage error={pipeline.error} what="the pipeline" />;

  return (
    <>
      <h1>{job.data.title} <span className="muted">· pipeline</span></h1>
      <p className="job-links"><Link to={`/jobs/${jobId}/edit`}>Job details</Link> <span className="muted live" data-testid="live-status">{liveStatusText[live]}</span></p>
      <p id="move-help" className="hint">
        {canChange
          ? 'Drag a card to another stage, or press its Move button, choose a stage with the left and right arrow keys and press Enter to drop (Escape cancels).'
          : 'Your role can look at this pipeline but not change it.'}
      </p>
      <div aria-live="assertive" aria-atomic="true" className="visually-hidden" data-testid="announcer">{announcement}</div>
      {problem && <p className="error" role="alert">{problem}</p>}
      {canChange && stages.length > 0 && <BulkActions jobId={jobId} stages={stages} selection={selection} announce={setAnnouncement} />}
      {stages.length === 0 ? <p className="empty">This job has no pipeline stages.</p> : (
        <div className="board">
          {stages.map((stage) => (
            <StageColumn key={stage.id} jobId={jobId} stage={stage} canChange={canChange}
              highlighted={keyboard.target?.id === stage.id || dropTarget === stage.id} headingFocused={focusedStage === stage.id}
              keyboard={keyboard} selection={selection} onReject={setRejecting}
              drag={{
                card: dragged,
                start: setDragged,
                end: () => {
                  setDragged(null);
                  setDropTarget(null);
                },
                over: () => setDropTarget(stage.id),
                drop: (card) => moveCard(card, stage),
              }} />
          ))}
        </div>
      )}
      {rejecting && <RejectDialog who={rejecting.candidate.name} onClose={() => setRejecting(null)} onReject={(reasonId, note) => rejectCard(rejecting, reasonId, note)} />}
    </>
  );
}
