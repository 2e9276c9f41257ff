import { Marked } from 'marked';
import type { Job } from '../jobs.schemas.ts';

export interface BoardOrg {
  name: string;
  slug: string;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// A description is written by the org and read by anyone: its links may only lead to web pages or mail
// (any other scheme, javascript: above all, keeps just its text), and its images stay their alt text, so
// neither the careers page nor a crawler reading the JSON-LD is sent to another host by them.
const safeLink = /^(https?:|mailto:)/i;
const markdown = new Marked({
  async: false, gfm: true,
  renderer: {
    link({ href, tokens }) {
      const text = this.parser.parseInline(tokens);
      return safeLink.test(href) ? `<a href="${href}" rel="nofollow noopener">${text}</a>` : text;
    },
    image({ text }) {
      return text;
    },
  },
});

// Rendering is most of a job page's own work when the board cache is off or misses (measured: bench/breakdown.ts),
// and it depends on the source alone, so recent results are kept by source: a changed description is a new key.
// Bounded by characters held (sources and HTML together), not entries, since one description may be long.
const RENDERED_MAX_CHARS = 4_000_000;
const rendered = new Map<string, string>();
let renderedChars = 0;

/** Markdown → HTML for Google's `description` and the careers page; raw HTML in the source is escaped, never passed through. */
export function descriptionHtml(source: string): string {
  const kept = rendered.get(source);
  if (kept !== undefined) return kept;
  const html = markdown.parse(escapeHtml(source), { async: false });
  const size = source.length + html.length;
  if (size > RENDERED_MAX_CHARS) return html;
  // Oldest first out: the Map keeps insertion order.
  for (const [oldSource, oldHtml] of rendered) {
    if (renderedChars + size <= RENDERED_MAX_CHARS) break;
    rendered.delete(oldSource);
    renderedChars -= oldSource.length + oldHtml.length;
  }
  rendered.set(source, html);
  renderedChars += size;
  return html;
}

/** "Kolkata, West Bengal, India" → a schema.org PostalAddress (first part locality, last part country). */
function postalAddress(location: string): Record<string, string> {
  const parts = location.split(',').map((p) => p.trim()).filter(Boolean);
  const address: Record<string, string> = { '@type': 'PostalAddress' };
  if (parts.length === 1 && parts[0]) address.addressLocality = parts[0];
  if (parts.length >= 2) {
    address.addressLocality = parts[0] ?? '';
    address.addressCountry = parts.at(-1) ?? '';
    if (parts.length >= 3) address.addressRegion = parts[1] ?? '';
  }
  return address;
}

/**
 * schema.org JobPosting with Google's required properties and every recommended one we have data
 * for. A fully remote job is TELECOMMUTE with its locations as applicant requirements; an onsite or
 * hybrid job lists its places.
 */
export function jobPostingJsonLd(job: Job, org: BoardOrg, url: string): Record<string, unknown> {
  const posting: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: job.title,
    description: descriptionHtml(job.description),
    datePosted: job.publishedAt,
    hiringOrganization: { '@type': 'Organization', name: org.name },
    identifier: { '@type': 'PropertyValue', name: org.name, value: job.id },
    url,
    // Nobody applies at this URL (the API's); the careers page sets its own url and directApply: true.
    directApply: false,
  };
  if (job.validThrough) posting.validThrough = job.validThrough;
  if (job.employmentType) posting.employmentType = job.employmentType;
  if (job.workplace === 'remote') {
    posting.jobLocationType = 'TELECOMMUTE';
    if (job.locations.length > 0) {
      posting.applicantLocationRequirements = job.locations.map((name) => ({ '@type': 'AdministrativeArea', name }));
    }
  } else if (job.locations.length > 0) {
    posting.jobLocation = job.locations.map((location) => ({ '@type': 'Place', address: postalAddress(location) }));
  }
  if (job.salary) {
    const { min, max, currency, unit } = job.salary;
    const value: Record<string, unknown> = { '@type': 'QuantitativeValue', unitText: unit };
    if (min !== null && max !== null && min === max) value.value = min;
    else {
      if (min !== null) value.minValue = min;
      if (max !== null) value.maxValue = max;
    }
    posting.baseSalary = { '@type': 'MonetaryAmount', currency, value };
  }
  if (job.experienceYearsMin !== null) {
    posting.experienceRequirements = { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: job.experienceYearsMin * 12 };
  }
  if (job.skills.length > 0) posting.skills = job.skills.map((s) => s.name).join(', ');
  if (job.department) posting.occupationalCategory = job.department;
  return posting;
}
