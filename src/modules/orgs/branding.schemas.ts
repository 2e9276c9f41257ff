import { Type, type Static } from 'typebox';
import { Nullable } from '../../http/schemas.ts';

const HEX_COLOR = '^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$';

export const BrandingSchema = Type.Object({
  logoUrl: Nullable(Type.String({ format: 'uri', description: 'An https image shown at the top of the careers pages' })),
  accentColor: Nullable(Type.String({ pattern: '^#[0-9a-f]{6}$', description: 'The careers pages\' accent colour as #rrggbb; the text on it is chosen black or white for contrast' })),
  introText: Nullable(Type.String({ description: 'Plain text shown above the careers search; blank lines separate paragraphs' })),
  privacyNoticeUrl: Nullable(Type.String({ format: 'uri', description: 'Read-only here: the org\'s privacy notice (PATCH /v1/org), linked from the apply form' })),
  updatedAt: Nullable(Type.String({ format: 'date-time', description: 'Null until branding is first set' })),
}, { $id: 'OrgBranding' });
export type Branding = Static<typeof BrandingSchema>;

export const BrandingBodySchema = Type.Object({
  logoUrl: Nullable(Type.String({ format: 'uri', pattern: '^https://', maxLength: 2000, description: 'https only, so the page never loads mixed content' })),
  accentColor: Nullable(Type.String({ pattern: HEX_COLOR, description: 'A hex colour, #rgb or #rrggbb' })),
  introText: Nullable(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
export type BrandingInput = Static<typeof BrandingBodySchema>;
