import { useEffect, useRef, type DragEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { StageApplication } from '../../api/types.ts';

export const cardDragType = 'application/x-hireline-application';

interface CardProps {
  card: StageApplication;
  /** Whether the role may move and reject: without it the card is only read. */
  canChange: boolean;
  picked: boolean;
  /** Chosen for a bulk move or rejection. */
  selected: boolean;
  onSelect(): void;
  /** Set on the card the keyboard just moved, which keeps focus as it changes column. */
  focused: boolean;
  onPick(): void;
  onMoveKey(event: KeyboardEvent<HTMLButtonElement>): void;
  onReject(): void;
  onDragStart(): void;
  onDragEnd(): void;
}

const applied = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function ApplicationCard({ card, canChange, picked, selected, onSelect, focused, onPick, onMoveKey, onReject, onDragStart, onDragEnd }: CardProps) {
  const moveButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focused) moveButton.current?.focus();
  }, [focused]);

  const startDrag = (event: DragEvent<HTMLLIElement>) => {
    event.dataTransfer.setData(cardDragType, card.id);
    event.dataTransfer.effectAllowed = 'move';
    onDragStart();
  };

  const name = card.candidate.name;
  return (
    <li className={picked ? 'card picked' : 'card'} draggable={canChange} onDragStart={canChange ? startDrag : undefined} onDragEnd={onDragEnd}
      data-application-id={card.id}>
      <span className="card-head">
        {canChange && <input type="checkbox" id={`select-${card.id}`} checked={selected} onChange={onSelect} aria-label={`Select ${name}`} />}
        <Link to={`/candidates/${card.candidateId}`} className="card-name">{name}</Link>
      </span>
      <span className="muted">Applied {applied.format(new Date(card.appliedAt))}</span>
      {canChange && (
        <span className="card-actions">
          <button type="button" ref={moveButton} onClick={onPick} onKeyDown={onMoveKey} aria-describedby="move-help" aria-pressed={picked}>
            Move<span className="visually-hidden"> {name}</span>
          </button>
          <button type="button" onClick={onReject}>Reject<span className="visually-hidden"> {name}</span></button>
        </span>
      )}
    </li>
  );
}
