import { Type } from 'typebox';

/** Strong ETag for a versioned resource; the representation of one version never changes. */
export const versionEtag = (version: number): string => `"${version}"`;

// RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text.
const entityTag = String.raw`(?:W/)?"[\x21\x23-\x7E\x80-\xFF]*"`;
const ows = String.raw`[\t ]*`;
// A list may hold empty elements (RFC 9110 §5.6.1), which recipients ignore.
const ifMatchPattern = String.raw`^${ows}(?:\*|(?:,${ows})*${entityTag}(?:${ows},(?:${ows}${entityTag})?)*)${ows}$`;

/** The If-Match header of a conditional write, as validated and documented. */
export const IfMatchHeadersSchema = Type.Object({
  'if-match': Type.Optional(Type.String({
    pattern: ifMatchPattern,
    examples: ['"3"', '"2", "3"', '*'],
    description: 'The ETag from a previous read, a comma-separated list of them, or `*`. Compared strongly (RFC 9110 §13.1.1): '
      + 'the write goes ahead when any listed tag equals the current ETag (`*`: whenever the resource exists); otherwise 412 '
      + '`precondition-failed`. A weak tag (`W/"3"`) never matches. A value that is not an entity-tag list (an unquoted `3`) '
      + 'is a 400 `validation-failed` naming the header.',
  })),
});

/**
 * If-Match → the versions a write accepts, for the service to compare: undefined when any current
 * version will do (no header, or `*`, whose "the resource exists" every write here checks as its 404);
 * otherwise the versions named by strong tags. Weak tags and tags that name no version can never
 * match strongly, so they add nothing, and a list of only those fails with 412.
 */
export function acceptedVersions(header: string | undefined): readonly number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const versions: number[] = [];
  for (const [, weak, opaque] of header.matchAll(/(W\/)?"([^"]*)"/g)) {
    if (!weak && opaque !== undefined && /^\d{1,9}$/.test(opaque)) versions.push(Number(opaque));
  }
  return versions;
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
