/** Reading a provider's JSON answer without trusting its shape. */
export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

export const field = (value: unknown, name: string): unknown => (isObject(value) ? value[name] : undefined);

/** A reported token count; anything else counts as 0 (a server that reports none spends none of the budget). */
export const tokenCount = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0);
