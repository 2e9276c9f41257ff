import { FEWER_THAN_MINIMUM, MINIMUM_GROUP, WITHHELD, type GroupCountValue } from './eeo.schemas.ts';

/**
 * One question's counts as a report may show them: a group under MINIMUM_GROUP (0 too) is never a
 * number. Totals are never shown, but a reader may know one (the applications a job had); were only
 * one group hidden, total minus the shown groups would give it away, so the smallest shown group is
 * withheld with it (complementary suppression, as statistics offices do).
 */
export function suppressSmallGroups(counts: readonly number[]): GroupCountValue[] {
  const shown: GroupCountValue[] = counts.map((n) => (n < MINIMUM_GROUP ? FEWER_THAN_MINIMUM : n));
  if (counts.filter((n) => n < MINIMUM_GROUP).length !== 1) return shown;
  let smallest = -1;
  counts.forEach((n, i) => {
    if (n >= MINIMUM_GROUP && (smallest === -1 || n < (counts[smallest] ?? 0))) smallest = i;
  });
  if (smallest !== -1) shown[smallest] = WITHHELD;
  return shown;
}
