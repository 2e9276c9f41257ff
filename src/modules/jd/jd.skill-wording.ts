/**
 * How a found skill is written in the posting, for readers and for labels that keep the text's own
 * words ("golang", "photoshop") where search keeps the taxonomy's canonical name ("go", "adobe photoshop").
 */

const SEPARATORS = /[\s\-_/.'’]+/g;
const CERTIFICATE_TAIL = / (?:certificates?|certifications)$/;
// An acronym's plural ("PLCs", "APIs") names the same thing as the acronym.
const ACRONYM_PLURAL = /^[A-Z]{2,}s$/;

/**
 * `parts` are the matched words as written, each with the separator written before it; `canonical` is
 * the taxonomy's name. Lower-cased with whitespace collapsed; a spelling that differs from the
 * taxonomy's only in spaces, hyphens or apostrophes ("blue prints", "First-Aid", "drivers license") takes the
 * taxonomy's, while one written solid ("ArgoCD") stays as written.
 */
export function wordingOf(parts: readonly { sep: string; text: string }[], canonical: string, certificate: boolean): string {
  const only = parts.length === 1 ? parts[0]?.text ?? '' : '';
  const joined = ACRONYM_PLURAL.test(only) ? only.slice(0, -1) : parts.map((p, k) => (k === 0 ? p.text : p.sep + p.text)).join('');
  let written = joined.toLowerCase().replace(/\s+/g, ' ').trim();
  const squashed = written.replace(SEPARATORS, '');
  if (squashed !== written && squashed === canonical.replace(SEPARATORS, '')) written = canonical;
  if (CERTIFICATE_TAIL.test(written)) written = written.replace(CERTIFICATE_TAIL, ' certification');
  return certificate && !written.endsWith(' certification') ? `${written} certification` : written;
}
