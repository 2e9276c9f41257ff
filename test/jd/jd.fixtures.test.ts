import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parseJobDescription, type ParsedJobDescription } from '../../src/modules/jd/jd.parser.ts';
import type { SectionName } from '../../src/modules/jd/jd.schemas.ts';

// The repository's own sample postings (fictional companies, written for Hireline), also seeded as the demo.
const dir = new URL('../../data/demo/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

type Fields = Omit<ParsedJobDescription, 'sections'>;
// A name alone is written as the taxonomy names it; a pair is [canonical name, as written].
type Named = string | [string, string];
const skill = (required: boolean) => (named: Named) => {
  const [name, asWritten] = typeof named === 'string' ? [named, named] : named;
  return { name, asWritten, required };
};
const required = (...names: Named[]) => names.map(skill(true));
const optional = (...names: Named[]) => names.map(skill(false));

// Every field but the sections, reviewed by hand against the postings; for sections, the first line of each.
const expected: Record<string, { fields: Fields; firstLines: Record<SectionName, string | null> }> = {
  'backend-developer-python-cloud.txt': {
    fields: {
      title: 'Senior Backend Engineer (Python, Cloud)',
      company: 'Kettlewick Freight Labs',
      employmentType: 'FULL_TIME',
      workplace: 'hybrid',
      locations: ['Lisbon, Portugal'],
      salary: { min: 68000, max: 85000, currency: 'EUR', unit: 'YEAR' },
      experienceYearsMin: 6,
      skills: [
        ...required('python', 'aws', 'fastapi', 'django', 'postgresql', 'docker', 'terraform'),
        ...optional('kafka', ['message queues', 'message broker'], 'kubernetes'),
      ],
      competencies: [],
      languages: required('english'),
      applyDeadline: null,
      warnings: [],
    },
    firstLines: {
      about: 'Kettlewick Freight Labs writes the software that tells a few hundred small hauliers across Iberia which truck should take which pallet, and when. Our route planner answers about four million quotes a day, and our customers notice within minutes when it slows down.',
      responsibilities: '- Own the quoting and booking services end to end, from the API contract to the on-call rota',
      requirements: '- 6+ years building backend systems, at least 3 of them in Python',
      niceToHave: '- Kafka or another log-based message broker',
      benefits: '- 25 days of holiday plus your birthday',
    },
  },
  'backend-intern-nodejs-remote.txt': {
    fields: {
      title: 'Backend Developer Intern (Node.js) – Remote',
      company: 'Fernhollow Studio',
      employmentType: 'INTERN',
      workplace: 'remote',
      locations: ['Poland'],
      salary: { min: 4500, max: 4500, currency: 'PLN', unit: 'MONTH' },
      experienceYearsMin: null,
      skills: [
        ...required('node.js', ['rest api', 'rest'], 'typescript', 'postgresql', 'redis', ['git', 'github'], 'sql'),
        ...optional('docker', ['test automation', 'automated testing']),
      ],
      competencies: [],
      languages: required('english'),
      applyDeadline: '2027-03-15',
      warnings: [],
    },
    firstLines: {
      about: null,
      responsibilities: '• Build and test REST endpoints in Node.js and TypeScript',
      requirements: '• You are a student or recent graduate in computer science or a related field',
      niceToHave: '• Docker',
      benefits: '• A paid internship with a laptop of your choice',
    },
  },
  'site-reliability-engineer-remote.txt': {
    fields: {
      title: 'SITE RELIABILITY ENGINEER — FULLY REMOTE (AMERICAS TIME ZONES)',
      company: 'LANTERNFISH ANALYTICS',
      employmentType: 'FULL_TIME',
      workplace: 'remote',
      locations: [],
      salary: { min: 135000, max: 160000, currency: 'USD', unit: 'YEAR' },
      experienceYearsMin: 4,
      skills: required('prometheus', 'grafana', 'kubernetes', ['gcp', 'google cloud'], 'terraform', 'linux', 'go', 'python', ['git', 'github']),
      competencies: required(['communication', 'written communication']),
      languages: [],
      applyDeadline: null,
      warnings: [],
    },
    firstLines: {
      about: 'We are a 40-person company that helps marine researchers store and query sonar and sensor data. Our platform ingests about two terabytes a day from research vessels, and scientists expect their dashboards to load before their coffee cools.',
      responsibilities: '🔧 Keep our ingestion pipeline and query API up, fast and boring',
      requirements: '✅ 4+ years in an SRE, DevOps or platform role',
      niceToHave: '⭐ Experience with time-series databases',
      benefits: '🎁 A home-office budget of USD 2,000',
    },
  },
};

describe('demo postings', () => {
  test('every file in data/demo has expectations here', () => {
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.txt')).sort(), Object.keys(expected).sort());
  });

  for (const [name, want] of Object.entries(expected)) {
    test(name, () => {
      const { sections, ...fields } = parseJobDescription(read(name));
      assert.deepEqual(fields, want.fields);
      const firstLines = Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, v?.split('\n')[0] ?? null]));
      assert.deepEqual(firstLines, want.firstLines);
    });
  }

  test('brand names in the postings come through whole', () => {
    const sre = parseJobDescription(read('site-reliability-engineer-remote.txt')).sections;
    assert.match(sre.responsibilities ?? '', /on OpenTelemetry, Prometheus and Grafana/);
    assert.match(sre.benefits ?? '', /a GitHub or LinkedIn link/);
    assert.match(parseJobDescription(read('backend-developer-python-cloud.txt')).sections.responsibilities ?? '', /with OpenTelemetry and/);
  });
});
