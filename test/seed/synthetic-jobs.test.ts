import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Compile } from 'typebox/compile';
import { CreateJobBodySchema } from '../../src/modules/jobs/jobs.schemas.ts';
import { missingForPublishing } from '../../src/modules/jobs/jobs.lifecycle.ts';
import { syntheticJobs } from '../../src/seed/synthetic-jobs.ts';

const now = Date.parse('2025-06-01T12:00:00Z');
const jobs = syntheticJobs(2000, 7, now);

test('the same count and seed give identical jobs; another seed gives different ones', () => {
  assert.deepEqual(syntheticJobs(300, 7, now), jobs.slice(0, 300));
  assert.notDeepEqual(syntheticJobs(300, 8, now).map((j) => j.title), jobs.slice(0, 300).map((j) => j.title));
});

test('content does not depend on the clock; dates move with it', () => {
  const later = syntheticJobs(50, 7, now + 86_400_000);
  const strip = ({ publishedAt: _p, validThrough: _v, ...rest }: (typeof jobs)[number]) => rest;
  assert.deepEqual(later.map(strip), jobs.slice(0, 50).map(strip));
  assert.equal(later[0]?.publishedAt.getTime(), (jobs[0]?.publishedAt.getTime() ?? 0) + 86_400_000);
});

test('jobs vary in title, currency, workplace, employment type and department', () => {
  const distinct = <T>(values: T[]) => new Set(values).size;
  assert.ok(distinct(jobs.map((j) => j.title)) >= 300, 'titles');
  assert.ok(distinct(jobs.map((j) => j.salary?.currency).filter(Boolean)) >= 12, 'currencies');
  assert.equal(distinct(jobs.map((j) => j.workplace)), 3, 'workplaces');
  assert.ok(distinct(jobs.map((j) => j.employmentType)) >= 7, 'employment types');
  assert.ok(distinct(jobs.map((j) => j.department)) >= 20, 'departments');
  assert.ok(distinct(jobs.flatMap((j) => j.locations ?? [])) >= 40, 'locations');
  assert.ok(distinct(jobs.map((j) => j.salary?.unit)) >= 5, 'salary units incl. none');
  assert.ok(jobs.some((j) => j.salary === null) && jobs.some((j) => j.validThrough === null), 'some nulls');
});

test('every job validates against CreateJobBodySchema once publishedAt is removed', () => {
  const validator = Compile(CreateJobBodySchema);
  for (const { publishedAt: _p, ...body } of jobs) {
    assert.ok(validator.Check(body), JSON.stringify(validator.Errors(body)));
  }
});

test('every job is publishable, with 3–8 skills, a sectioned description and sane dates', () => {
  for (const job of jobs) {
    const validThrough = job.validThrough ? new Date(job.validThrough) : null;
    const missing = missingForPublishing({
      title: job.title, description: job.description ?? '', locations: job.locations ?? [], workplace: job.workplace ?? null, validThrough,
    }, new Date(now));
    assert.deepEqual(missing, [], job.title);
    assert.ok(job.skills && job.skills.length >= 3 && job.skills.length <= 8);
    assert.ok(job.skills.every((s) => s.name === s.name.toLowerCase()));
    const words = (job.description ?? '').split(/\s+/).filter(Boolean).length;
    assert.ok(words >= 150 && words <= 400, `${words} words`);
    for (const heading of ['## About the role', "## What you'll do", '## What you bring', '## Nice to have', '## Benefits']) {
      assert.ok(job.description?.includes(heading), heading);
    }
    const age = now - job.publishedAt.getTime();
    assert.ok(age >= 0 && age <= 60 * 86_400_000);
    if (validThrough) {
      const days = (validThrough.getTime() - job.publishedAt.getTime()) / 86_400_000;
      assert.ok(days >= 30 && days <= 120, `${days} days`);
    }
    if (job.salary) {
      const { min, max } = job.salary;
      assert.ok(min !== null || max !== null);
      if (min !== null && max !== null) assert.ok(min <= max);
    }
  }
});

test('pay units follow the employment type', () => {
  for (const job of jobs) {
    if (job.employmentType === 'PART_TIME' || job.employmentType === 'PER_DIEM') assert.equal(job.salary?.unit ?? 'HOUR', 'HOUR');
    if (job.employmentType === 'VOLUNTEER') assert.equal(job.salary, null);
  }
});
