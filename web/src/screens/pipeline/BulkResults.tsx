import type { BulkResult } from './bulk-mutations.ts';

export interface BulkOutcome {
  /** What was asked, e.g. "Move to Screen". */
  action: string;
  /** What a success did, e.g. "moved to Screen". */
  done: string;
  results: readonly BulkResult[];
  names: ReadonlyMap<string, string>;
}

/** One line per application: what happened to it, or the API's reason it was left as it was. */
export function BulkResults({ outcome, onDismiss }: { outcome: BulkOutcome; onDismiss(): void }) {
  const { action, done, results, names } = outcome;
  const failed = results.filter((r) => !r.ok).length;
  const name = (id: string) => names.get(id) ?? 'An application';
  return (
    <section className={failed > 0 ? 'bulk-results some-failed' : 'bulk-results'} aria-labelledby="bulk-results-title" data-testid="bulk-results">
      <h2 id="bulk-results-title">{action}: {results.length - failed} of {results.length} done</h2>
      <ul>
        {results.map((result) => (
          <li key={result.applicationId} className={result.ok ? 'ok' : 'failed'}>
            {result.ok ? `${name(result.applicationId)}: ${done}.` : `${name(result.applicationId)}: not changed. ${result.problem.detail}`}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>Dismiss results</button>
    </section>
  );
}
