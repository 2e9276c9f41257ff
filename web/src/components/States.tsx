import { messageOf } from '../api/problems.ts';

export function Loading({ what }: { what: string }) {
  return <p className="loading" role="status">Loading {what}…</p>;
}

/** The API's problem `detail`, said as it is: it tells the user what was wrong. */
export function ErrorMessage({ error, what }: { error: unknown; what: string }) {
  return <p className="error" role="alert">Could not load {what}: {messageOf(error)}</p>;
}

export function Empty({ children }: { children: string }) {
  return <p className="empty">{children}</p>;
}
