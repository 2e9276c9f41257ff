import { readdirSync, readFileSync } from 'node:fs';
import { parseJobDescription } from '../src/modules/jd/jd.parser.ts';
import { syntheticJobs } from '../src/seed/synthetic-jobs.ts';

export interface ParseResult {
  docsPerSec: number;
  p50: number;
  p99: number;
  documents: number;
  corpus: string;
}

const fixtures = new URL('../../shared/fixtures/job-descriptions/', import.meta.url);

/** The shared real-world-style fixtures plus synthetic postings written out as plain text. */
function corpus(): { name: string; text: string }[] {
  let files: string[] = [];
  try {
    files = readdirSync(fixtures).filter((f) => f.endsWith('.txt')).sort();
  } catch {
    // The fixtures live outside the repo; without them the synthetic postings still give a figure.
  }
  const docs = files.map((name) => ({ name, text: readFileSync(new URL(name, fixtures), 'utf8') }));
  for (const [i, job] of syntheticJobs(12, 99).entries()) {
    const salary = job.salary ? `Salary: ${job.salary.min ?? ''}-${job.salary.max ?? ''} ${job.salary.currency} per ${job.salary.unit.toLowerCase()}` : '';
    const header = [`Job Title: ${job.title}`, `Location: ${(job.locations ?? []).join('; ') || 'Remote'}`, `Employment type: ${job.employmentType ?? ''}`, salary];
    docs.push({ name: `synthetic-${i}`, text: `${header.filter(Boolean).join('\n')}\n\n${job.description ?? ''}` });
  }
  return docs;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Parses the corpus round-robin, in this process, for `seconds` (after a short warm-up for the JIT). */
export function measureParsing(seconds: number): ParseResult {
  const docs = corpus();
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
