/**
 * Group commit: writes that arrive while an earlier one of their group is being committed wait and
 * are written together, in one transaction of a few statements, instead of a transaction each. Alone
 * a write goes at once (a group of one), so it costs nothing when traffic is light; under load the
 * groups grow by themselves, up to `maxItems`. The same idea as PostgreSQL's own commit_delay, one
 * level up, where whole statements are shared and not only the WAL flush.
 */
export interface GroupCommitOptions<I, R> {
  /** Largest group written at once. */
  maxItems: number;
  /** Groups being written at once per group key; more wait. */
  maxInFlight: number;
  /** Items with the same key never share a group (the later one waits for the next). */
  keyOf: (item: I) => string;
  /**
   * Writes one group (all of one group key) in one transaction, answering per item in order: its
   * result, or the Error for that item alone (the others still commit). If it throws, nothing of it
   * was written and each item is written again on its own, so one bad item costs the others nothing.
   */
  write: (group: string, items: readonly I[]) => Promise<readonly (R | Error)[]>;
}

interface Waiting<I, R> {
  item: I;
  key: string;
  resolve: (value: R) => void;
  reject: (err: unknown) => void;
}

interface GroupState<I, R> {
  waiting: Waiting<I, R>[];
  inFlight: number;
}

export interface GroupCommit<I, R> {
  /** Resolves once the item is committed (with its result), or rejects with its own error. */
  submit(group: string, item: I): Promise<R>;
}

export function createGroupCommit<I, R>(options: GroupCommitOptions<I, R>): GroupCommit<I, R> {
  const groups = new Map<string, GroupState<I, R>>();

  function settle(entry: Waiting<I, R>, outcome: R | Error | undefined): void {
    if (outcome instanceof Error) entry.reject(outcome);
    else if (outcome === undefined) entry.reject(new Error('the group commit answered no result for an item'));
    else entry.resolve(outcome);
  }

  async function writeAlone(group: string, entry: Waiting<I, R>): Promise<void> {
    try {
      settle(entry, (await options.write(group, [entry.item]))[0]);
    } catch (err) {
      entry.reject(err);
    }
  }

  async function writeGroup(group: string, entries: readonly Waiting<I, R>[]): Promise<void> {
    let outcomes: readonly (R | Error)[];
    try {
      outcomes = await options.write(group, entries.map((entry) => entry.item));
    } catch (err) {
      const [only] = entries;
      if (entries.length === 1 && only) {
        only.reject(err);
        return;
      }
      // One item's unforeseen failure (a race another process won, say) undid the group: each again, alone.
      await Promise.all(entries.map((entry) => writeAlone(group, entry)));
      return;
    }
    entries.forEach((entry, i) => settle(entry, outcomes[i]));
  }

  function take(state: GroupState<I, R>): Waiting<I, R>[] {
    const taken: Waiting<I, R>[] = [];
    const left: Waiting<I, R>[] = [];
    const keys = new Set<string>();
    for (const entry of state.waiting) {
      if (taken.length < options.maxItems && !keys.has(entry.key)) {
        keys.add(entry.key);
        taken.push(entry);
      } else {
        left.push(entry);
      }
    }
    state.waiting = left;
    return taken;
  }

  function pump(group: string): void {
    const state = groups.get(group);
    if (!state) return;
    while (state.inFlight < options.maxInFlight && state.waiting.length > 0) {
      const entries = take(state);
      state.inFlight++;
      void writeGroup(group, entries).finally(() => {
        state.inFlight--;
        if (state.inFlight === 0 && state.waiting.length === 0) groups.delete(group);
        else pump(group);
      });
    }
  }

  return {
    submit(group, item) {
      return new Promise<R>((resolve, reject) => {
        const state = groups.get(group) ?? { waiting: [], inFlight: 0 };
        groups.set(group, state);
        state.waiting.push({ item, key: options.keyOf(item), resolve, reject });
        pump(group);
      });
    },
  };
}
