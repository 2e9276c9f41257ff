/** Strong ETag for a versioned resource; the representation of one version never changes. */
export const versionEtag = (version: number): string => `"${version}"`;

/**
 * If-Match → the version the caller last saw. Absent: undefined (no precondition);
 * `*`: any version; a weak or unparseable tag can never match strongly, so -1 (→ 412).
 */
export function parseIfMatch(header: string | undefined): number | '*' | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  const match = /^"(\d{1,9})"$/.exec(value);
  return match?.[1] ? Number(match[1]) : -1;
}

/** True when an If-None-Match header lists this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}
