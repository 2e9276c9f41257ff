import type { BoardJobSummary } from '../jobs/index.ts';
import { employmentTypeNames, pay, where, workplaceNames } from './careers.format.ts';
import { html, type Html } from '../../http/html.ts';
import { layout, type PageOrg } from './careers.layout.ts';

/** The filters as the form shows them: '' is "any". */
export interface SearchForm {
  q: string;
  location: string;
  workplace: string;
  employmentType: string;
  department: string;
  /** Set on every page after the first. */
  cursor: string;
}

const option = (value: string, label: string, selected: string): Html =>
  html`<option value="${value}"${value === selected ? html` selected` : null}>${label}</option>`;

const paragraphs = (text: string): Html[] => text.split(/\n\s*\n/).filter((p) => p.trim() !== '').map((p) => html`<p>${p.trim()}</p>`);

function searchForm(org: PageOrg, form: SearchForm): Html {
  const field = (name: keyof SearchForm, label: string, type = 'text') =>
    html`<div><label for="f-${name}">${label}</label><input type="${type}" id="f-${name}" name="${name}" value="${form[name]}" maxlength="${name === 'q' ? 200 : 100}"></div>`;
  return html`<form class="search" method="get" action="/careers/${org.slug}" role="search" aria-label="Search jobs">
${field('q', 'Keywords', 'search')}
${field('location', 'Location')}
<div><label for="f-workplace">Workplace</label><select id="f-workplace" name="workplace">${option('', 'Any', form.workplace)}${
  Object.entries(workplaceNames).map(([value, label]) => option(value, label, form.workplace))}</select></div>
<div><label for="f-employmentType">Employment type</label><select id="f-employmentType" name="employmentType">${option('', 'Any', form.employmentType)}${
  Object.entries(employmentTypeNames).map(([value, label]) => option(value, label, form.employmentType))}</select></div>
${field('department', 'Department')}
<div><button type="submit">Search</button></div>
</form>`;
}

function jobItem(org: PageOrg, job: BoardJobSummary): Html {
  const facts = [where(job), job.employmentType ? employmentTypeNames[job.employmentType] : '', job.department ?? ''].filter(Boolean).join(' · ');
  const salary = pay(job.salary);
  return html`<li><h3><a href="/careers/${org.slug}/jobs/${job.id}">${job.title}</a></h3>
<p class="meta">${facts}</p>${salary ? html`<p class="meta">${salary}</p>` : null}<p>${job.summary}</p></li>`;
}

/** The query string of a page of these results: the same filters, empties left out. */
export function searchHref(org: PageOrg, form: SearchForm, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...form, cursor })) if (value !== '') params.set(key, value);
  const query = params.toString();
  return `/careers/${org.slug}${query ? `?${query}` : ''}`;
}

/** The results page: intro, the search form (a GET form: works without JavaScript), a page of jobs and the link to the next. */
export function searchPage(org: PageOrg, form: SearchForm, jobs: readonly BoardJobSummary[], nextCursor: string | null): string {
  const filtered = Object.entries(form).some(([key, value]) => key !== 'cursor' && value !== '');
  const heading = filtered ? 'Matching jobs' : 'Open jobs';
  const results = jobs.length > 0
    ? html`<ul class="jobs">${jobs.map((job) => jobItem(org, job))}</ul>`
    : html`<p>${filtered ? 'No open jobs match your search. Try fewer words or filters.' : 'There are no open jobs right now.'}</p>`;
  const pager = form.cursor !== '' || nextCursor
    ? html`<nav class="pager" aria-label="Pages">${form.cursor !== '' ? html`<a href="${searchHref(org, form, '')}">First page</a>` : null}${
      nextCursor ? html`<a href="${searchHref(org, form, nextCursor)}" rel="next">Next page</a>` : null}</nav>`
    : null;
  return layout({
    org,
    title: `${filtered ? 'Search results – ' : ''}Jobs at ${org.name}`,
    head: html`<link rel="alternate" type="application/rss+xml" title="${`Jobs at ${org.name}`}" href="/careers/${org.slug}/feed.xml">`,
    body: html`<h1>Jobs at ${org.name}</h1>
${org.branding.introText ? html`<div class="intro">${paragraphs(org.branding.introText)}</div>` : null}
${searchForm(org, form)}
<section aria-labelledby="results-heading"><h2 id="results-heading">${heading}</h2>
${results}
${pager}
</section>`,
  });
}
