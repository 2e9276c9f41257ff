import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJobDescription } from '../../src/modules/jd/jd.parser.ts';
import { BRANDS, brandPosting } from './brand-posting.ts';

describe('glued words', () => {
  test('brand and CamelCase words survive parsing unbroken', () => {
    const { sections } = parseJobDescription(brandPosting);
    const text = `${sections.about}\n${sections.responsibilities}`;
    for (const brand of BRANDS) assert.ok(text.includes(brand), `${brand} in ${JSON.stringify(text)}`);
    assert.equal(sections.responsibilities?.split('\n').length, 4, 'one line per sentence, none added');
  });

  test('a heading glued after a sentence end is still split off', () => {
    const r = parseJobDescription('Platform Engineer\nWe run dozens of small services.Requirements: 5+ years of Go and Kubernetes');
    assert.equal(r.sections.requirements, '5+ years of Go and Kubernetes');
    assert.equal(r.experienceYearsMin, 5);
  });

  test('a heading glued to a lowercase word is still split off, on both sides', () => {
    const r = parseJobDescription('Platform Engineer\nJoin a friendly teamResponsibilitiesBuild APIs in Python with OpenTelemetry tracing');
    assert.equal(r.sections.responsibilities, 'Build APIs in Python with OpenTelemetry tracing');
    const right = parseJobDescription('Platform Engineer\nYou will like it here.What you will doBuild APIs for DeepMind-style research teams');
    assert.equal(right.sections.responsibilities, 'Build APIs for DeepMind-style research teams');
  });

  test('a sentence glued to the next one splits, but not inside a known term', () => {
    const r = parseJobDescription('Requirements\nYou know Python well.You have shipped a Node.js service.');
    assert.equal(r.sections.requirements, 'You know Python well.\nYou have shipped a Node.js service.');
  });
});
