/** Place names resolved against GeoNames-derived data (data/geo.v1.json) into "City, Region, Country". */
import geo from '../../../data/geo.v1.json' with { type: 'json' };

interface City { name: string; country: string; region: string }
interface Group { city: City[] | null; region: string | null; regionRaw: string | null; country: string | null; cityAsWritten: string | null }

/** Lookup key: lower case without accents, so "Bogota D.C." finds "Bogotá D.C.". */
const keyOf = (name: string): string => name.normalize('NFD').replace(/\p{M}/gu, '').replace(/\.+$/, '').toLowerCase();
const countryByKey = new Map<string, string>();
const countryName = new Map<string, string>();
const countryCurrency = new Map<string, string>();
for (const c of geo.countries) {
  countryName.set(c.code, c.name);
  if (c.currency) countryCurrency.set(c.code, c.currency);
  for (const n of [c.name, ...c.aliases]) countryByKey.set(keyOf(n), c.code);
}
const regionByCode = new Map<string, string>();
const regionByName = new Map<string, { country: string; name: string }[]>();
for (const [country = '', code = '', name = ''] of geo.regions) {
  regionByCode.set(`${country}:${code.toLowerCase()}`, name);
  const key = keyOf(name);
  regionByName.set(key, [...(regionByName.get(key) ?? []), { country, name }]);
}
const cityByKey = new Map<string, City[]>();
for (const [name = '', country = '', region = '', ...aliases] of geo.cities) {
  for (const n of [name, ...aliases]) {
    const key = keyOf(n);
    const list = cityByKey.get(key);
    if (list) list.push({ name, country, region });
    else cityByKey.set(key, [{ name, country, region }]);
  }
}

// Postcodes and ZIP codes beside a place say nothing the place does not ("Colchester (CO1 2ZF)", "94537").
const POSTAL_CODE = /^(?:\d{4,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$/i;
const TOWN_NAME = /^\p{Lu}[\p{L}'’.-]+(?:\s\p{Lu}[\p{L}'’.-]+){0,2}$/u;
const PART_SPLIT = /\s*(?:[,;|•·/()]|\s[-–—]\s|\sor\s|\sand\s|\n)\s*/;
const WORKPLACE_WORDS = /^(?:remote|fully remote|hybrid|on-?site|in-?office|wfh|work from home|anywhere|flexible|global|worldwide|with occasional onsite meetings|multiple locations)$/i;

export const currencyOfCountry = (code: string): string | null => countryCurrency.get(code) ?? null;

// A town the data does not know, with a bare state code ("Tunnel Hill, GA"), is read in the countries
// whose postings write places that way.
const STATE_CODE_COUNTRIES = ['US', 'CA', 'AU'];
const codeCountryOf = (code: string | null): string | null => (code ? STATE_CODE_COUNTRIES.find((c) => regionByCode.has(`${c}:${code}`)) ?? null : null);

function format(g: Group): { label: string; country: string | null } | null {
  let city: City | undefined;
  if (g.city) {
    const raw = g.regionRaw;
    city = g.city.find((c) => (!g.country || c.country === g.country) && (!g.region || c.region === g.region)
      && (!raw || regionByCode.get(`${c.country}:${raw}`) === c.region));
    city ??= g.city.find((c) => (!g.country || c.country === g.country) && (!g.region || c.region === g.region));
    if (!city && !g.country) city = g.city[0];
  }
  const country = city?.country ?? g.country ?? (g.cityAsWritten ? codeCountryOf(g.regionRaw) : null);
  const region = city?.region || g.region || (country && g.regionRaw ? regionByCode.get(`${country}:${g.regionRaw}`) : null);
  const parts = [city?.name ?? g.cityAsWritten, region, country ? countryName.get(country) : null].filter((p): p is string => !!p);
  const unique = parts.filter((p, i) => p !== parts[i - 1]);
  return unique.length ? { label: unique.join(', '), country: country ?? null } : null;
}

/**
 * Resolves "Kolkata, West bengal" or "India, KA, India"; a new place starts whenever a slot
 * (city, region, country) would be filled twice with different values. `strict` fails on any unknown part.
 */
export function resolvePlaces(value: string, strict: boolean): { label: string; country: string | null }[] | null {
  const groups: Group[] = [];
  const empty = (): Group => ({ city: null, region: null, regionRaw: null, country: null, cityAsWritten: null });
  let g = empty();
  const flush = () => { if (g.city || g.region || g.regionRaw || g.country) groups.push(g); g = empty(); };
  // An unknown name just before a region is a town too small for the data ("Tunnel Hill, GA").
  let unknown: string | null = null;
  const townBefore = () => { if (unknown && !g.city && !g.cityAsWritten) g.cityAsWritten = unknown; };
  let known = false;
  for (const raw of value.split(PART_SPLIT)) {
    const part = raw.replace(/^[\s.:-]+|[\s.:-]+$/g, '');
    if (!part || WORKPLACE_WORDS.test(part) || POSTAL_CODE.test(part)) continue;
    const key = keyOf(part);
    const country = countryByKey.get(key);
    const city = /^\p{Lu}/u.test(part) ? cityByKey.get(key) : undefined;
    const regions = regionByName.get(key);
    const isRegionCode = !country && !city && !regions && /^[A-Z]{2,3}$/.test(part);
    if (regions || isRegionCode) townBefore();
    unknown = null;
    if (country || city || regions || isRegionCode) known = true;
    if (country) {
      if (g.country && g.country !== country) flush();
      g.country = country;
    } else if (city && !g.city) {
      g.city = city;
    } else if (regions) {
      const home = g.country ?? g.city?.[0]?.country;
      const r = regions.find((x) => !home || x.country === home);
      if (!r || (g.region && g.region !== r.name)) flush();
      const chosen = r ?? regions[0];
      if (city && !r) g.city = city;
      else if (chosen) { g.region = chosen.name; g.country ??= chosen.country; }
    } else if (city) {
      flush();
      g.city = city;
    } else if (/^[A-Z]{2,3}$/.test(part) && !g.regionRaw) {
      g.regionRaw = key;
    } else if (TOWN_NAME.test(part)) {
      // Strict still allows what comes before the first place ("Tesla, Fremont, California").
      if (strict && known) return null;
      unknown = part;
    } else if (strict) {
      return null;
    }
  }
  flush();
  const out = groups.map(format).filter((x): x is { label: string; country: string | null } => x !== null);
  return out.length ? out : null;
}

const NAME = "[\\p{Lu}][\\p{L}.'’-]{0,30}(?:\\s[\\p{Lu}][\\p{L}.'’-]{0,30}){0,3}";
const PLACE = `${NAME}(?:,\\s?${NAME}){0,2}`;
// "based in New York and Cambridge": a cue, then up to three places joined by commas, "and" or "or".
const CUES = ['based in', 'based at', 'based out of', 'located in', 'located at', 'office in', 'offices in', 'onsite in', 'on-site in', 'in person at',
  'relocate to', 'hybrid in', 'remote in', 'remote within', 'position is in', 'role is in', 'work from our'];
// A cue may open a sentence ("Based in …"): its first letter in either case.
const cueSource = CUES.map((c) => `[${c[0]?.toUpperCase()}${c[0]}]${c.slice(1)}`).join('|');
const PLACE_PHRASE = new RegExp(`\\b(?:${cueSource}) (${PLACE}(?:(?:,\\s?|\\s(?:and|or)\\s)${PLACE}){0,2})`, 'gu');
// A label run into the rest of a line ("Department: RO-Africa Location: Nairobi Contract type: …").
const INLINE_LABEL = new RegExp(`(?<=\\S\\s+)(?:[Ll]ocation|[Dd]uty [Ss]tation): (${PLACE})`, 'gu');
// "The office in Nairobi, Kenya": any "in" before a city and its own region or country.
const IN_CITY_AND_REGION = new RegExp(`\\b(?:in|at) (${NAME},\\s?${NAME})`, 'gu');
// "Our Pitney Road, Lancaster, PA facility": a city and its state's code, anywhere.
const CITY_AND_STATE_CODE = new RegExp(`(${NAME},\\s?[A-Z]{2})\\b`, 'gu');
const LINE_SEGMENTS = /\s*(?:[•|·()]|\s[-–—]\s)\s*/;

const HEADER_LINES = 12;

/** A cue's capture may run on past the place ("Toronto City Hall"): the longest leading run of words that resolves. */
function resolveLeading(value: string): { label: string; country: string | null }[] {
  const whole = resolvePlaces(value, false);
  if (whole) return whole;
  const words = value.split(/\s+/);
  for (let n = words.length - 1; n >= 1; n--) {
    const shorter = resolvePlaces(words.slice(0, n).join(' '), true);
    if (shorter) return shorter;
  }
  return [];
}

/** "Nairobi, Kenya" counts only when the city is known and lies in the region or country named after it. */
function cityInItsPlace(value: string): { label: string; country: string | null }[] {
  const [cityPart = '', placePart = ''] = value.split(/,\s?/);
  const cities = cityByKey.get(keyOf(cityPart));
  const country = countryByKey.get(keyOf(placePart));
  const regions = regionByName.get(keyOf(placePart)) ?? [];
  const code = keyOf(placePart);
  const inside = cities?.some((c) => c.country === country || regions.some((r) => r.country === c.country && r.name === c.region)
    || regionByCode.get(`${c.country}:${code}`) === c.region);
  return inside ? resolvePlaces(value, true) ?? [] : [];
}

const POSTCODES: Record<string, RegExp> = { AU: /^\d{4}$/, US: /^\d{5}(?:-\d{4})?$/, CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/ };
const POSTAL_LINE = /^\p{Lu}[\p{L}' -]{1,40}?,?\s+([A-Z]{2,3})\s+([A-Z\d]{3}(?: ?[A-Z\d]{3})?|\d{4,5}(?:-\d{4})?)$/u;

function postalCountry(line: string): string | null {
  const m = POSTAL_LINE.exec(line.trim());
  if (!m) return null;
  const [, code = '', postcode = ''] = m;
  return STATE_CODE_COUNTRIES.find((c) => regionByCode.has(`${c}:${code.toLowerCase()}`) && POSTCODES[c]?.test(postcode)) ?? null;
}

export interface LocationResult { locations: string[]; country: string | null }

export function extractLocations(labelValues: string[], lines: string[], text: string): LocationResult {
  const found: { label: string; country: string | null }[] = [];
  for (const v of labelValues) {
    const resolved = resolvePlaces(v, false) ?? [];
    if (resolved.length) found.push(...resolved);
    else {
      const raw = v.replace(/\([^)]*\)/g, '').split(PART_SPLIT).map((p) => p.trim()).filter((p) => p && !WORKPLACE_WORDS.test(p)).join(', ');
      if (/^[\p{L}][\p{L} .,'-]{1,60}$/u.test(raw)) found.push({ label: raw, country: null });
    }
  }
  PLACE_PHRASE.lastIndex = 0;
  for (let m = PLACE_PHRASE.exec(text); m; m = PLACE_PHRASE.exec(text)) found.push(...resolveLeading(m[1] ?? ''));
  INLINE_LABEL.lastIndex = 0;
  for (let m = INLINE_LABEL.exec(text); m; m = INLINE_LABEL.exec(text)) found.push(...resolveLeading(m[1] ?? ''));
  IN_CITY_AND_REGION.lastIndex = 0;
  for (let m = IN_CITY_AND_REGION.exec(text); m; m = IN_CITY_AND_REGION.exec(text)) found.push(...cityInItsPlace(m[1] ?? ''));
  CITY_AND_STATE_CODE.lastIndex = 0;
  for (let m = CITY_AND_STATE_CODE.exec(text); m; m = CITY_AND_STATE_CODE.exec(text)) found.push(...cityInItsPlace(m[1] ?? ''));
  lines.forEach((line, index) => {
    if (line.length > 80) return;
    // Board chips under the title line ("• Wellington", "COLCHESTER (CO1 2ZF)") are places on their own.
    const bare = line.replace(/^[\s•·*-]+/, '');
    if (index > 0 && index < HEADER_LINES && /^\p{Lu}/u.test(bare)) {
      const chip = resolvePlaces(bare, true);
      if (chip) { found.push(...chip); return; }
    }
    for (const seg of line.split(LINE_SEGMENTS)) {
      // A lone word such as "Reading" or "Nice" is too often not a place; need "City, Region" or a country.
      if (!seg || !/^\p{Lu}/u.test(seg) || (!seg.includes(',') && !countryByKey.has(keyOf(seg)))) continue;
      found.push(...(resolvePlaces(seg, true) ?? []));
    }
  });
  const labels = [...new Set(found.map((f) => f.label))];
  // A postal address ("LEETON NSW 2705") says which country the employer is in, for the currency of a bare
  // "$"; it is where applications are mailed, not always where the work is, so it adds no location.
  const postal = found.length === 0 ? lines.map(postalCountry).find((c) => c !== null) ?? null : null;
  // Drop "India" when "Kolkata, West Bengal, India" is also there.
  const locations = labels.filter((l) => !labels.some((o) => o !== l && o.endsWith(`, ${l}`)));
  return { locations, country: found.find((f) => f.country)?.country ?? postal };
}

/** The GeoNames name of a city given by any of its names ("München", "Bangalore"), or null when unknown. */
export function canonicalCityName(name: string): string | null {
  return cityByKey.get(name.trim().toLowerCase())?.[0]?.name ?? null;
}
