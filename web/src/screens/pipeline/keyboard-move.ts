import { useState, type KeyboardEvent } from 'react';
import type { PipelineStage, StageApplication } from '../../api/types.ts';

interface Picked {
  card: StageApplication;
  targetIndex: number;
}

export interface KeyboardMove {
  picked: StageApplication | null;
  target: PipelineStage | null;
  /** The card the keyboard last dropped: it keeps focus in its new column. */
  lastMoved: string | null;
  pick(card: StageApplication): void;
  onKey(card: StageApplication, event: KeyboardEvent<HTMLButtonElement>): void;
}

/**
 * Drag and drop without a mouse: the Move button picks a card up, the arrow keys choose a stage, pressing
 * the button again (Enter or Space) drops it there, Escape or Tab puts it back. Each step is said through
 * the board's live region.
 */
export function useKeyboardMove(stages: readonly PipelineStage[], on: { announce(text: string): void; drop(card: StageApplication, to: PipelineStage): void }): KeyboardMove {
  const [picked, setPicked] = useState<Picked | null>(null);
  const [lastMoved, setLastMoved] = useState<string | null>(null);
  const target = picked ? stages[picked.targetIndex] ?? null : null;
  const place = (index: number) => {
    const stage = stages[index];
    return stage ? `${stage.name}, stage ${index + 1} of ${stages.length}` : '';
  };

  const pick = (card: StageApplication) => {
    if (picked?.card.id === card.id) {
      drop();
      return;
    }
    const index = stages.findIndex((stage) => stage.id === card.stage.id);
    setPicked({ card, targetIndex: Math.max(0, index) });
    on.announce(`Picked up ${card.candidate.name} in ${place(index)}. Use the left and right arrow keys to choose a stage, Enter to drop, Escape to cancel.`);
  };

  const drop = () => {
    if (!picked || !target) return;
    setPicked(null);
    if (target.id === picked.card.stage.id) {
      on.announce(`${picked.card.candidate.name} stays in ${target.name}.`);
      return;
    }
    setLastMoved(picked.card.id);
    on.drop(picked.card, target);
  };

  const cancel = () => {
    if (!picked) return;
    setPicked(null);
    on.announce(`Move cancelled. ${picked.card.candidate.name} stays in ${picked.card.stage.name}.`);
  };

  const onKey = (card: StageApplication, event: KeyboardEvent<HTMLButtonElement>) => {
    if (picked?.card.id !== card.id) return;
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) {
      const targetIndex = Math.min(stages.length - 1, Math.max(0, picked.targetIndex + step));
      setPicked({ ...picked, targetIndex });
      on.announce(place(targetIndex));
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      cancel();
      // Tab goes on to the next control as usual; the other keys are ours.
      if (event.key === 'Tab') return;
    } else {
      return;
    }
    event.preventDefault();
  };

  return { picked: picked?.card ?? null, target, lastMoved, pick, onKey };
}
