/** One dispatched Server-Sent Events message, or a comment line (heartbeats, `: live`). */
export type SseItem =
  | { kind: 'message'; id: string; event: string; data: string }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; ms: number };

export interface SseMessage {
  id: string;
  event: string;
  data: string;
}

export interface SseClient {
  response: Response;
  /** The next item in arrival order; rejects once the stream ended with nothing left. */
  next(): Promise<SseItem>;
  /** Skips comments and retry hints up to the next message. */
  nextMessage(): Promise<SseMessage>;
  /** Reads until a comment with this text (e.g. `live`), returning the messages before it. */
  until(comment: string): Promise<SseMessage[]>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * A parser of the text/event-stream format as the WHATWG HTML standard describes it (lines end in CRLF,
 * LF or CR; `field: value` with one optional space; data lines joined by LF; a blank line dispatches),
 * enough for the tests: eventsource-parser is not installed.
 */
export function createSseParser(emit: (item: SseItem) => void): { push(text: string): void } {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id = '';
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) emit({ kind: 'message', id, event: event || 'message', data: data.join('\n') });
      data = [];
      event = '';
      return;
    }
    if (text.startsWith(':')) {
      emit({ kind: 'comment', text: text.slice(1).trim() });
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) emit({ kind: 'retry', ms: Number(value) });
  };
  return {
    push(text) {
      buffer += text;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        // A lone CR at the end may be the first half of a CRLF: wait for more.
        if (!match || (match[0] === '\r' && match.index === buffer.length - 1)) return;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
  };
}

/** GETs an event stream over a real socket; the response is returned as is when it is not a stream. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const items: SseItem[] = [];
  const waiters: { resolve: (item: SseItem) => void; reject: (err: Error) => void }[] = [];
  let done = false;
  const parser = createSseParser((item) => {
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(item);
    else items.push(item);
  });
  const ended = (async () => {
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) parser.push(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch {
      // Aborted by close(): the stream ends here.
    } finally {
      done = true;
      for (const waiter of waiters.splice(0)) waiter.reject(new Error('the event stream ended'));
    }
  })();
  const next = (): Promise<SseItem> => {
    const item = items.shift();
    if (item) return Promise.resolve(item);
    if (done) return Promise.reject(new Error('the event stream ended'));
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  };
  const nextMessage = async (): Promise<SseMessage> => {
    for (;;) {
      const item = await next();
      if (item.kind === 'message') return { id: item.id, event: item.event, data: item.data };
    }
  };
  const until = async (comment: string): Promise<SseMessage[]> => {
    const before: SseMessage[] = [];
    for (;;) {
      const item = await next();
      if (item.kind === 'comment' && item.text === comment) return before;
      if (item.kind === 'message') before.push({ id: item.id, event: item.event, data: item.data });
    }
  };
  return { response, next, nextMessage, until, ended, close: () => abort.abort() };
}
