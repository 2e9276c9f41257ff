import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A response as it is replayed: status, the headers worth repeating, and the body as it was sent. */
export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** What beginning a keyed request found. `started` hands back the ticket that finishes or abandons it. */
export type Begun =
  | { state: 'started'; ticket: Ticket }
  | { state: 'in-flight' }
  | { state: 'mismatch' }
  | { state: 'replay'; response: StoredResponse };

export interface Ticket {
  readonly id: string;
  readonly key: string;
  readonly store: ResponseStore;
}

/**
 * Idempotency keys at the HTTP layer: a key is held while its first request runs (a second one sees
 * `in-flight`), then holds that request's response for `keepMs`; a request with the key and another
 * fingerprint sees `mismatch`. `abandon` frees the key (a failure), so a retry can succeed.
 */
export interface ResponseStore {
  begin(key: string, fingerprint: string): Promise<Begun>;
  finish(ticket: Ticket, response: StoredResponse): Promise<void>;
  abandon(ticket: Ticket): Promise<void>;
}

export interface ResponseStoreTimes {
  /** How long a stored response answers retries. */
  keepMs: number;
  /** How long a request may hold its key: past this a crashed holder no longer blocks retries. */
  holdMs: number;
}

type Entry = { fingerprint: string } & ({ ticket: string; until: number } | { response: StoredResponse; until: number });

/** Keys in this process: the embedded default's store, and the fallback while Redis is down. */
export function createMemoryResponseStore(times: ResponseStoreTimes, now: () => number = Date.now): ResponseStore {
  const entries = new Map<string, Entry>();
  const sweep = () => {
    for (const [key, entry] of entries) if (entry.until <= now()) entries.delete(key);
  };
  const store: ResponseStore = {
    async begin(key, fingerprint) {
      const entry = entries.get(key);
      if (entry && entry.until > now()) {
        if (entry.fingerprint !== fingerprint) return { state: 'mismatch' };
        return 'response' in entry ? { state: 'replay', response: entry.response } : { state: 'in-flight' };
      }
      if (entries.size % 1024 === 0) sweep();
      const ticket = { id: randomUUID(), key, store };
      entries.set(key, { fingerprint, ticket: ticket.id, until: now() + times.holdMs });
      return { state: 'started', ticket };
    },
    async finish(ticket, response) {
      const entry = entries.get(ticket.key);
      if (entry && 'ticket' in entry && entry.ticket === ticket.id) entries.set(ticket.key, { fingerprint: entry.fingerprint, response, until: now() + times.keepMs });
    },
    async abandon(ticket) {
      const entry = entries.get(ticket.key);
      if (entry && 'ticket' in entry && entry.ticket === ticket.id) entries.delete(ticket.key);
    },
  };
  return store;
}

// The holder's value starts with its ticket; finishing or abandoning touches the key only while it is still that holder's.
const IF_HELD = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`;

/** Keys in Redis, shared by every API instance: one SET NX claims a key, so two instances never both run it. */
export function createRedisResponseStore(redis: Redis, options: ResponseStoreTimes & { prefix: string }): ResponseStore {
  const redisKey = (key: string) => `${options.prefix}idem:${key}`;
  const held = (ticket: string, fingerprint: string) => JSON.stringify({ ticket, fingerprint });
  const holders = new Map<string, string>();
  const store: ResponseStore = {
    async begin(key, fingerprint) {
      // Twice at most: a key freed between the failed claim and the read is claimed on the second pass.
      for (let attempt = 0; attempt < 2; attempt++) {
        const id = randomUUID();
        const value = held(id, fingerprint);
        if (await redis.set(redisKey(key), value, 'PX', options.holdMs, 'NX') === 'OK') {
          holders.set(id, value);
          return { state: 'started', ticket: { id, key, store } };
        }
        const found = await redis.get(redisKey(key));
        if (found === null) continue;
        const entry = JSON.parse(found) as { fingerprint: string; response?: StoredResponse };
        if (entry.fingerprint !== fingerprint) return { state: 'mismatch' };
        return entry.response ? { state: 'replay', response: entry.response } : { state: 'in-flight' };
      }
      return { state: 'in-flight' };
    },
    async finish(ticket, response) {
      const value = holders.get(ticket.id);
      holders.delete(ticket.id);
      if (value === undefined) return;
      const { fingerprint } = JSON.parse(value) as { fingerprint: string };
      await redis.eval(IF_HELD, 1, redisKey(ticket.key), value, JSON.stringify({ fingerprint, response }), String(options.keepMs));
    },
    async abandon(ticket) {
      const value = holders.get(ticket.id);
      holders.delete(ticket.id);
      if (value !== undefined) await redis.eval(IF_HELD, 1, redisKey(ticket.key), value, '', '0');
    },
  };
  return store;
}

/**
 * Redis first; while it is unreachable, this process's memory, so keyed requests keep being served
 * (the guarantee then holds per instance; the application endpoint is also guarded in its own
 * transaction, so it never creates twice). A ticket always returns to the store that issued it.
 */
export function withFallback(primary: ResponseStore, fallback: ResponseStore, log: { warn(details: object, message: string): void }): ResponseStore {
  return {
    async begin(key, fingerprint) {
      try {
        return await primary.begin(key, fingerprint);
      } catch (err) {
        log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'idempotency keys: Redis unreachable, keeping this key in memory');
        return fallback.begin(key, fingerprint);
      }
    },
    // A failed finish leaves the key held until holdMs passes: a retry meanwhile sees 409 rather than running twice.
    finish: (ticket, response) => ticket.store.finish(ticket, response).catch(() => undefined),
    abandon: (ticket) => ticket.store.abandon(ticket).catch(() => undefined),
  };
}
