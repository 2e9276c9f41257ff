/** Every value put into a page goes through here: text and attribute values alike (attributes are always double-quoted). */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Markup already made safe (built by `html`, or trusted output such as rendered Markdown): never escaped twice. */
export class Html {
  constructor(readonly markup: string) {}
}

export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

function part(value: HtmlValue): string {
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** A template tag that escapes every interpolated value unless it is already Html; null, undefined and false render nothing. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += part(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/**
 * JSON for a <script type="application/ld+json"> block: `<` is written as \u003c, so no value can close
 * the script element (`</script>`) or open a comment; JSON parsers read the escape as the same character.
 */
export const jsonForScript = (value: unknown): Html =>
  new Html(JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
