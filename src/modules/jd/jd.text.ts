/** Turns arbitrary input into clean plain text with one logical line per line. */
import { isClearlyUnsupported } from './jd.language.ts';

export const MAX_TEXT_CHARS = 200_000;

const HTML_HINT = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|span|strong|b|em|a|table|tr|td|body|html|section)\b[^<>]{0,500}>/i;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', rsquo: "'", lsquo: "'",
  ldquo: '"', rdquo: '"', bull: '•', middot: '·', hellip: '…', euro: '€', pound: '£', yen: '¥', cent: '¢', copy: '©',
};
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;
// Control characters other than tab/newline/CR, plus U+FFFD from failed decoding.
const BINARY_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]/g;

export interface CleanText { text: string; warnings: string[] }

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (m, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body.toLowerCase()] ?? m;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff && code !== 0xfffd ? String.fromCodePoint(code) : ' ';
  });
}

/** Removes open…close blocks with indexOf, which stays linear even when a closing marker is missing. */
function dropBlocks(html: string, open: string, close: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let pos = 0;
  for (;;) {
    const start = lower.indexOf(open, pos);
    if (start < 0) return out + html.slice(pos);
    out += html.slice(pos, start) + '\n';
    const end = lower.indexOf(close, start + open.length);
    if (end < 0) return out;
    pos = end + close.length;
  }
}

function htmlToText(html: string): string {
  const bare = dropBlocks(dropBlocks(dropBlocks(html, '<!--', '-->'), '<script', '</script>'), '<style', '</style>');
  return bare
    .replace(/<h[1-6]\b[^<>]{0,500}>/gi, '\n## ')
    .replace(/<li\b[^<>]{0,500}>/gi, '\n- ')
    .replace(/<(?:br|\/p|\/div|\/h[1-6]|\/li|\/ul|\/ol|\/tr|\/section|\/header|\/table)\b[^<>]{0,500}>/gi, '\n')
    .replace(/<[^<>]{0,2000}>/g, ' ');
}

export function cleanText(input: unknown): CleanText {
  const warnings: string[] = [];
  let text = typeof input === 'string' ? input : '';
  if (text.length > MAX_TEXT_CHARS) {
    text = text.slice(0, MAX_TEXT_CHARS);
    warnings.push('text_truncated');
  }
  const binary = text.match(BINARY_CHARS)?.length ?? 0;
  if (binary > 0) {
    text = text.replace(BINARY_CHARS, ' ');
    if (binary > 3 || binary > text.length * 0.01) warnings.push('binary_content');
  }
  if (HTML_HINT.test(text)) {
    text = htmlToText(text);
    warnings.push('html_stripped');
  }
  text = decodeEntities(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length === 0) warnings.push('text_empty');
  else if (isClearlyUnsupported(text)) warnings.push('language_not_supported');
  return { text, warnings };
}
