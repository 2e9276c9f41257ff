export const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
export const days = (value: number | null): string => (value === null ? '—' : `${value} ${value === 1 ? 'day' : 'days'}`);
