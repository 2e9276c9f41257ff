import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { serverBundle } from '../scripts/server-bundle.mjs';
import { pgliteTemplateFile } from '../src/infra/db/pglite-template.ts';
import { freePort, repoRoot, stopChild } from './processes.ts';
import type { Row } from './report.ts';

const RUNS = 3;
const READY_TIMEOUT_MS = 120_000;
/** Idle this long after /ready before RSS is read: timers, the task runner's first polls and lazy work settle. */
const IDLE_MS = 3_000;
const POLL_MS = 20;

/** What `npm start` runs (its first word must be node), so the bench times the command people use. */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [program, ...args] = pkg.scripts.start.split(' ').filter((word) => word !== '');
  if (program !== 'node') throw new Error(`npm start runs ${program ?? 'nothing'}, not node: bench/startup.ts cannot time it`);
  return args;
}

/** Resident memory of the whole process (RSS counts every thread: the PGlite worker's WASM heap too); null off Linux. */
function rssMb(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** One start of `hireline serve` (embedded profile, demo seed on): ms from spawn to the first 200 of /ready, then idle RSS. */
async function startOnce(dataDir: string): Promise<{ readyMs: number; rssMb: number | null }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, startCommand(), {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'true', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    const deadline = started + READY_TIMEOUT_MS;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode} before /ready:\n${output}`);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(5_000) })
        .then(async (r) => { await r.arrayBuffer(); return r.ok; }, () => false);
      if (ready) {
        const readyMs = performance.now() - started;
        await sleep(IDLE_MS);
        return { readyMs, rssMb: child.pid === undefined ? null : rssMb(child.pid) };
      }
      await sleep(POLL_MS);
    }
    throw new Error(`serve was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
  } finally {
    await stopChild(child);
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * (l) Start-up of the embedded profile as `npm start` runs it: a first start on an empty data
 * directory (creates the database, migrates, seeds the demo org) and a start on that same directory
 * again, each until /ready answers 200, then the process's RSS after idling; RUNS times, median.
 */
export async function measureStartup(print: (line: string) => void): Promise<{ rows: Row[]; notes: string[] }> {
  // bin/hireline.js rebuilds its bundle after a source edit: done here first, so no run times the build.
  await serverBundle();
  const template = existsSync(pgliteTemplateFile());
  const first: number[] = [];
  const again: number[] = [];
  const rssFirst: number[] = [];
  const rssAgain: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hireline-startup-'));
    try {
      const a = await startOnce(dataDir);
      const b = await startOnce(dataDir);
      first.push(a.readyMs);
      again.push(b.readyMs);
      if (a.rssMb !== null) rssFirst.push(a.rssMb);
      if (b.rssMb !== null) rssAgain.push(b.rssMb);
      print(`(l) run ${run + 1}: empty data dir ${Math.round(a.readyMs)} ms, existing ${Math.round(b.readyMs)} ms to /ready; idle RSS ${Math.round(a.rssMb ?? 0)} / ${Math.round(b.rssMb ?? 0)} MB`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const row = (scenario: string, values: number[], limitMs: number): Row => {
    const p50 = median(values);
    return {
      scenario, profile: 'pglite', cache: '—', reqPerSec: Number.NaN, p50, p99: Math.max(...values), ratio: null,
      target: `${p50 <= limitMs ? 'yes' : 'NO'} (≤ ${limitMs / 1000} s; runs ${values.map((v) => (v / 1000).toFixed(1)).join(', ')} s)`, failures: 0,
    };
  };
  const rss = (scenario: string, values: number[]): Row => {
    const mb = median(values);
    return {
      scenario, profile: 'pglite', cache: '—', reqPerSec: Number.NaN, p50: Number.NaN, p99: Number.NaN, ratio: null,
      target: values.length === 0 ? '— (RSS read from /proc, Linux only)' : `${mb <= 200 ? 'yes' : 'NO'} (≤ 200 MB; median ${Math.round(mb)} MB, runs ${values.map(Math.round).join(', ')})`,
      failures: 0,
    };
  };
  return {
    rows: [
      row('(l) start-up: empty data dir → /ready', first, 4_000),
      row('(l) start-up: existing data dir → /ready', again, 1_500),
      rss('(l) idle RSS after a first start', rssFirst),
      rss('(l) idle RSS after a start on an existing dir', rssAgain),
    ],
    notes: [`(l) \`npm start\` (node ${startCommand().join(' ')}) on PGlite with the demo seed, ${RUNS} runs each on a fresh temporary DATA_DIR: `
      + `a first start, then a second start on the same directory; p50 is the median and p99 the slowest run, in ms from spawning the process to the first 200 of /ready `
      + `(polled every ${POLL_MS} ms); RSS is the server process's (all its threads, PGlite's worker and WASM heap included) after ${IDLE_MS / 1000} s idle. `
      + (template ? 'New data directories started from the migrated dump in dist/pglite/ (npm ci makes it).' : 'No migrated dump in dist/pglite/ (npm run build:pglite-template): new data directories ran initdb and every migration.')],
  };
}
