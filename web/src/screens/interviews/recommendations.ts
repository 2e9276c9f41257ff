import type { Recommendation } from './queries.ts';

export const recommendations: readonly { value: Recommendation; label: string }[] = [
  { value: 'strong_no', label: 'Strong no' }, { value: 'no', label: 'No' }, { value: 'yes', label: 'Yes' }, { value: 'strong_yes', label: 'Strong yes' },
];
export const recommendationLabel = (value: Recommendation): string => recommendations.find((r) => r.value === value)?.label ?? value;

/** What each rating means, as the API documents it: 1 (poor) to 4 (excellent). */
export const ratings: readonly { value: number; label: string }[] = [
  { value: 1, label: 'Poor' }, { value: 2, label: 'Mixed' }, { value: 3, label: 'Good' }, { value: 4, label: 'Excellent' },
];
export const ratingLabel = (value: number): string => `${value} · ${ratings.find((r) => r.value === value)?.label ?? ''}`;
