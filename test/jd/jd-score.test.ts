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

  test('scores a parse field by field, and skills by micro-averaged F1 on exact names and through aliases', () => {
    // A parse written out by hand (the parser's own quality is what the scorer measures, not what this tests).
    const parsed = {
      ...parseJobDescription(''), title: 'Forklift Operator', employmentType: 'PART_TIME' as const, locations: ['Leeds, England, United Kingdom'],
      salary: { min: 12.5, max: 12.5, currency: 'GBP', unit: 'HOUR' as const }, skills: [
        { name: 'excel', asWritten: ' Excel ', required: true }, { name: 'sql', asWritten: 'sql', required: false },
        { name: 'adobe photoshop', asWritten: 'photoshop', required: true }, { name: 'go', asWritten: 'go', required: true },
      ],
    };
    const score = scorePosting(gold({
      title: 'Forklift  Operator', employmentType: 'PART_TIME', locations: ['Leeds, United Kingdom'],
      salary: { min: 12.5, max: 12.5, currency: 'GBP', unit: 'HOUR' }, skills: ['excel', 'forklift licence', 'photoshop', 'golang'],
    }), parsed);
    assert.equal(score.fields.title.hit, true, 'whitespace is not a difference');
    assert.equal(score.fields.employmentType.hit, true);
    assert.equal(score.fields.locations.hit, true, score.fields.locations.got);
    assert.equal(score.fields.salary.hit, true, score.fields.salary.got);
    assert.equal(score.fields.company.hit, true, 'both null');
    // Exactly, the text's "go" is not the label's "golang"; through the taxonomy's aliases it is.
    assert.deepEqual(score.skills, { truePositives: 2, falsePositives: ['sql', 'go'], falseNegatives: ['forklift licence', 'golang'] });
    assert.deepEqual(score.skillsByAlias, { truePositives: 3, falsePositives: ['sql'], falseNegatives: ['forklift licence'] });
    const f1 = skillsF1([score.skillsByAlias, { truePositives: 1, falsePositives: ['word'], falseNegatives: [] }]);
    assert.equal(f1.precision, 4 / 6);
    assert.equal(f1.recall, 4 / 5);
    assert.equal(f1.f1, (2 * (4 / 6) * (4 / 5)) / (4 / 6 + 4 / 5));
  });
});
