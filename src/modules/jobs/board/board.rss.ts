import type { BoardFeed } from './board.schemas.ts';

const escapeXml = (text: string): string =>
  // Characters XML 1.0 forbids outright are dropped; the five specials are escaped.
  text.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** RSS 2.0 of open jobs, newest first. */
export function renderRss({ org, boardUrl, feedUrl, entries }: BoardFeed): string {
  const newest = entries[0]?.job.publishedAt;
  const items = entries.map(({ job, url, summary }) => {
    const categories = [job.department, job.employmentType, job.workplace].filter((c): c is string => Boolean(c));
    return [
      '    <item>',
      `      <title>${escapeXml(job.title)}</title>`,
      `      <link>${escapeXml(url)}</link>`,
      `      <guid isPermaLink="false">${escapeXml(job.id)}</guid>`,
      job.publishedAt ? `      <pubDate>${new Date(job.publishedAt).toUTCString()}</pubDate>` : '',
      `      <description>${escapeXml(summary)}</description>`,
      ...categories.map((c) => `      <category>${escapeXml(c)}</category>`),
      '    </item>',
    ].filter(Boolean).join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(`${org.name} jobs`)}</title>`,
    `    <link>${escapeXml(boardUrl)}</link>`,
    `    <description>${escapeXml(`Open positions at ${org.name}`)}</description>`,
    `    <atom:link href="${escapeXml(feedUrl)}" rel="self" type="application/rss+xml"/>`,
    newest ? `    <lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>` : '',
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].filter(Boolean).join('\n');
}
