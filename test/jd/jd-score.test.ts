import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cityKey, locationsHit, scorePosting, skillsF1, type GoldLabel } from '../../scripts/jd-score/compare.ts';
import { parseJobDescription } from '../../src/modules/jd/index.ts';

const gold = (over: Partial<GoldLabel>): GoldLabel => ({
  file: 'x.txt', title: null, company: null, employmentType: null, workplace: null, locations: [], salary: null,
  experienceYearsMin: null, skills: [], applyDeadline: null, ...over,
});

describe('the job-description scorer', () => {
  test('a city matches under its local name or its exonym, whatever region or country follows', () => {
    assert.equal(cityKey('München, Bayern'), cityKey('Munich, Germany'));
    assert.equal(cityKey('Bangalore, India'), cityKey('Bengaluru, Karnataka, India'));
    assert.notEqual(cityKey('Paris, France'), cityKey('Lyon, France'));
    assert.equal(locationsHit(['Munich, Germany', 'Paris, France'], ['Paris, Île-de-France, France', 'München, Bavaria, Germany']), true);
    assert.equal(locationsHit(['Munich, Germany', 'Paris, France'], ['Paris, France']), false, 'every stated city must be found');
    assert.equal(locationsHit([], ['Paris, France']), false, 'a posting that states no place must get none');
  });

  test('scores a parse field by field, and skills by micro-averaged F1', () => {
    // A parse written out by hand (the parser's own quality is what the scorer measures, not what this tests).
    const parsed = {
      ...parseJobDescription(''), title: 'Forklift Operator', employmentType: 'PART_TIME' as const, locations: ['Leeds, England, United Kingdom'],
      salary: { min: 12.5, max: 12.5, currency: 'GBP', unit: 'HOUR' as const }, skills: [{ name: 'Excel', required: true }, { name: 'sql', required: false }],
    };
    const score = scorePosting(gold({
      title: 'Forklift  Operator', employmentType: 'PART_TIME', locations: ['Leeds, United Kingdom'],
      salary: { min: 12.5, max: 12.5, currency: 'GBP', unit: 'HOUR' }, skills: ['excel', 'forklift licence'],
    }), parsed);
    assert.equal(score.fields.title.hit, true, 'whitespace is not a difference');
    assert.equal(score.fields.employmentType.hit, true);
    assert.equal(score.fields.locations.hit, true, score.fields.locations.got);
    assert.equal(score.fields.salary.hit, true, score.fields.salary.got);
    assert.equal(score.fields.company.hit, true, 'both null');
    assert.deepEqual(score.skills, { truePositives: 1, falsePositives: ['sql'], falseNegatives: ['forklift licence'] });
    const f1 = skillsF1([score, { ...score, skills: { truePositives: 1, falsePositives: ['word'], falseNegatives: [] } }]);
    assert.equal(f1.precision, 2 / 4);
    assert.equal(f1.recall, 2 / 3);
    assert.equal(f1.f1, (2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3));
  });
});
