import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PublicBranding } from '../orgs/index.ts';
import { html, type Html } from '../../http/html.ts';
import { themeCss } from './careers.theme.ts';

const baseCss = readFileSync(new URL('./careers.css', import.meta.url), 'utf8');
/** Changes with the stylesheet's text, so a new release's pages never load an old cached copy. */
const CSS_VERSION = createHash('sha256').update(baseCss).digest('base64url').slice(0, 8);

/** The org a page belongs to, as the page header shows it. */
export interface PageOrg {
  name: string;
  slug: string;
  branding: PublicBranding;
}

/** The stylesheet, with the org's colours (or the default) before the shared rules. */
export const stylesheet = (accent: string | null): string => themeCss(accent) + baseCss;

/** Where a page finds its stylesheet: versioned by the CSS and the org's branding, so it can be cached for a year. */
export const stylesheetUrl = (org: PageOrg | null): string =>
  (org ? `/careers/${org.slug}/style.css?v=${CSS_VERSION}.${org.branding.stamp}` : `/careers/style.css?v=${CSS_VERSION}`);

export interface Page {
  org: PageOrg | null;
  title: string;
  body: Html;
  /** Extra elements for <head>: the feed link, JSON-LD, a canonical URL. */
  head?: Html;
}

/** Every careers page: language, title, skip link, the org's header, and one main landmark. */
export function layout({ org, title, body, head }: Page): string {
  const logo = org?.branding.logoUrl;
  const header = org
    ? html`<header class="site"><a class="brand" href="/careers/${org.slug}">${logo ? html`<img src="${logo}" alt="">` : null}<span>${org.name} careers</span></a></header>`
    : null;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${stylesheetUrl(org)}">
${head ?? null}
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
${header}
<main id="main" tabindex="-1">
${body}
</main>
${org ? html`<footer><p>Jobs at ${org.name}. <a href="/careers/${org.slug}/feed.xml">RSS feed of open jobs</a></p></footer>` : null}
</body>
</html>
`.markup}`;
}

/** A page that says what went wrong and where to go next (unknown org or job, a closed job, too many requests). */
export function messagePage(org: PageOrg | null, title: string, detail: string): string {
  return layout({
    org, title,
    body: html`<h1>${title}</h1><p>${detail}</p>${org ? html`<p><a href="/careers/${org.slug}">See all open jobs at ${org.name}</a></p>` : null}`,
  });
}
