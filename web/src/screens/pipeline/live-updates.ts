import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';

/** The events that change what a pipeline board shows (the catalogue's application.* types). */
const applicationEvents = [
  'application.created', 'application.stage_changed', 'application.rejected', 'application.unrejected',
  'application.withdrawn', 'application.reopened', 'application.hired',
] as const;
/** Without the stream (a role that may not read events), the board asks again this often while it is in view. */
const pollMs = 30_000;
const reconnectMs = 5_000;

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'polling';

const jobOf = (data: string): string | null => {
  try {
    const event: unknown = JSON.parse(data);
    if (typeof event !== 'object' || event === null || !('payload' in event)) return null;
    const { payload } = event;
    if (typeof payload !== 'object' || payload === null || !('application' in payload)) return null;
    const { application } = payload;
    return typeof application === 'object' && application !== null && 'jobId' in application && typeof application.jobId === 'string' ? application.jobId : null;
  } catch {
    return null;
  }
};

/**
 * Keeps a job's board current while it is open: the server's event stream (GET /v1/events/stream, with the
 * session cookie) invalidates the board's queries when an application of this job changes, so a move made
 * elsewhere shows without a reload. The stream closes when the board is left.
 */
export function useLiveBoard(jobId: string, canStream: boolean): LiveStatus {
  const queries = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    let pending: number | undefined;
    // A burst of events (a bulk move) is one refresh; a change of the user's own still in flight refreshes when it settles.
    const refresh = () => {
      window.clearTimeout(pending);
      pending = window.setTimeout(() => {
        if (queries.isMutating() === 0) void queries.invalidateQueries({ queryKey: ['pipeline', jobId] });
      }, 200);
    };

    if (!canStream) {
      const timer = window.setInterval(() => {
        if (document.visibilityState === 'visible') refresh();
      }, pollMs);
      return () => {
        window.clearInterval(timer);
        window.clearTimeout(pending);
      };
    }

    let source: EventSource | null = null;
    let lastEventId: string | null = null;
    let retry: number | undefined;
    let left = false;
    const connect = () => {
      const query = new URLSearchParams({ types: applicationEvents.join(',') });
      if (lastEventId) query.set('lastEventId', lastEventId);
      source = new EventSource(`/v1/events/stream?${query.toString()}`, { withCredentials: true });
      source.onopen = () => setStatus('live');
      for (const type of applicationEvents) {
        source.addEventListener(type, (message) => {
          lastEventId = message.lastEventId || lastEventId;
          if (jobOf(message.data as string) === jobId) refresh();
        });
      }
      source.onerror = () => {
        // The browser reconnects by itself after a dropped connection; a refused one (say, the 10-minute access
        // cookie ran out: 401) is closed for good, so refresh the session through the API client and start again.
        setStatus('reconnecting');
        if (source?.readyState !== EventSource.CLOSED) return;
        retry = window.setTimeout(() => {
          void api.GET('/v1/me').finally(() => {
            if (!left) connect();
          });
        }, reconnectMs);
      };
    };
    connect();
    return () => {
      left = true;
      source?.close();
      window.clearTimeout(retry);
      window.clearTimeout(pending);
    };
  }, [jobId, canStream, queries]);

  return canStream ? status : 'polling';
}

export const liveStatusText: Record<LiveStatus, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live: changes made elsewhere appear here as they happen.',
  reconnecting: 'Live updates paused; reconnecting…',
  polling: 'This board refreshes every 30 seconds.',
};
