import type { LlmClient } from '../../infra/llm/index.ts';
import { createJdAssist } from './jd.assist.ts';
import { parseJobDescription } from './jd.parser.ts';
import { jdRoutes, llmNotConfigured } from './jd.routes.ts';

export { acceptPlainText, bodyText, textBodySchema } from './jd.body.ts';
export { canonicalCityName } from './jd.locations.ts';
export { parseJobDescription } from './jd.parser.ts';
export { canonicalSkillName } from './jd.skills.ts';
export { AssistQuerySchema, FieldSourcesSchema, type AssistReport, type FieldSources } from './jd.assist.schemas.ts';
export type { AssistedParse, AssistedParser } from './jd.assist.ts';
export { llmNotConfigured };
export {
  EmploymentTypeSchema, SalarySchema, SkillSchema, WorkplaceSchema,
  type EmploymentType, type ParsedJobDescription, type Salary, type SalaryUnit, type Skill, type Workplace,
} from './jd.schemas.ts';

/** `llm` null (LLM_PROVIDER=none): parsing is deterministic only and `assisted` is null. */
export function createJdModule(deps: { llm: LlmClient | null } = { llm: null }) {
  const assisted = deps.llm ? createJdAssist({ parse: parseJobDescription, llm: deps.llm }) : null;
  return { parse: parseJobDescription, assisted, routes: jdRoutes(parseJobDescription, assisted, deps.llm) };
}
