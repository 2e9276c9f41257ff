/** Waits before each retry after a failed attempt: 7 retries over about a day and a half (Standard Webhooks' own suggestion, roughly). */
export const retryDelaysMs = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 14 * 3_600_000] as const;

/** An endpoint whose every attempt has failed this long is turned off. */
export const disableAfterMs = 5 * 86_400_000;

/**
 * When the next attempt is due after `attempts` failed ones, or null when the schedule is used up.
 * ±10% jitter, so endpoints that failed together are not retried together.
 */
export function nextAttemptAt(attempts: number, now: Date, random: () => number = Math.random): Date | null {
  const delay = retryDelaysMs[attempts - 1];
  if (delay === undefined) return null;
  return new Date(now.getTime() + Math.round(delay * (0.9 + 0.2 * random())));
}
