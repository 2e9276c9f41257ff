/**
 * The emails Hireline sends, each with the variables its template may use and sample values for
 * previews and for the test render that checks an org's override before it is saved.
 */
export const templateKeys = [
  'application-received', 'interview-invitation', 'scheduling-link', 'rejection', 'offer', 'status-link',
  'verify-email', 'password-reset', 'invitation',
] as const;
export type TemplateKey = (typeof templateKeys)[number];

/** The emails that belong to a person's account rather than to an org: no org may override them. */
export const accountTemplates: readonly TemplateKey[] = ['verify-email', 'password-reset'];

export const isTemplateKey = (key: string): key is TemplateKey => (templateKeys as readonly string[]).includes(key);

type Sample = Record<string, unknown>;

const candidate = { name: 'Ada Lovelace', email: 'ada@example.com' };
const org = { name: 'Acme' };
const job = { title: 'Backend Engineer' };
const statusUrl = 'https://jobs.example.com/status/hlsp_sample';

/**
 * Sample data per template: exactly the variables a real send provides. `statusUrl` is null in a real
 * send when the candidate already holds a working link (a new one would revoke it).
 */
export const sampleData: Record<TemplateKey, Sample> = {
  'application-received': { candidate, org, job, stage: 'Applied', statusUrl },
  'interview-invitation': {
    candidate, org, job, statusUrl,
    interview: { kind: 'video', start: '2026-03-02 10:00', end: '2026-03-02 11:00', timeZone: 'Europe/Berlin', location: 'https://meet.example.com/abc' },
  },
  'scheduling-link': { candidate, org, job, schedulingUrl: 'https://jobs.example.com/schedule/hlsl_sample', expiresAt: '2026-03-09 12:00 UTC' },
  rejection: { candidate, org, job },
  offer: { candidate, org, job, statusUrl },
  'status-link': { candidate, org, statusUrl, expiresAt: '2026-03-16 12:00 UTC' },
  'verify-email': { user: { name: 'Ada Lovelace' }, url: 'https://app.example.com/verify-email?token=hlv_sample', token: 'hlv_sample' },
  'password-reset': { user: { name: 'Ada Lovelace' }, url: 'https://app.example.com/reset-password?token=hlp_sample', token: 'hlp_sample' },
  invitation: { org, role: 'recruiter', url: 'https://app.example.com/accept-invitation?token=hli_sample', token: 'hli_sample' },
};

export const templateDescriptions: Record<TemplateKey, string> = {
  'application-received': 'To the candidate when their application arrives, with their status-page link',
  'interview-invitation': 'To the candidate when an interview is scheduled, with the invite (.ics) attached',
  'scheduling-link': 'To the candidate when a recruiter sends a link to pick an interview slot',
  rejection: 'To the candidate after their application is rejected, if the org turned rejection emails on, after its delay',
  offer: 'To the candidate when an offer is sent, with their status-page link to answer it',
  'status-link': 'To the candidate when a recruiter issues a new status-page link',
  'verify-email': 'To a person to confirm their email address (not overridable: it belongs to no org)',
  'password-reset': 'To a person who asked to reset their password (not overridable: it belongs to no org)',
  invitation: 'To a person invited to join the org',
};
