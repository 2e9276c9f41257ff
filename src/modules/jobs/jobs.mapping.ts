import type { JobPatch, JobRow, JobWrite } from './jobs.repo.ts';
import type { CreateJobInput, Job, UpdateJobInput } from './jobs.schemas.ts';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    department: row.department,
    locations: row.locations,
    workplace: row.workplace,
    employmentType: row.employmentType as Job['employmentType'],
    salary: row.salaryCurrency && row.salaryUnit
      ? { min: row.salaryMin, max: row.salaryMax, currency: row.salaryCurrency, unit: row.salaryUnit as NonNullable<Job['salary']>['unit'] }
      : null,
    experienceYearsMin: row.experienceYearsMin,
    skills: row.skills,
    validThrough: iso(row.validThrough),
    status: row.status,
    publishedAt: iso(row.publishedAt),
    closedAt: iso(row.closedAt),
    openings: row.openings,
    openingsFilled: row.openingsFilled,
    closeWhenFilled: row.closeWhenFilled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** API input → columns; only keys present in the input appear in the patch. */
export function toColumns(input: UpdateJobInput | CreateJobInput): JobPatch {
  const patch: JobPatch = {};
  if (input.title !== undefined) patch.title = input.title.trim();
  if (input.description !== undefined) patch.description = input.description;
  if (input.department !== undefined) patch.department = input.department?.trim() ?? null;
  if (input.locations !== undefined) patch.locations = [...new Set(input.locations.map((l) => l.trim()))];
  if (input.workplace !== undefined) patch.workplace = input.workplace;
  if (input.employmentType !== undefined) patch.employmentType = input.employmentType;
  if (input.salary !== undefined) {
    patch.salaryMin = input.salary?.min ?? null;
    patch.salaryMax = input.salary?.max ?? null;
    patch.salaryCurrency = input.salary?.currency ?? null;
    patch.salaryUnit = input.salary?.unit ?? null;
  }
  if (input.experienceYearsMin !== undefined) patch.experienceYearsMin = input.experienceYearsMin;
  if (input.skills !== undefined) patch.skills = dedupeSkills(input.skills);
  if (input.validThrough !== undefined) patch.validThrough = input.validThrough ? new Date(input.validThrough) : null;
  if (input.openings !== undefined) patch.openings = input.openings;
  if (input.closeWhenFilled !== undefined) patch.closeWhenFilled = input.closeWhenFilled;
  return patch;
}

/** One entry per skill name (case-insensitive); required wins over nice-to-have. */
function dedupeSkills(skills: readonly { name: string; required: boolean }[]): { name: string; required: boolean }[] {
  const byName = new Map<string, { name: string; required: boolean }>();
  for (const skill of skills) {
    const key = skill.name.trim().toLowerCase();
    const seen = byName.get(key);
    byName.set(key, { name: seen?.name ?? skill.name.trim(), required: (seen?.required ?? false) || skill.required });
  }
  return [...byName.values()];
}

export const newJobWrite = (id: string, orgId: string, input: CreateJobInput, now: Date): JobWrite => ({
  id,
  orgId,
  title: input.title.trim(),
  ...toColumns(input),
  status: 'draft',
  createdAt: now,
  updatedAt: now,
});
