/**
 * Scores the job-description parser on a labelled set: `npm run jd:score -- <folder> [--field=title] [--json]`.
 * The folder holds NNN.txt postings and labels.json (the jd-dev set's layout). Prints one line per
 * field, skills F1 on exact names and again through the taxonomy's aliases, then the misses (only one
 * field's with --field). Not part of `npm test`: the set is other
 * people's texts and stays outside the repository.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseJobDescription } from '../../src/modules/jd/index.ts';
import { scoredFields, scorePosting, skillsF1, type GoldLabel } from './compare.ts';

// Piped into `head`, the reader may go away early: that ends the report, it is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const { values, positionals } = parseArgs({ allowPositionals: true, options: { field: { type: 'string' }, json: { type: 'boolean', default: false } } });
const folder = positionals[0];
if (!folder) {
  process.stderr.write('usage: npm run jd:score -- <folder with NNN.txt and labels.json> [--field=title] [--json]\n');
  process.exit(2);
}
const labels = JSON.parse(readFileSync(path.join(folder, 'labels.json'), 'utf8')) as GoldLabel[];
const scores = labels.map((gold) => ({ file: gold.file, score: scorePosting(gold, parseJobDescription(readFileSync(path.join(folder, gold.file), 'utf8'))) }));

const rates = Object.fromEntries(scoredFields.map((field) => [field, scores.filter((s) => s.score.fields[field].hit).length / scores.length]));
const skills = skillsF1(scores.map((s) => s.score.skills));
const byAlias = skillsF1(scores.map((s) => s.score.skillsByAlias));
if (values.json) {
  process.stdout.write(`${JSON.stringify({
    postings: scores.length, ...rates, skillsF1: skills.f1, skillsPrecision: skills.precision, skillsRecall: skills.recall, skillsF1ByAlias: byAlias.f1,
  })}\n`);
  process.exit(0);
}
const lines = scoredFields.map((field) => `${field.padEnd(19)} ${(100 * (rates[field] ?? 0)).toFixed(0).padStart(3)}%  (${scores.filter((s) => s.score.fields[field].hit).length}/${scores.length})`);
const f1Line = (label: string, f: typeof skills) => `${label.padEnd(19)} ${f.f1.toFixed(2)}  (precision ${f.precision.toFixed(2)}, recall ${f.recall.toFixed(2)})`;
lines.push(f1Line('skills F1', skills), `${f1Line('skills F1 (aliases)', byAlias)}  names compared through the taxonomy's aliases`);
process.stdout.write(`${lines.join('\n')}\n`);
for (const field of scoredFields.filter((f) => !values.field || values.field === f)) {
  const misses = scores.filter((s) => !s.score.fields[field].hit);
  if (misses.length === 0) continue;
  process.stdout.write(`\n## ${field} misses\n`);
  for (const { file, score } of misses) process.stdout.write(`${file}: expected ${score.fields[field].expected}, got ${score.fields[field].got}\n`);
}
if (!values.field || values.field === 'skills') {
  process.stdout.write('\n## skills misses (exact names)\n');
  for (const { file, score } of scores) {
    const { falsePositives, falseNegatives } = score.skills;
    if (falsePositives.length + falseNegatives.length > 0) process.stdout.write(`${file}: missing ${JSON.stringify(falseNegatives)}, extra ${JSON.stringify(falsePositives)}\n`);
  }
}
