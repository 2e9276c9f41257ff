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

// Local part, @, and a dotted domain; also catches "mailto:" links, whose scheme stays harmless.
const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * Phone numbers as people write them, never bare amounts: an international number (+ or 00 and a
 * country code), a number with a trunk 0 ("020 7946 0958"), or the North American 3-3-4 shape
 * ("(415) 555-0199"). Salaries such as "60 000 - 80 000" or "60000-80000" have neither shape.
 */
const phoneShapes = [
  /(?:\+|\b00)[1-9]\d{0,3}[\s.\-/]*(?:\(0?\d{1,5}\)[\s.\-/]*)?\d{1,5}(?:[\s.\-/]*\d{1,5}){1,5}/g,
  /(?<!\d[.,]?[\s\u00a0]?)\(?0[1-9]\d{0,4}\)?[\s.\-/]*\d{2,5}(?:[\s.\-/]*\d{2,5}){1,4}(?![\d.,]*\d)/g,
  /(?<![\d.,])(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b/g,
];

const digitCount = (s: string): number => s.replace(/\D/g, '').length;

/** Real phone numbers have 7 to 15 digits (E.164 allows at most 15). */
const plausiblePhone = (candidate: string): boolean => {
  const digits = digitCount(candidate);
  return digits >= 7 && digits <= 15;
};

/** Dates written with a leading zero ("01.02.2026", "05/06/2027") are not numbers to remove. */
const looksLikeDate = (candidate: string): boolean => /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(candidate.trim());

export function redactPersonalData(text: string): Redacted {
  let emails = 0;
  let phones = 0;
  let out = text.replace(email, () => {
    emails += 1;
    return emailPlaceholder;
  });
  for (const shape of phoneShapes) {
    out = out.replace(shape, (candidate) => {
      if (!plausiblePhone(candidate) || looksLikeDate(candidate)) return candidate;
      phones += 1;
      return phonePlaceholder;
    });
  }
  return { text: out, emails, phones };
}
