import { Type, type Static } from 'typebox';

export const OrgSchema = Type.Object({
  id: Type.String({ examples: ['org_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  slug: Type.String({ description: 'Unique; names the public board: /v1/boards/{slug}/jobs' }),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'Org' });
export type Org = Static<typeof OrgSchema>;

export const slugPattern = '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$';
export const OrgSlugSchema = Type.String({ pattern: slugPattern, maxLength: 63 });
