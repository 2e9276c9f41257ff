import { Type, type Static } from 'typebox';
import { Nullable } from '../../http/schemas.ts';
import { templateKeys } from './mail.catalogue.ts';

const Part = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, description });
const parts = {
  subject: Part(1_000, 'Liquid template of the subject line (plain text; newlines become spaces)'),
  text: Part(50_000, 'Liquid template of the plain-text part'),
  html: Part(100_000, 'Liquid template of the HTML part: every `{{ }}` output is HTML-escaped unless it ends in `| raw`'),
};

export const TemplateKeySchema = Type.Union(templateKeys.map((k) => Type.Literal(k)), { description: 'Which email' });
export const TemplateParamsSchema = Type.Object({ key: TemplateKeySchema });

export const EmailTemplateSchema = Type.Object({
  key: Type.String({ examples: ['application-received'] }),
  description: Type.String(),
  overridable: Type.Boolean({ description: 'False for the account emails, which belong to a person rather than to an org' }),
  overridden: Type.Boolean({ description: 'Whether the org\'s own version is in use (else the default shipped with Hireline)' }),
  variables: Type.Record(Type.String(), Type.Unknown(), { description: 'The variables a real send provides, with sample values' }),
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
}, { $id: 'EmailTemplate' });
export type EmailTemplate = Static<typeof EmailTemplateSchema>;

export const PutTemplateBodySchema = Type.Object(parts, { additionalProperties: false });
export type PutTemplateInput = Static<typeof PutTemplateBodySchema>;

export const PreviewBodySchema = Type.Object({
  subject: Type.Optional(parts.subject),
  text: Type.Optional(parts.text),
  html: Type.Optional(parts.html),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Variables to render with; the sample values when omitted' })),
}, { additionalProperties: false, description: 'Parts given here are previewed instead of the ones in use' });
export type PreviewInput = Static<typeof PreviewBodySchema>;

export const RenderedTemplateSchema = Type.Object({ subject: Type.String(), text: Type.String(), html: Type.String() }, { $id: 'RenderedEmail' });

export const EmailSettingsSchema = Type.Object({
  rejection: Type.Object({
    enabled: Type.Boolean({ description: 'Whether rejected candidates are emailed (off by default)' }),
    delayMinutes: Type.Integer({ minimum: 0, maximum: 43_200, description: 'How long after the rejection the email goes; reopening the application before then cancels it' }),
  }),
}, { $id: 'EmailSettings' });
export type EmailSettings = Static<typeof EmailSettingsSchema>;
