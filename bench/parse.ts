/**
 * JD parsing throughput, in process. `npm run bench` calls measureParsing; on its own,
 * `node --import tsx bench/parse.ts [folder] [--seconds=N]` parses the .txt postings of a folder
 * (default data/demo, or any folder of .txt postings) plus synthetic postings and prints the figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseJobDescription } from '../src/modules/jd/jd.parser.ts';
import { syntheticJobs } from '../src/seed/synthetic-jobs.ts';

export interface ParseResult {
  docsPerSec: number;
  p50: number;
  p99: number;
  documents: number;
  corpus: string;
}

const demoPostings = new URL('../data/demo/', import.meta.url);

/** The .txt postings of `folder` plus synthetic postings written out as plain text. */
function corpus(folder: URL): { name: string; text: string }[] {
  const files = readdirSync(folder).filter((f) => f.endsWith('.txt')).sort();
  const docs = files.map((name) => ({ name, text: readFileSync(new URL(name, folder), 'utf8') }));
  for (const [i, job] of syntheticJobs(12, 99).entries()) {
    const salary = job.salary ? `Salary: ${job.salary.min ?? ''}-${job.salary.max ?? ''} ${job.salary.currency} per ${job.salary.unit.toLowerCase()}` : '';
    const header = [`Job Title: ${job.title}`, `Location: ${(job.locations ?? []).join('; ') || 'Remote'}`, `Employment type: ${job.employmentType ?? ''}`, salary];
    docs.push({ name: `synthetic-${i}`, text: `${header.filter(Boolean).join('\n')}\n\n${job.description ?? ''}` });
  }
  return docs;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Parses the corpus round-robin, in this process, for `seconds` (after a short warm-up for the JIT). */
export function measureParsing(seconds: number, folder: URL = demoPostings): ParseResult {
  const docs = corpus(folder);
  for (const doc of docs) parseJobDescription(doc.text);
  const timings: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const doc = docs[i % docs.length];
    if (!doc) break;
    const t = performance.now();
    parseJobDescription(doc.text);
    timings.push(performance.now() - t);
  }
  const elapsed = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  const fixtureCount = docs.filter((d) => !d.name.startsWith('synthetic-')).length;
  return {
    docsPerSec: timings.length / elapsed,
    p50: percentile(timings, 0.5),
    p99: percentile(timings, 0.99),
    documents: timings.length,
    corpus: `${fixtureCount} fixture files + ${docs.length - fixtureCount} synthetic postings`,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { seconds: { type: 'string', default: '5' } } });
  const folder = positionals[0] ? pathToFileURL(`${resolve(positionals[0])}/`) : demoPostings;
  const r = measureParsing(Number(values.seconds), folder);
  console.log(`${r.docsPerSec.toFixed(0)} docs/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms over ${r.documents} documents (${r.corpus})`);
}
