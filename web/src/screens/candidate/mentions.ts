/** The `@word` being typed just before the caret, if any: where it starts and what follows the `@`. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([\p{L}\p{N}._'-]{0,40})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** The text with the `@query` at `start` replaced by `@Name `, and where the caret goes after it. */
export function insertMention(text: string, at: { start: number; query: string }, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const end = at.start + 1 + at.query.length;
  return { text: text.slice(0, at.start) + inserted + text.slice(end), caret: at.start + inserted.length };
}

/** The picked members still named in the body: a mention deleted from the text is not sent. */
export const mentionedIn = (body: string, picked: ReadonlyMap<string, string>): string[] =>
  [...picked].filter(([, name]) => body.includes(`@${name}`)).map(([userId]) => userId);
