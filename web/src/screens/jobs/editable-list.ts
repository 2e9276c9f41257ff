import { useState } from 'react';

/** A list the user edits in place before saving it whole: change, move up or down, remove, add. */
export function useEditableList<T extends { key: string }>(initial: T[]) {
  const [rows, setRows] = useState(initial);
  const [added, setAdded] = useState(0);
  return {
    rows,
    change: (index: number, patch: Partial<T>) => setRows((now) => now.map((r, i) => (i === index ? { ...r, ...patch } : r))),
    move: (index: number, by: -1 | 1) => setRows((now) => {
      const [a, b] = [now[index], now[index + by]];
      if (!a || !b) return now;
      const next = [...now];
      next[index] = b;
      next[index + by] = a;
      return next;
    }),
    remove: (index: number) => setRows((now) => now.filter((_, i) => i !== index)),
    add: (row: Omit<T, 'key'>) => {
      setRows((now) => [...now, { ...row, key: `new-${added}` } as T]);
      setAdded((n) => n + 1);
    },
  };
}
