import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { parseJobDescription } from '../../src/modules/jd/jd.parser.ts';
import { ParsedJobDescriptionSchema } from '../../src/modules/jd/jd.schemas.ts';

const validator = Compile(ParsedJobDescriptionSchema);
const assertValid = (value: unknown) => assert.ok(validator.Check(value), JSON.stringify([...validator.Errors(value)].slice(0, 3)));

/**
 * Runs fn and fails if it takes longer than ms: a guard against catastrophic backtracking (a hang
 * that ran for minutes before the fix), not a performance target; throughput lives in `npm run bench`.
 */
function within(ms: number, fn: () => unknown) {
  const start = performance.now();
  const out = fn();
  const took = performance.now() - start;
  assert.ok(took < ms, `took ${took.toFixed(0)} ms`);
  return out;
}

describe('hostile and odd input', () => {
  test('empty and whitespace-only text', () => {
    for (const text of ['', '   \n\t  \n']) {
      const r = parseJobDescription(text);
      assertValid(r);
      assert.deepEqual(r.warnings, ['text_empty']);
      assert.equal(r.title, null);
    }
  });

  test('a non-string at runtime is treated as empty', () => {
    assert.deepEqual(parseJobDescription(undefined as unknown as string).warnings, ['text_empty']);
  });

  test('1 MB of text is truncated and still parsed quickly', () => {
    const posting = 'Senior Engineer\nRequirements\n- 5+ years of Python and PostgreSQL\n';
    const r = within(10_000, () => parseJobDescription(posting + 'lorem ipsum dolor '.repeat(60_000))) as ReturnType<typeof parseJobDescription>;
    assertValid(r);
    assert.ok(r.warnings.includes('text_truncated'));
    assert.equal(r.experienceYearsMin, 5);
  });

  test('HTML: tags, entities, scripts and unclosed blocks are removed', () => {
    const r = parseJobDescription('<html><script>var salary = "$1";</script><h1>Data Analyst</h1><p>Tableau &amp; SQL &#8211; Remote</p><!-- never closed');
    assertValid(r);
    assert.equal(r.title, 'Data Analyst');
    assert.deepEqual(r.skills.map((s) => s.name), ['tableau', 'sql']);
    assert.ok(r.warnings.includes('html_stripped'));
    assert.equal(r.salary, null);
  });

  test('binary garbage', () => {
    const bytes = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const r = within(10_000, () => parseJobDescription(bytes)) as ReturnType<typeof parseJobDescription>;
    assertValid(r);
    assert.ok(r.warnings.includes('binary_content'));
  });

  test('Chinese and Spanish postings are flagged as a language the parser does not read', () => {
    const zh = parseJobDescription('我们正在招聘一名高级后端工程师，负责设计和开发分布式系统。要求：五年以上工作经验，熟悉数据库和云服务。');
    const es = parseJobDescription('Buscamos un desarrollador con experiencia en sistemas distribuidos para nuestro equipo en Madrid, con contrato indefinido y salario competitivo.');
    for (const r of [zh, es]) {
      assertValid(r);
      assert.ok(r.warnings.includes('language_not_supported'));
    }
    assert.ok(!parseJobDescription('We are hiring a nurse for our clinic and you will work with patients.').warnings.includes('language_not_supported'));
  });

  test('pathological inputs finish fast', () => {
    const inputs = [
      '$1,'.repeat(50_000), '1'.repeat(200_000), '1,'.repeat(100_000), '<'.repeat(100_000), '<a '.repeat(60_000),
      'Responsibilities'.repeat(10_000), 'aA'.repeat(100_000), '3 '.repeat(100_000) + 'years', 'Apply by '.repeat(20_000),
      'Location: '.repeat(20_000), 'a-'.repeat(100_000), '&#'.repeat(100_000), '\n'.repeat(200_000), 'Go, '.repeat(50_000),
    ];
    for (const text of inputs) assertValid(within(10_000, () => parseJobDescription(text)));
  });
});

describe('properties', () => {
  const jdLike = fc.array(
    fc.oneof(
      fc.string(),
      fc.constantFrom('Requirements', '## Nice to have', 'Salary: $', '₹', '15,000', '/month', 'LPA', ' - ', 'Go', 'Node.js', 'C++', 'Location:',
        'Kolkata', ', ', 'Remote', 'Apply by', '30 June 2026', '3+ years', '\n', '<li>', '&amp;', 'Intern', 'Full-time', '\u0000', '💥'),
    ),
    { maxLength: 40 },
  ).map((parts) => parts.join(''));

  test('never throws, always matches the schema, and is deterministic', () => {
    fc.assert(fc.property(fc.oneof(jdLike, fc.string({ unit: 'binary', maxLength: 500 })), (text) => {
      const a = parseJobDescription(text);
      assertValid(a);
      assert.deepEqual(parseJobDescription(text), a);
      assert.ok(!a.warnings.includes('internal_error'));
    }), { numRuns: 400 });
  });
});
