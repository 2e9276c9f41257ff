import type { BoardIndex } from '../jobs/index.ts';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** sitemaps.org: the careers home and every open job's page, with its last change. */
export function sitemapXml(index: BoardIndex, baseUrl: string): string {
  const home = `${baseUrl}/careers/${index.org.slug}`;
  const urls = [
    `<url><loc>${escapeXml(home)}</loc></url>`,
    ...index.jobs.map((job) => `<url><loc>${escapeXml(`${home}/jobs/${job.id}`)}</loc><lastmod>${job.updatedAt}</lastmod></url>`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/**
 * Crawlers may read the org's careers pages but not its apply and thank-you URLs (nothing to index there).
 * Served at /careers/{orgSlug}/robots.txt: a crawler reads only the host's /robots.txt, so a site that puts the
 * careers pages at its root (a proxy mapping careers.example.com/ here) serves this one there.
 */
export function robotsTxt(slug: string, baseUrl: string): string {
  return [
    'User-agent: *',
    `Allow: /careers/${slug}`,
    `Disallow: /careers/${slug}/jobs/*/apply`,
    `Disallow: /careers/${slug}/jobs/*/thanks`,
    `Sitemap: ${baseUrl}/careers/${slug}/sitemap.xml`,
    '',
  ].join('\n');
}
