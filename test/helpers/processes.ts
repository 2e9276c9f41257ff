import { spawn, type ChildProcess } from 'node:child_process';

const root = new URL('../../', import.meta.url);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hireline <args>` from the checkout as its own process, as a user would. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far. */
  output: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/**
 * Starts `hireline serve` on a free port and resolves once it listens; killed when the test ends.
 * `cli` is how the CLI is run: the sources through tsx by default, or e.g. ['bin/hireline.js'] as `npm start` does.
 */
export async function startServe(env: Record<string, string>, onEnd: (fn: () => void) => void, cli: readonly string[] = ['--import', 'tsx', 'src/main.ts']): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...cli, 'serve'], {
    cwd: root, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
  });
  // A failed assertion must not leave the server running and the test runner waiting on it.
  onEnd(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    child, url, output: () => output,
    stop: (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}
