import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

// Providers documented to ignore dots and plus-tags in the local part; for any other domain both
// may be meaningful, so only case is folded (merging two real people is worse than a duplicate).
const dotlessProviders = new Map([['gmail.com', 'gmail.com'], ['googlemail.com', 'gmail.com']]);
const plusTagProviders = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'me.com', 'fastmail.com', 'proton.me', 'protonmail.com']);

/** The identity key of an email: lower-cased always; dots and plus-tags dropped only where the provider ignores them. */
export function emailKey(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return lower;
  let local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  if (plusTagProviders.has(domain)) local = local.split('+')[0] ?? local;
  const dotless = dotlessProviders.get(domain);
  if (dotless) return `${local.replaceAll('.', '')}@${dotless}`;
  return `${local}@${domain}`;
}

/** E.164 when the number parses (international form, or national with the org's country); null otherwise. */
export function phoneKey(phone: string, defaultCountry?: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(phone, defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/** A name folded for comparison: accents, case and spacing do not make two people. */
export const nameKey = (name: string): string =>
  name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
