/** Place names resolved against GeoNames-derived data (data/geo.v1.json) into "City, Region, Country". */
import geo from '../../../data/geo.v1.json' with { type: 'json' };

interface City { name: string; country: string; region: string }
interface Group { city: City[] | null; region: string | null; regionRaw: string | null; country: string | null }

const countryByKey = new Map<string, string>();
const countryName = new Map<string, string>();
const countryCurrency = new Map<string, string>();
for (const c of geo.countries) {
  countryName.set(c.code, c.name);
  if (c.currency) countryCurrency.set(c.code, c.currency);
  for (const n of [c.name, ...c.aliases]) countryByKey.set(n.toLowerCase(), c.code);
}
const regionByCode = new Map<string, string>();
const regionByName = new Map<string, { country: string; name: string }[]>();
for (const [country = '', code = '', name = ''] of geo.regions) {
  regionByCode.set(`${country}:${code.toLowerCase()}`, name);
  const key = name.toLowerCase();
  regionByName.set(key, [...(regionByName.get(key) ?? []), { country, name }]);
}
const cityByKey = new Map<string, City[]>();
for (const [name = '', country = '', region = '', ...aliases] of geo.cities) {
  for (const n of [name, ...aliases]) {
    const key = n.toLowerCase();
    const list = cityByKey.get(key);
    if (list) list.push({ name, country, region });
    else cityByKey.set(key, [{ name, country, region }]);
  }
}

const PART_SPLIT = /\s*(?:[,;|•·/()]|\s[-–—]\s|\sor\s|\sand\s|\n)\s*/;
const WORKPLACE_WORDS = /^(?:remote|fully remote|hybrid|on-?site|in-?office|wfh|work from home|anywhere|flexible|global|worldwide|with occasional onsite meetings|multiple locations)$/i;

export const currencyOfCountry = (code: string): string | null => countryCurrency.get(code) ?? null;

function format(g: Group): { label: string; country: string | null } | null {
  let city: City | undefined;
  if (g.city) {
    const raw = g.regionRaw;
    city = g.city.find((c) => (!g.country || c.country === g.country) && (!g.region || c.region === g.region)
      && (!raw || regionByCode.get(`${c.country}:${raw}`) === c.region));
    city ??= g.city.find((c) => (!g.country || c.country === g.country) && (!g.region || c.region === g.region));
    if (!city && !g.country) city = g.city[0];
  }
  const country = city?.country ?? g.country;
  const region = city?.region || g.region || (country && g.regionRaw ? regionByCode.get(`${country}:${g.regionRaw}`) : null);
  const parts = [city?.name, region, country ? countryName.get(country) : null].filter((p): p is string => !!p);
  const unique = parts.filter((p, i) => p !== parts[i - 1]);
  return unique.length ? { label: unique.join(', '), country: country ?? null } : null;
}

/**
 * Resolves "Kolkata, West bengal" or "India, KA, India"; a new place starts whenever a slot
 * (city, region, country) would be filled twice with different values. `strict` fails on any unknown part.
 */
export function resolvePlaces(value: string, strict: boolean): { label: string; country: string | null }[] | null {
  const groups: Group[] = [];
  let g: Group = { city: null, region: null, regionRaw: null, country: null };
  const flush = () => { if (g.city || g.region || g.regionRaw || g.country) groups.push(g); g = { city: null, region: null, regionRaw: null, country: null }; };
  for (const raw of value.split(PART_SPLIT)) {
    const part = raw.replace(/^[\s.:-]+|[\s.:-]+$/g, '');
    if (!part || WORKPLACE_WORDS.test(part)) continue;
    const key = part.toLowerCase();
    const country = countryByKey.get(key);
    const city = /^\p{Lu}/u.test(part) ? cityByKey.get(key) : undefined;
    const regions = regionByName.get(key);
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
    } else if (strict) {
      return null;
    }
  }
  flush();
  const out = groups.map(format).filter((x): x is { label: string; country: string | null } => x !== null);
  return out.length ? out : null;
}

const PLACE_PHRASE = /\b(?:based (?:in|out of)|located in|offices? in|on-?site in|relocate to|hybrid in|remote in|remote within|position is in|role is in|work from our) ([\p{Lu}][\p{L}.'-]{0,30}(?:\s[\p{Lu}][\p{L}.'-]{0,30}){0,3}(?:,\s?[\p{Lu}][\p{L}.'-]{0,30}(?:\s[\p{Lu}][\p{L}.'-]{0,30}){0,2}){0,2})/gu;
const LINE_SEGMENTS = /\s*(?:[•|·()]|\s[-–—]\s)\s*/;

export interface LocationResult { locations: string[]; country: string | null }

export function extractLocations(labelValues: string[], lines: string[], text: string): LocationResult {
  const found: { label: string; country: string | null }[] = [];
  for (const v of labelValues) {
    const resolved = resolvePlaces(v, false);
    if (resolved) found.push(...resolved);
    else {
      const raw = v.replace(/\([^)]*\)/g, '').split(PART_SPLIT).map((p) => p.trim()).filter((p) => p && !WORKPLACE_WORDS.test(p)).join(', ');
      if (/^[\p{L}][\p{L} .,'-]{1,60}$/u.test(raw)) found.push({ label: raw, country: null });
    }
  }
  PLACE_PHRASE.lastIndex = 0;
  for (let m = PLACE_PHRASE.exec(text); m; m = PLACE_PHRASE.exec(text)) found.push(...(resolvePlaces(m[1] ?? '', false) ?? []));
  for (const line of lines) {
    if (line.length > 80) continue;
    for (const seg of line.split(LINE_SEGMENTS)) {
      // A lone word such as "Reading" or "Nice" is too often not a place; need "City, Region" or a country.
      if (!seg || !/^\p{Lu}/u.test(seg) || (!seg.includes(',') && !countryByKey.has(seg.toLowerCase()))) continue;
      found.push(...(resolvePlaces(seg, true) ?? []));
    }
  }
  const labels = [...new Set(found.map((f) => f.label))];
  // Drop "India" when "Kolkata, West Bengal, India" is also there.
  const locations = labels.filter((l) => !labels.some((o) => o !== l && o.endsWith(`, ${l}`)));
  return { locations, country: found.find((f) => f.country)?.country ?? null };
}

/** The GeoNames name of a city given by any of its names ("München", "Bangalore"), or null when unknown. */
export function canonicalCityName(name: string): string | null {
  return cityByKey.get(name.trim().toLowerCase())?.[0]?.name ?? null;
}
