import type { LightMyRequestResponse } from 'fastify';
import type { TestApp, TestOrg } from '../helpers/app.ts';

/** A form part: text, or a file with its name (and the content type a browser would claim). */
export type Part = [string, string | { bytes: Uint8Array; name: string; type?: string }];

/** A multipart body as a browser's FormData encodes it. */
export async function multipartBody(parts: readonly Part[]): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([value.bytes], { type: value.type ?? 'application/octet-stream' }), value.name);
  }
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? '' };
}

export const applyUrl = (org: Pick<TestOrg, 'slug'>, jobId: string): string => `/v1/boards/${org.slug}/jobs/${jobId}/applications`;

export async function applyMultipart(t: TestApp, org: Pick<TestOrg, 'slug'>, jobId: string, parts: readonly Part[], headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const { payload, contentType } = await multipartBody(parts);
  return t.app.inject({ method: 'POST', url: applyUrl(org, jobId), headers: { ...headers, 'content-type': contentType }, payload });
}

export function applyJson(t: TestApp, org: Pick<TestOrg, 'slug'>, jobId: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: applyUrl(org, jobId), headers, payload: body });
}

export async function putQuestions(t: TestApp, org: TestOrg, jobId: string, questions: readonly Record<string, unknown>[]): Promise<{ id: string; kind: string; label: string }[]> {
  const res = await t.app.inject({ method: 'PUT', url: `/v1/jobs/${jobId}/questions`, headers: org.auth, payload: { questions } });
  if (res.statusCode !== 200) throw new Error(`put questions failed: ${res.statusCode} ${res.body}`);
  return res.json<{ questions: { id: string; kind: string; label: string }[] }>().questions;
}
