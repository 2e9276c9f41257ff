import { useCallback, useState } from 'react';
import type { StageApplication } from '../../api/types.ts';

export interface BulkSelection {
  /** The chosen cards by application id, in the order they were chosen. */
  cards: ReadonlyMap<string, StageApplication>;
  toggle(card: StageApplication): void;
  /** Chooses every one of `cards`, or none of them. */
  setAll(cards: readonly StageApplication[], chosen: boolean): void;
  clear(): void;
}

/** Cards chosen for a bulk move or rejection; kept by id, so a board refresh does not lose them. */
export function useBulkSelection(): BulkSelection {
  const [cards, setCards] = useState<ReadonlyMap<string, StageApplication>>(new Map());
  const toggle = useCallback((card: StageApplication) => setCards((now) => {
    const next = new Map(now);
    if (!next.delete(card.id)) next.set(card.id, card);
    return next;
  }), []);
  const setAll = useCallback((some: readonly StageApplication[], chosen: boolean) => setCards((now) => {
    const next = new Map(now);
    for (const card of some) {
      if (chosen) next.set(card.id, card);
      else next.delete(card.id);
    }
    return next;
  }), []);
  const clear = useCallback(() => setCards(new Map()), []);
  return { cards, toggle, setAll, clear };
}
