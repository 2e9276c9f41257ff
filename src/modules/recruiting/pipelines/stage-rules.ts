import { AppError, type FieldProblem } from '../../../app-error.ts';
import type { StageKind } from './pipelines.table.ts';

interface StageInput {
  name: string;
  kind: StageKind;
  candidateName?: string;
}

/**
 * The shape every pipeline keeps, a template's or a job's: like Greenhouse, one entry stage and one
 * hired end. Exactly one stage of kind applied, first; exactly one of kind hired, followed only by
 * stages of kind rejected; names unique ignoring case. Throws naming each offending stage.
 */
export function checkStages(stages: readonly StageInput[], field = 'stages'): void {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  stages.forEach((stage, i) => {
    const key = stage.name.trim().toLowerCase();
    if (!key) problems.push({ field: `${field}.${i}.name`, detail: 'must not be blank' });
    else if (seen.has(key)) problems.push({ field: `${field}.${i}.name`, detail: `repeats the name of stage ${seen.get(key)}` });
    else seen.set(key, i);
    if (stage.candidateName !== undefined && !stage.candidateName.trim()) problems.push({ field: `${field}.${i}.candidateName`, detail: 'must not be blank' });
    if (stage.kind === 'applied' && i > 0) problems.push({ field: `${field}.${i}.kind`, detail: 'only the first stage is of kind applied' });
  });
  if (stages[0] && stages[0].kind !== 'applied') problems.push({ field: `${field}.0.kind`, detail: 'the first stage must be of kind applied' });
  const hired = stages.flatMap((s, i) => (s.kind === 'hired' ? [i] : []));
  if (hired.length === 0) problems.push({ field, detail: 'needs one stage of kind hired' });
  for (const extra of hired.slice(1)) problems.push({ field: `${field}.${extra}.kind`, detail: 'a pipeline has one stage of kind hired' });
  const [end] = hired;
  if (end !== undefined) {
    stages.forEach((stage, i) => {
      if (i > end && stage.kind !== 'rejected' && stage.kind !== 'hired') problems.push({ field: `${field}.${i}.kind`, detail: 'only stages of kind rejected may follow the hired stage' });
    });
  }
  if (problems.length > 0) throw new AppError('validation-failed', `The stages break a pipeline rule: ${problems.map((p) => `${p.field} ${p.detail}`).join('; ')}`, { fields: problems });
}

/** The stage as stored: names trimmed, the candidate-facing name defaulting to the stage's own. */
export const normalizedStage = <T extends StageInput>(stage: T): T & { candidateName: string } => ({
  ...stage, name: stage.name.trim(), candidateName: (stage.candidateName ?? stage.name).trim(),
});
