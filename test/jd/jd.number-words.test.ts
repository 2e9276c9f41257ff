import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJobDescription } from '../../src/modules/jd/jd.parser.ts';
import { amountsInFigures, numberFromWords } from '../../src/modules/jd/jd.number-words.ts';

describe('amounts written in words', () => {
  test('number words make one number, or none', () => {
    assert.equal(numberFromWords('forty-five thousand'), 45000);
    assert.equal(numberFromWords('one hundred and fifty'), 150);
    assert.equal(numberFromWords('twenty two'), 22);
    assert.equal(numberFromWords('two thousand five hundred'), 2500);
    assert.equal(numberFromWords('five five'), null);
  });
  test('a range in words reads as a salary', () => {
    assert.deepEqual(parseJobDescription('Porter\nWe pay fifteen to twenty dollars an hour.').salary, { min: 15, max: 20, currency: 'USD', unit: 'HOUR' });
    assert.deepEqual(parseJobDescription('Gardener\nSalary: thirty-two thousand pounds a year').salary, { min: 32000, max: 32000, currency: 'GBP', unit: 'YEAR' });
  });
  test('a bare "$" in words follows the place, like figures do', () => {
    const r = parseJobDescription('Porter\nLocation: Toronto, ON\nPay: eighteen dollars per hour');
    assert.deepEqual(r.salary, { min: 18, max: 18, currency: 'CAD', unit: 'HOUR' });
  });
  test('number words that are not money stay words', () => {
    assert.equal(amountsInFigures('One of the best teams in town, with two offices.'), 'One of the best teams in town, with two offices.');
    assert.equal(amountsInFigures('You must be able to lift fifty pounds.'), 'You must be able to lift fifty pounds.');
    assert.equal(parseJobDescription('Warehouse Operative\nYou must be able to lift fifty pounds.').salary, null);
  });
});
