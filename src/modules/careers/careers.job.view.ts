import { descriptionHtml, type BoardJob } from '../jobs/index.ts';
import { applyForm } from './careers.apply.view.ts';
import { employmentTypeNames, pay, where } from './careers.format.ts';
import type { FormState } from './careers.form.ts';
import { Html, html, jsonForScript } from '../../http/html.ts';
import { layout, type PageOrg } from './careers.layout.ts';

// Rendering Markdown costs more than the rest of the page, so each job's is kept for as long as the board keeps the job's answer.
const descriptions = new WeakMap<BoardJob, Html>();
function description(job: BoardJob): Html {
  let rendered = descriptions.get(job);
  if (!rendered) {
    rendered = new Html(descriptionHtml(job.description));
    descriptions.set(job, rendered);
  }
  return rendered;
}

/** The job's JSON-LD as the board builds it, pointing at this page, where one can apply directly. */
export const jobPostingForPage = (job: BoardJob, url: string): Record<string, unknown> => ({ ...job.jsonLd, url, directApply: true });

export function jobPage(org: PageOrg, job: BoardJob, form: { state: FormState; privacyNoticeUrl: string | null; submission: string; pageUrl: string }): string {
  const facts = [
    ['Location', where(job)], ['Employment type', job.employmentType ? employmentTypeNames[job.employmentType] : ''],
    ['Department', job.department ?? ''], ['Pay', pay(job.salary) ?? ''],
    ['Apply by', job.validThrough ? new Date(job.validThrough).toISOString().slice(0, 10) : ''],
  ].filter(([, value]) => value !== '');
  const failed = form.state.errors.size > 0 || form.state.message !== null;
  return layout({
    org,
    // Screen-reader users hear the title first: a page sent back with errors says so there.
    title: `${failed ? 'Error: ' : ''}${job.title} – ${org.name}`,
    head: html`<link rel="canonical" href="${form.pageUrl}">
<script type="application/ld+json">${jsonForScript(jobPostingForPage(job, form.pageUrl))}</script>`,
    body: html`<p><a href="/careers/${org.slug}">All jobs at ${org.name}</a></p>
<article aria-labelledby="job-title"><h1 id="job-title">${job.title}</h1>
<dl class="meta">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
<div class="description">${description(job)}</div>
</article>
${applyForm(org, job, form.state, form.privacyNoticeUrl, form.submission)}`,
  });
}

/** After applying (303 See Other brings the browser here, so a reload sends nothing again). */
export function thanksPage(org: PageOrg, jobTitle: string | null): string {
  const what = jobTitle ? `for ${jobTitle}` : '';
  return layout({
    org, title: `Application sent – ${org.name}`,
    body: html`<h1>Thank you for applying${what ? ` ${what}` : ''}</h1>
<p class="notice" role="status">Your application was received. ${org.name} will review it and be in touch; if we have your email address, a confirmation is on its way with a link to follow your application.</p>
<p><a href="/careers/${org.slug}">See all open jobs at ${org.name}</a></p>`,
  });
}
