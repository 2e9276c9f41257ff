import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type DragEvent } from 'react';
import type { PipelineStage, StageApplication } from '../../api/types.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { ApplicationCard, cardDragType } from './ApplicationCard.tsx';
import type { BulkSelection } from './bulk-selection.ts';
import type { KeyboardMove } from './keyboard-move.ts';
import { stageApplicationsQuery } from './queries.ts';

interface StageColumnProps {
  jobId: string;
  stage: PipelineStage;
  canChange: boolean;
  highlighted: boolean;
  headingFocused: boolean;
  keyboard: KeyboardMove;
  selection: BulkSelection;
  onReject(card: StageApplication): void;
  drag: {
    card: StageApplication | null;
    start(card: StageApplication): void;
    end(): void;
    over(): void;
    drop(card: StageApplication): void;
  };
}

export function StageColumn({ jobId, stage, canChange, highlighted, headingFocused, keyboard, selection, onReject, drag }: StageColumnProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (headingFocused) heading.current?.focus();
  }, [headingFocused]);
  const applications = useQuery(stageApplicationsQuery(jobId, stage.id));
  const cards = applications.data?.data ?? [];
  const headingId = `stage-${stage.id}`;

  const onDragOver = (event: DragEvent<HTMLElement>) => {
    if (!drag.card || !event.dataTransfer.types.includes(cardDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    drag.over();
  };
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    const card = drag.card;
    drag.end();
    if (card) drag.drop(card);
  };

  return (
    <section className={highlighted ? 'column drop-target' : 'column'} aria-labelledby={headingId} onDragOver={onDragOver} onDrop={onDrop}
      data-stage-id={stage.id}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>{stage.name} <span className="count">{stage.count}</span></h2>
      {applications.isPending ? <Loading what={`${stage.name}`} />
        : applications.isError ? <ErrorMessage error={applications.error} what={`the applications in ${stage.name}`} />
          : cards.length === 0 ? <p className="empty">No applications</p>
            : (
              <>
                {canChange && (
                  <label className="select-all">
                    <input type="checkbox" checked={cards.every((card) => selection.cards.has(card.id))}
                      onChange={(e) => selection.setAll(cards, e.target.checked)} />
                    Select all<span className="visually-hidden"> in {stage.name}</span>
                  </label>
                )}
                <ul className="cards">
                  {cards.map((card) => (
                    <ApplicationCard key={card.id} card={card} canChange={canChange}
                      picked={keyboard.picked?.id === card.id} selected={selection.cards.has(card.id)} onSelect={() => selection.toggle(card)} focused={keyboard.lastMoved === card.id}
                      onPick={() => keyboard.pick(card)} onMoveKey={(event) => keyboard.onKey(card, event)}
                      onReject={() => onReject(card)} onDragStart={() => drag.start(card)} onDragEnd={drag.end} />
                  ))}
                </ul>
              </>
            )}
      {cards.length < stage.count && applications.isSuccess && <p className="muted">Showing {cards.length} of {stage.count}</p>}
    </section>
  );
}
