import { Type, type Static } from 'typebox';
import { EmploymentTypeSchema, WorkplaceSchema } from '../jd/index.ts';
import { BoardSearchQuerySchema } from '../jobs/index.ts';
import { OrgSlugSchema } from '../orgs/index.ts';

const board = BoardSearchQuerySchema.properties;
/** A GET form sends every field, untouched ones empty: empty means "any" here, so each filter also takes ''. */
const orEmpty = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) => Type.Optional(Type.Union([Type.Literal(''), schema]));

export const CareersSearchQuerySchema = Type.Object({
  q: board.q,
  location: orEmpty(Type.String({ maxLength: 100 })),
  workplace: orEmpty(WorkplaceSchema),
  employmentType: orEmpty(EmploymentTypeSchema),
  department: orEmpty(Type.String({ maxLength: 120 })),
  cursor: orEmpty(Type.String({ maxLength: 512 })),
});
export type CareersSearchQuery = Static<typeof CareersSearchQuerySchema>;

export const CareersOrgParamsSchema = Type.Object({ orgSlug: OrgSlugSchema });
export const CareersJobParamsSchema = Type.Object({ orgSlug: OrgSlugSchema, jobId: Type.String({ minLength: 1, maxLength: 64 }) });
export type CareersJobParams = Static<typeof CareersJobParamsSchema>;

/** The form's idempotency key rides in the action URL (a plain form cannot send a header). */
export const ApplyQuerySchema = Type.Object({
  submission: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' })),
});
