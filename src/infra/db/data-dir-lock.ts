import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Raised when another live process already holds the embedded database's data directory. */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockHolder) {
    super(`The embedded database in ${dataDir} is in use by another Hireline process (pid ${holder.pid}, "${holder.command}", since ${holder.startedAt}). `
      + 'Two processes must never open one PGlite data directory: what the second one wrote would be lost. '
      + `Stop that process first (Ctrl-C in its terminal, or kill ${holder.pid}) and run this again, `
      + 'or use the running server\'s HTTP API, or set DATABASE_URL to a PostgreSQL server that several processes can share.');
    this.name = 'DataDirInUseError';
  }
}

interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
}

const LOCK_FILE = 'hireline.pid';
/** Directories this process holds: its own pid in a file is then no sign of a stale lock. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else; it still holds the directory.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, command: String(parsed.command ?? '?'), startedAt: String(parsed.startedAt ?? '?') } : null;
  } catch {
    return null;
  }
}

/**
 * Takes the data directory for this process, as PostgreSQL's postmaster.pid does: a pid file
 * created exclusively, taken over only when the recorded process is gone (a crash or kill -9).
 * A pid rather than a heartbeat file, because PGlite may run queries on the main thread
 * (PGLITE_THREAD=false) and a long one would stop a heartbeat and let a second process in. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, command: process.argv.slice(2).join(' ') || 'node', startedAt: new Date().toISOString() };
  const content = JSON.stringify(mine);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, content, { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(path);
      if (holder && (heldHere.has(path) || (holder.pid !== process.pid && isAlive(holder.pid)))) throw new DataDirInUseError(dataDir, holder);
      // The holder is gone (or the file is unreadable, e.g. cut short by a crash; or it is our own
      // pid left by an earlier life of a restarted container): take it over.
      try {
        unlinkSync(path);
      } catch (unlinkErr) {
        if ((unlinkErr as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkErr;
      }
      continue;
    }
    // Two processes replacing the same stale file could both get here; only the one whose pid
    // the file holds afterwards keeps it.
    const holder = readHolder(path);
    if (holder?.pid !== process.pid) throw new DataDirInUseError(dataDir, holder ?? mine);
    heldHere.add(path);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      heldHere.delete(path);
      process.off('exit', release);
      if (readHolder(path)?.pid === process.pid) unlinkSync(path);
    };
    process.on('exit', release);
    return release;
  }
  throw new Error(`Could not take the data directory ${dataDir}: its lock file ${path} keeps changing`);
}
