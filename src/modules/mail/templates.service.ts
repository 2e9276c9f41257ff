import { AppError, notFound } from '../../app-error.ts';
import type { Database } from '../../infra/db/database.ts';
import { authorize, type Principal } from '../access/index.ts';
import { accountTemplates, sampleData, templateDescriptions, type TemplateKey } from './mail.catalogue.ts';
import type { MailRepo, TemplateRow } from './mail.repo.ts';
import { defaultTemplates, render, TemplateError, type RenderedMail, type TemplateSource } from './mail.render.ts';
import type { EmailSettings, EmailTemplate, PreviewInput, PutTemplateInput } from './templates.schemas.ts';

export interface TemplatesServiceDeps {
  database: Pick<Database, 'tenant'>;
  repo: MailRepo;
  clock?: () => Date;
}

/** Rejection emails are off until an org turns them on; then they go two days after the decision. */
export const DEFAULT_REJECTION_DELAY_MINUTES = 2 * 24 * 60;

const invalid = (err: TemplateError): AppError =>
  new AppError('validation-failed', `The ${err.part} template does not render: ${err.message}`, { fields: [{ field: err.part, detail: err.message }] });

async function check(source: TemplateSource, data: Record<string, unknown>): Promise<RenderedMail> {
  try {
    return await render(source, data);
  } catch (err) {
    if (err instanceof TemplateError) throw invalid(err);
    throw err;
  }
}

function requireOverridable(key: TemplateKey): void {
  if (accountTemplates.includes(key)) throw new AppError('forbidden', `The ${key} email belongs to a person's account, not to an org, and cannot be changed`);
}

export function createTemplatesService({ database, repo, clock = () => new Date() }: TemplatesServiceDeps) {
  const view = (key: TemplateKey, own: TemplateRow | null): EmailTemplate => {
    const source = own ?? defaultTemplates[key];
    return {
      key, description: templateDescriptions[key], overridable: !accountTemplates.includes(key), overridden: own !== null, variables: sampleData[key],
      subject: source.subject, text: source.text, html: source.html, updatedAt: own ? own.updatedAt.toISOString() : null,
    };
  };

  return {
    async get(principal: Principal, key: TemplateKey): Promise<EmailTemplate> {
      const { orgId } = authorize(principal, 'org:manage');
      return view(key, await database.tenant(orgId, (tx) => repo.template(tx, orgId, key)));
    },

    /** Saved only if every part parses and renders with the sample variables, so a typo in a variable name is caught now. */
    async put(principal: Principal, key: TemplateKey, input: PutTemplateInput): Promise<EmailTemplate> {
      const { orgId } = authorize(principal, 'org:manage');
      requireOverridable(key);
      await check(input, sampleData[key]);
      const saved = await database.tenant(orgId, (tx) => repo.putTemplate(tx, { orgId, key, ...input, updatedAt: clock() }));
      return view(key, saved);
    },

    async remove(principal: Principal, key: TemplateKey): Promise<void> {
      const { orgId } = authorize(principal, 'org:manage');
      if (!(await database.tenant(orgId, (tx) => repo.deleteTemplate(tx, orgId, key)))) throw notFound(`An override of the ${key} template`);
    },

    /** Renders the template in use, or the parts given, with the sample variables or the data given. Nothing is sent. */
    async preview(principal: Principal, key: TemplateKey, input: PreviewInput): Promise<RenderedMail> {
      const { orgId } = authorize(principal, 'org:manage');
      const own = await database.tenant(orgId, (tx) => repo.template(tx, orgId, key));
      const base = own ?? defaultTemplates[key];
      return check({ subject: input.subject ?? base.subject, text: input.text ?? base.text, html: input.html ?? base.html }, input.data ?? sampleData[key]);
    },

    async settings(principal: Principal): Promise<EmailSettings> {
      const { orgId } = authorize(principal, 'org:manage');
      const row = await database.tenant(orgId, (tx) => repo.settings(tx, orgId));
      return { rejection: { enabled: row?.rejectionEnabled ?? false, delayMinutes: row?.rejectionDelayMinutes ?? DEFAULT_REJECTION_DELAY_MINUTES } };
    },

    async putSettings(principal: Principal, input: EmailSettings): Promise<EmailSettings> {
      const { orgId } = authorize(principal, 'org:manage');
      const row = await database.tenant(orgId, (tx) => repo.putSettings(tx, {
        orgId, rejectionEnabled: input.rejection.enabled, rejectionDelayMinutes: input.rejection.delayMinutes, updatedAt: clock(),
      }));
      return { rejection: { enabled: row.rejectionEnabled, delayMinutes: row.rejectionDelayMinutes } };
    },
  };
}
export type TemplatesService = ReturnType<typeof createTemplatesService>;
