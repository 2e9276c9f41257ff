import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Bytes by key. Keys are opaque to the store (`org_x/att_y`); the shape is an object store's
 * (put, get, delete of whole objects), so an S3-compatible store can implement it as well.
 */
export interface FileStore {
  /** Resolves only once the bytes are durable: a success reported after it survives a crash. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when nothing is stored under key. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes key; removing a missing key is not an error (deletes are retried). */
  delete(key: string): Promise<void>;
}

export class InvalidFileKeyError extends Error {
  constructor(key: string) {
    super(`invalid file key ${JSON.stringify(key.slice(0, 100))}`);
    this.name = 'InvalidFileKeyError';
  }
}

// Each segment starts with a word character: no `.`/`..`, no hidden names that could meet the
// store's own temporary files, and nothing (slash, backslash, NUL, colon) a path could be built from.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$/;
const MAX_SEGMENTS = 8;

/** Throws unless key is a relative path of safe segments, so no key can reach outside the store's root. */
export function assertFileKey(key: string): void {
  const segments = key.split('/');
  if (segments.length > MAX_SEGMENTS || !segments.every((s) => SEGMENT.test(s))) throw new InvalidFileKeyError(key);
}

const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * fsync of a directory, shared by callers that overlap: one that asks while a sync is running (which
 * may have started before its rename) waits for the next one, and every caller that asked meanwhile
 * shares that next one. Under a burst of uploads into one directory that is two syncs, not one each.
 */
function createDirectorySync(): (dir: string) => Promise<void> {
  const states = new Map<string, { running: Promise<void> | null; next: Promise<void> | null }>();
  const sync = (dir: string): Promise<void> => {
    let state = states.get(dir);
    if (!state) {
      state = { running: null, next: null };
      states.set(dir, state);
    }
    const current = state;
    if (!current.running) {
      current.running = fsyncDir(dir).finally(() => {
        current.running = null;
        if (!current.next) states.delete(dir);
      });
      return current.running;
    }
    current.next ??= current.running.catch(() => undefined).then(() => {
      current.next = null;
      return sync(dir);
    });
    return current.next;
  };
  return sync;
}

/** A store on the local disk under root (DATA_DIR/files by default). */
export function createDiskFileStore(root: string): FileStore {
  const base = path.resolve(root);
  const syncDir = createDirectorySync();
  // Directories this store made or found: most puts go to an existing org directory, so no mkdir each time.
  const knownDirs = new Set<string>();
  const pathOf = (key: string): string => {
    assertFileKey(key);
    const file = path.resolve(base, key);
    // Belt and braces: the key check above already makes this impossible.
    if (!file.startsWith(base + path.sep)) throw new InvalidFileKeyError(key);
    return file;
  };

  return {
    async put(key, bytes) {
      const file = pathOf(key);
      const dir = path.dirname(file);
      let created = knownDirs.has(dir) ? undefined : await mkdir(dir, { recursive: true });
      knownDirs.add(dir);
      // Written beside the target and renamed over it: a reader never sees half a file, and a crash
      // leaves either the old bytes or the new ones. fsync of the file, then of its directory (and of
      // any directory just created), makes the rename itself survive a power cut.
      const temp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
      const handle = await open(temp, 'wx', 0o600).catch(async (err: unknown) => {
        if (!isMissing(err)) throw err;
        // The directory went away since this store saw it (removed by hand): make it again.
        created = await mkdir(dir, { recursive: true });
        return open(temp, 'wx', 0o600);
      });
      try {
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
      await syncDir(dir);
      if (created) {
        // mkdir reports the topmost directory it made: each new directory's entry is in its parent.
        const top = path.dirname(created);
        for (let d = path.dirname(dir); ; d = path.dirname(d)) {
          await fsyncDir(d);
          if (d === top || d === path.dirname(d)) break;
        }
      }
    },

    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
