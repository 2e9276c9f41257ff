import { Type, type Static } from 'typebox';

export const OrgSchema = Type.Object({
  id: Type.String({ examples: ['org_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  slug: Type.String({ description: 'Unique; names the public board: /v1/boards/{slug}/jobs' }),
  name: Type.String(),
  // Optional in the type only so code that builds an Org by hand (test fakes) need not name them; the API always sends both.
  privacyNoticeUrl: Type.Optional(Type.Union([Type.String({ format: 'uri' }), Type.Null()], { description: 'The privacy notice applicants consent to; while set, applying needs consent' })),
  privacyNoticeVersion: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Recorded with each consent, so you can tell which text a candidate agreed to' })),
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'Org' });
export type Org = Static<typeof OrgSchema>;

export const slugPattern = '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$';
export const OrgSlugSchema = Type.String({ pattern: slugPattern, maxLength: 63 });

export const UpdateOrgBodySchema = Type.Object({
  privacyNoticeUrl: Type.Optional(Type.Union([Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }), Type.Null()])),
  privacyNoticeVersion: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
}, { additionalProperties: false, minProperties: 1 });
export type UpdateOrgInput = Static<typeof UpdateOrgBodySchema>;
