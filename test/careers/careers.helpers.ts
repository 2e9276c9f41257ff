import type { LightMyRequestResponse } from 'fastify';
import type { TestApp, TestOrg } from '../helpers/app.ts';
import { multipartBody, type Part } from '../recruiting/applying.helpers.ts';

export const htmlOf = (res: LightMyRequestResponse): string => {
  if (!String(res.headers['content-type']).startsWith('text/html')) throw new Error(`expected HTML, got ${res.statusCode} ${res.headers['content-type']}: ${res.body.slice(0, 300)}`);
  return res.body;
};

/** The apply form's action (with its submission key), as a browser would post to it. */
export function formAction(page: string): string {
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error('no apply form on the page');
  return action.replaceAll('&amp;', '&');
}

/** The page's JSON-LD blocks, parsed. */
export const jsonLdOf = (page: string): Record<string, unknown>[] =>
  [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] ?? 'null') as Record<string, unknown>);

/** The job ids a results page links to, in order. */
export const jobIdsOn = (page: string, org: Pick<TestOrg, 'slug'>): string[] =>
  [...page.matchAll(new RegExp(`href="/careers/${org.slug}/jobs/([^"/?]+)"`, 'g'))].map((m) => m[1] ?? '');

/** An attribute of the element with this id (the first match), or null. */
export function attributeOf(page: string, id: string, attribute: string): string | null {
  const tag = new RegExp(`<[a-z]+[^>]*\\bid="${id.replace(/[[\]]/g, '\\$&')}"[^>]*>`).exec(page)?.[0];
  if (!tag) return null;
  const value = new RegExp(`\\b${attribute}="([^"]*)"`).exec(tag)?.[1];
  return value ?? (new RegExp(`\\b${attribute}(\\s|>)`).test(tag) ? '' : null);
}

export async function postForm(t: TestApp, url: string, parts: readonly Part[], headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const { payload, contentType } = await multipartBody(parts);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload });
}

export async function applicationsOf(t: TestApp, org: TestOrg, jobId: string): Promise<{ id: string; candidateId: string }[]> {
  const res = await t.app.inject({ url: `/v1/applications?jobId=${jobId}`, headers: org.auth });
  if (res.statusCode !== 200) throw new Error(`list applications failed: ${res.statusCode} ${res.body}`);
  return res.json<{ data: { id: string; candidateId: string }[] }>().data;
}
