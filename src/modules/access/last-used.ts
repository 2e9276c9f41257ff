/**
 * A credential's last-used time is advisory: write it at most once a minute per credential, off the
 * request's path; a failed write is forgotten, so the next use tries again.
 */
export function throttleLastUsed(write: (id: string, at: Date) => Promise<void>, intervalMs = 60_000): (id: string, now: Date) => void {
  const lastTouched = new Map<string, number>();
  return (id, now) => {
    if ((lastTouched.get(id) ?? 0) >= now.getTime() - intervalMs) return;
    lastTouched.set(id, now.getTime());
    write(id, now).catch(() => lastTouched.delete(id));
  };
}
