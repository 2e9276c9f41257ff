import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** Repository root: every child runs from here so `src/main.ts` and tsx resolve as in `npm start`. */
export const repoRoot = fileURLToPath(new URL('../', import.meta.url));

const running = new Set<ChildProcess>();
// A crashed or interrupted bench must not leave servers holding ports or the PGlite directory.
process.once('exit', () => { for (const child of running) child.kill('SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerChild {
  url: string;
  /** The server's process id: with processTreeCpuMs, what a run cost it in CPU whatever else the machine did. */
  pid: number;
  stop: () => Promise<void>;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system, every thread) of one process, from /proc; null once it has gone. */
export async function processCpuMs(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // Fields after the parenthesised command name, which may itself hold spaces; utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** CPU time of a process and of its live children (a server that forks workers), in ms. */
export async function processTreeCpuMs(pid: number): Promise<number> {
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')).split(' ').filter((c) => c !== '').map(Number);
  const own = (await processCpuMs(pid)) ?? 0;
  const theirs = await Promise.all(children.map((child) => processTreeCpuMs(child)));
  return own + theirs.reduce((a, b) => a + b, 0);
}

// Extra flags for the processes under test, e.g. BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (not allowed in NODE_OPTIONS).
const extraFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');

function spawnNode(script: string, args: readonly string[], env: Record<string, string>, quiet: boolean): ChildProcess {
  // TypeScript through tsx; a JavaScript entry (bin/hireline.js, which `npm start` runs) as it is.
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...extraFlags, ...loader, script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Waits for exit; SIGTERM first so the server drains, SIGKILL if it does not within 15 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a Node server script as a child process and resolves once `GET readyPath` answers 200.
 * Readiness is polled rather than read from the log, because LOG_LEVEL=warn hides the "listening" line.
 */
export async function startServer(
  script: string, args: readonly string[], env: Record<string, string>, options: { readyPath: string; timeoutMs: number },
): Promise<ServerChild> {
  const port = await freePort();
  const child = spawnNode(script, args, { ...env, PORT: String(port), HOST: '127.0.0.1' }, true);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); });
  child.stderr?.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before it was ready:\n${output}`);
    const ready = await fetch(url + options.readyPath).then((r) => r.ok, () => false);
    if (ready) return { url, pid: child.pid ?? 0, stop: () => stopChild(child) };
    await sleep(250);
  }
  await stopChild(child);
  throw new Error(`${script} was not ready within ${options.timeoutMs} ms:\n${output}`);
}

/** Runs a CLI command to completion with its output shown, killing it if it exceeds the time limit. */
export async function runCommand(script: string, args: readonly string[], env: Record<string, string>, timeoutMs: number): Promise<void> {
  const child = spawnNode(script, args, env, false);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} failed (exit ${code ?? 'killed after timeout'})`);
}
