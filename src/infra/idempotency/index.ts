// Idempotency keys: a retried request gets the first answer and does the work once.
export { createIdempotencyStore, idempotencyKeyPattern, requestHash, type Claim, type IdempotencyStore } from './idempotency.store.ts';
export { idempotencyKeys } from './idempotency.table.ts';
export {
  createMemoryResponseStore, createRedisResponseStore, withFallback, type Begun, type ResponseStore, type ResponseStoreTimes, type StoredResponse, type Ticket,
} from './response-store.ts';
