import type { FieldProblem } from '../../../app-error.ts';
import type { EeoQuestion } from './eeo.schemas.ts';

/** As the request gave them: multipart may repeat a field (a list), JSON gives one string per question. */
export type EeoAnswersInput = Readonly<Record<string, string | readonly string[]>>;

/**
 * Checks voluntary answers against the org's questions: each names a question and one of its choices.
 * A blank answer is no answer (an untouched select). Problems name `equalOpportunity.<id>`.
 */
export function checkEeoAnswers(questions: readonly EeoQuestion[], input: EeoAnswersInput): { values: Record<string, string>; problems: FieldProblem[] } {
  const values: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  const known = new Map(questions.map((q) => [q.id, q]));
  for (const [id, raw] of Object.entries(input)) {
    const field = `equalOpportunity.${id}`;
    const question = known.get(id);
    if (!question) {
      problems.push({ field, detail: 'is not an equal-opportunity question of this organization' });
      continue;
    }
    const given = (typeof raw === 'string' ? [raw] : [...raw]).map((v) => v.trim()).filter((v) => v !== '');
    if (given.length === 0) continue;
    const choice = given[0] ?? '';
    if (given.length > 1) problems.push({ field, detail: 'takes one choice' });
    else if (!question.choices.includes(choice)) problems.push({ field, detail: `"${choice.slice(0, 100)}" is not one of the choices` });
    else values[id] = choice;
  }
  return { values, problems };
}
