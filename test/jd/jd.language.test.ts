import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJobDescription } from '../../src/modules/jd/jd.parser.ts';

const flagged = (text: string) => parseJobDescription(text).warnings.includes('language_not_supported');

describe('language check', () => {
  test('a short, keyword-heavy English posting is not flagged', () => {
    const text = [
      'Senior Backend Engineer (Python)', 'Remote, EU time zones', 'Python, Django, PostgreSQL, AWS, Docker, OpenTelemetry',
      '5+ years building APIs', '€70,000–€90,000 per year', 'Apply by 30 June 2026',
    ].join('\n');
    assert.equal(flagged(text), false);
    assert.equal(flagged('Barista wanted. Part-time, weekends only. £11.50/hour, latte art a plus.'), false);
  });

  test('a German posting is read, not flagged, English tech words and all', () => {
    const text = [
      'Backend-Entwickler (m/w/d) in Hamburg',
      'Du arbeitest in einem kleinen Team an unserer Plattform. Du entwickelst Microservices in Java und Kotlin,',
      'betreibst sie in Kubernetes und sorgst für saubere APIs.', 'Erfahrung mit PostgreSQL und Kafka ist ein Plus.',
    ].join('\n');
    assert.equal(flagged(text), false);
  });

  test('a French posting is read, not flagged', () => {
    const text = 'Développeur Node.js H/F\nNous recherchons un développeur pour rejoindre notre équipe à Lyon. '
      + 'Vous concevrez des API et travaillerez avec les équipes produit. CDI, télétravail partiel.';
    assert.equal(flagged(text), false);
  });

  test('a very short text is not judged either way', () => {
    for (const text of ['Engineer', 'Entwickler gesucht', 'Développeur H/F', 'Go developer, Berlin', '招聘后端工程师']) {
      assert.equal(flagged(text), false, text);
    }
  });
});
