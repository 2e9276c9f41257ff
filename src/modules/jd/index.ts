import { parseJobDescription } from './jd.parser.ts';
import { jdRoutes } from './jd.routes.ts';

export { acceptPlainText, bodyText, textBodySchema } from './jd.body.ts';
export { canonicalCityName } from './jd.locations.ts';
export { parseJobDescription } from './jd.parser.ts';
export { canonicalSkillName } from './jd.skills.ts';
export {
  EmploymentTypeSchema, SalarySchema, SkillSchema, WorkplaceSchema,
  type EmploymentType, type ParsedJobDescription, type Salary, type SalaryUnit, type Skill, type Workplace,
} from './jd.schemas.ts';

export function createJdModule() {
  return { parse: parseJobDescription, routes: jdRoutes(parseJobDescription) };
}
