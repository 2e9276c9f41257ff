export interface LastUsedThrottle {
  (id: string, now: Date): void;
  /** How many credentials it remembers now; never more than `maxTracked`. */
  readonly tracked: number;
}

/**
 * A credential's last-used time is advisory: write it at most once per `intervalMs` per credential,
 * off the request's path; a failed write is forgotten, so the next use tries again. It remembers
 * only credentials written within the interval, and at most `maxTracked` of them: forgetting one
 * costs one early write, while remembering every key and session ever seen would grow without end.
 */
export function throttleLastUsed(
  write: (id: string, at: Date) => Promise<void>,
  { intervalMs = 60_000, maxTracked = 10_000 }: { intervalMs?: number; maxTracked?: number } = {},
): LastUsedThrottle {
  // Re-inserted on every write, so iteration order is write order and the oldest entries come first.
  const lastWritten = new Map<string, number>();
  const touch = (id: string, now: Date): void => {
    const at = now.getTime();
    const previous = lastWritten.get(id);
    if (previous !== undefined && previous >= at - intervalMs) return;
    lastWritten.delete(id);
    lastWritten.set(id, at);
    for (const [oldId, oldAt] of lastWritten) {
      if (oldAt >= at - intervalMs && lastWritten.size <= maxTracked) break;
      lastWritten.delete(oldId);
    }
    write(id, now).catch(() => {
      if (lastWritten.get(id) === at) lastWritten.delete(id);
    });
  };
  return Object.defineProperty(touch, 'tracked', { get: () => lastWritten.size }) as LastUsedThrottle;
}
