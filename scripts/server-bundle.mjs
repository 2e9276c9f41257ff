/**
 * The CLI as plain JavaScript for bin/hireline.js: src/ bundled by esbuild into dist/server/ (node_modules
 * stay external), so a start loads one file instead of compiling and resolving ~400 TypeScript modules
 * through tsx's loader (measured: about 1.5 s of CPU per start). Rebuilt, in about half a second, whenever
 * a file under src/ is newer than the bundle, so an edited checkout never runs stale code.
 *
 * `import.meta.url` in each source file becomes that file's own location (relative to the bundle), so the
 * data files, drizzle/ and web/dist it reads are found exactly as under tsx; the worker threads' entries
 * (`./x-worker.mjs` beside `x.worker.ts`) are bundled too and point at their bundles.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const src = path.join(root, 'src');
const outdir = path.join(root, 'dist', 'server');
const entry = path.join(outdir, 'hireline.mjs');
const workers = { 'pglite-thread.worker': 'src/infra/db/pglite-thread.worker.ts', 'extract.worker': 'src/infra/documents/extract.worker.ts' };

/** Newest modification time under src/ (files and folders, so a deleted file counts too) and of this script. */
function newestSource() {
  let newest = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  const walk = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  walk(src);
  return newest;
}

function builtAt() {
  try {
    return Math.min(...[entry, ...Object.keys(workers).map((name) => path.join(outdir, `${name}.mjs`))].map((file) => statSync(file).mtimeMs));
  } catch {
    return 0;
  }
}

const workerEntry = /new URL\((['"])\.\/([\w-]+)-worker\.mjs\1, import\.meta\.url\)/g;

/** Rewrites what depends on where a source file sits, so it holds in the bundle. */
const sourceLocation = {
  name: 'source-location',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const own = path.relative(outdir, args.path).split(path.sep).join('/');
      const bundled = [];
      const text = readFileSync(args.path, 'utf8')
        .replace(workerEntry, (whole, quote, name) => {
          if (!(`${name}.worker` in workers)) return whole;
          bundled.push(name);
          return `\0worker${bundled.length - 1}\0`;
        })
        .replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(own)}, import.meta.url).href`)
        .replace(/\0worker(\d+)\0/g, (whole, index) => `new URL('./${bundled[Number(index)]}.worker.mjs', import.meta.url)`);
      return { contents: text, loader: 'ts' };
    });
  },
};

/** Kept this long after a rebuild stops using them: a process started before may still import one lazily. */
const OLD_CHUNK_MS = 24 * 3_600_000;

/**
 * Builds into a staging folder, then moves it in: the chunks (named by content hash, so never
 * overwritten) first, the entries last, each by an atomic rename. A process starting meanwhile
 * reads either bundle whole.
 */
export async function buildServerBundle() {
  const { build } = await import('esbuild');
  const staging = path.join(root, 'dist', `.server-${process.pid}-${Date.now()}`);
  try {
    await build({
      entryPoints: { hireline: path.join(src, 'main.ts'), ...Object.fromEntries(Object.entries(workers).map(([name, file]) => [name, path.join(root, file)])) },
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      // The CLI's commands stay separate chunks loaded when run, as under tsx (main.ts imports them lazily).
      splitting: true,
      // Beside the entries, so a path made relative to the bundle's folder holds in every file.
      chunkNames: 'chunk-[name]-[hash]',
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      plugins: [sourceLocation],
      // Maps beside the files: NODE_OPTIONS=--enable-source-maps shows src/ positions in stack traces.
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    mkdirSync(outdir, { recursive: true });
    const isChunk = (file) => file.startsWith('chunk-') || file.endsWith('.map');
    const chunks = readdirSync(staging).filter(isChunk);
    for (const chunk of chunks) renameSync(path.join(staging, chunk), path.join(outdir, chunk));
    for (const name of [...Object.keys(workers), 'hireline']) renameSync(path.join(staging, `${name}.mjs`), path.join(outdir, `${name}.mjs`));
    const now = Date.now();
    for (const chunk of readdirSync(outdir).filter(isChunk)) {
      const file = path.join(outdir, chunk);
      if (!chunks.includes(chunk) && now - statSync(file).mtimeMs > OLD_CHUNK_MS) rmSync(file, { force: true });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The bundle's URL, built first when missing or older than a source file; null when it cannot be
 * built here (no esbuild, a read-only install whose bundle is stale): the caller falls back to tsx.
 */
export async function serverBundle() {
  try {
    if (builtAt() <= newestSource()) await buildServerBundle();
    return pathToFileURL(entry).href;
  } catch (err) {
    process.stderr.write(`hireline: running the TypeScript sources through tsx (the bundle could not be built: ${err instanceof Error ? err.message : String(err)})\n`);
    return null;
  }
}

// `node scripts/server-bundle.mjs` (npm run build:server, the Dockerfile): build now.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await buildServerBundle();
