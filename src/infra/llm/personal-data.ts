/**
 * Removes contact details from text before it leaves the process for a language model. Postings
 * carry recruiters' emails and phone numbers; the fields asked for never need them.
 */

export interface Redacted {
  text: string;
  emails: number;
  phones: number;
}

export const emailPlaceholder = '[email]';
export const phonePlaceholder = '[phone]';

// Local part, @, and a dotted domain. Lengths are bounded (64 and 63, as RFC 5321 bounds them) so a
// long run of letters without an @ costs linear time, not quadratic.
const email = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})+/gu;

// Between digit groups: spaces, dots or dashes on one line, or one slash ("030/1234567"); never a newline.
const sep = String.raw`(?:[ \t\u00a0.\-]{1,3}|\/)?`;

interface PhoneShape {
  pattern: RegExp;
  /** A + or 00 prefix is a phone number whatever follows, so an over-long run (two numbers in a row) goes too. */
  international: boolean;
}

/**
 * Phone numbers as people write them, never bare amounts: an international number (+ or 00 and a
 * country code), a number with a trunk 0 ("020 7946 0958"), or the North American 3-3-4 shape
 * ("(415) 555-0199"). Salaries such as "60 000 - 80 000" or "60000-80000" have neither shape.
 */
const phoneShapes: PhoneShape[] = [
  { pattern: new RegExp(String.raw`(?<!\d[ \t\u00a0.\-]{0,3})(?:\+|\b00)[1-9]\d{0,3}${sep}(?:\(0?\d{1,5}\)${sep})?\d{1,5}(?:${sep}\d{1,5}){1,5}`, 'g'), international: true },
  { pattern: new RegExp(String.raw`(?<!\d[.,]?[ \t\u00a0]?)\(?0[1-9]\d{0,4}\)?${sep}\d{2,5}(?:${sep}\d{2,5}){1,4}(?![.,]?\d)`, 'g'), international: false },
  { pattern: /(?<![\d.,])(?:\(\d{3}\)[ \t\u00a0]?|\b\d{3}[ \t\u00a0.-])\d{3}[ \t\u00a0.-]\d{4}\b/g, international: false },
];

const digitCount = (s: string): number => s.replace(/\D/g, '').length;

/** Dates written with a leading zero ("01.02.2026", "05/06/2027") are not numbers to remove. */
function looksLikeDate(candidate: string): boolean {
  const parts = /^(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}$/.exec(candidate.trim());
  if (!parts) return false;
  const [a, b] = [Number(parts[1]), Number(parts[2])];
  // Day and month in either order (01.02.2026 in Europe, 02/01/2026 in the US).
  return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
}

/** Real phone numbers have 7 to 15 digits (E.164 allows at most 15). */
function isPhone(candidate: string, shape: PhoneShape): boolean {
  const digits = digitCount(candidate);
  if (digits < 7 || looksLikeDate(candidate)) return false;
  return digits <= 15 || shape.international;
}

export function redactPersonalData(text: string): Redacted {
  let emails = 0;
  let phones = 0;
  let out = text.replace(email, () => {
    emails += 1;
    return emailPlaceholder;
  });
  for (const shape of phoneShapes) {
    out = out.replace(shape.pattern, (candidate) => {
      if (!isPhone(candidate, shape)) return candidate;
      phones += 1;
      return phonePlaceholder;
    });
  }
  return { text: out, emails, phones };
}
