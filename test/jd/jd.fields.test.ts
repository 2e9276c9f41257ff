import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJobDescription } from '../../src/modules/jd/jd.parser.ts';

const parse = parseJobDescription;

describe('salary', () => {
  const cases: [string, unknown][] = [
    ['Stipend: ₹15,000/month', { min: 15000, max: 15000, currency: 'INR', unit: 'MONTH' }],
    ['Salary: $120k–$150k', { min: 120000, max: 150000, currency: 'USD', unit: 'YEAR' }],
    ['£45,000 per annum plus pension', { min: 45000, max: 45000, currency: 'GBP', unit: 'YEAR' }],
    ['Rate: 50-60 EUR/hour', { min: 50, max: 60, currency: 'EUR', unit: 'HOUR' }],
    ['USD 90,000 - 110,000 a year', { min: 90000, max: 110000, currency: 'USD', unit: 'YEAR' }],
    ['Base salary €55k', { min: 55000, max: 55000, currency: 'EUR', unit: 'YEAR' }],
    ['Monthly Salary PhP 30,000 – 35,000 (gross)', { min: 30000, max: 35000, currency: 'PHP', unit: 'MONTH' }],
    ['Salary scale: Ksh.52,000 – 60,500 p.m.', { min: 52000, max: 60500, currency: 'KES', unit: 'MONTH' }],
    ['Pay: R210 500,00 – R240 000,00 per annum', { min: 210500, max: 240000, currency: 'ZAR', unit: 'YEAR' }],
    ['The salary for this post is 980,000.00 (Phpeso) yearly.', { min: 980000, max: 980000, currency: 'PHP', unit: 'YEAR' }],
    // A range with an aside before its connector, and "rising to" as the connector.
    ['Starting pay £24,100 (grade A) rising to £25,900 per annum', { min: 24100, max: 25900, currency: 'GBP', unit: 'YEAR' }],
    ['Pay: 40,000 (EUR) - 48,000 (EUR) a year', { min: 40000, max: 48000, currency: 'EUR', unit: 'YEAR' }],
    // "From" figures: "$18+/hr", "$17.25 or higher per hour".
    ['Earn $18+/hr depending on experience', { min: 18, max: 18, currency: 'USD', unit: 'HOUR' }],
    // Extras on top of the pay are not the pay.
    ['Start at $17.25 or higher per hour, overtime available at $25.88 per hour', { min: 17.25, max: 17.25, currency: 'USD', unit: 'HOUR' }],
    ['$16/hr + $1.50/hr shift differential for nights', { min: 16, max: 16, currency: 'USD', unit: 'HOUR' }],
    ['Salary: €50,000 – €60,000 per year, plus a yearly bonus', { min: 50000, max: 60000, currency: 'EUR', unit: 'YEAR' }],
    // A salary scale beside a total cost of employment.
    ['Salary scale: R120 000,00 – R140 000,00 per annum\nEstimated remuneration package: R180 000,00 – R205 000,00 per annum', { min: 120000, max: 140000, currency: 'ZAR', unit: 'YEAR' }],
    // A bare "$" in a posting whose only place is a postal address: the address's country's dollar.
    ['Groundskeeper\nPay: $31.20 per hour\nSend applications to\nPO Box 12\nWAGGA WAGGA NSW 2650', { min: 31.2, max: 31.2, currency: 'AUD', unit: 'HOUR' }],
    ['We train you FOR 3 weeks before your first shift.', null],
    ['CTC: 15 LPA', { min: 1500000, max: 1500000, currency: 'INR', unit: 'YEAR' }],
    ['Package of 10-15 lakhs per annum', { min: 1000000, max: 1500000, currency: 'INR', unit: 'YEAR' }],
    ['Stipend: ₹10,000 - ₹15,000 per month', { min: 10000, max: 15000, currency: 'INR', unit: 'MONTH' }],
    ['Pay: up to $80,000', { min: null, max: 80000, currency: 'USD', unit: 'YEAR' }],
    ['Salary $120-150k', { min: 120000, max: 150000, currency: 'USD', unit: 'YEAR' }],
    ['Location: Toronto, ON\nSalary: $90,000 - $100,000 per year', { min: 90000, max: 100000, currency: 'CAD', unit: 'YEAR' }],
    ['This is an unpaid internship.', { min: 0, max: 0, currency: 'XXX', unit: 'MONTH' }],
    ['Location: Pune, India\nThis is an unpaid internship.', { min: 0, max: 0, currency: 'INR', unit: 'MONTH' }],
  ];
  for (const [text, want] of cases) test(text, () => assert.deepEqual(parse(text).salary, want));

  for (const text of ['We raised $50M in funding last year.', 'Top 10 companies to work for', 'You get a $50 gift card.', 'Unpaid leave is available.']) {
    test(`no salary: ${text}`, () => {
      const r = parse(text);
      assert.equal(r.salary, null);
      assert.ok(r.warnings.includes('salary_not_found'));
    });
  }
});

describe('sections', () => {
  test('markdown, bold, colon and plain headings', () => {
    const r = parse([
      '## About us', 'We build tools.', '**What you\'ll do**', '- Ship features', 'REQUIREMENTS:', '- 3+ years of Python',
      'Nice to have', '- Kubernetes', 'Perks & Benefits', '- Health insurance',
    ].join('\n'));
    assert.deepEqual(r.sections, {
      about: 'We build tools.', responsibilities: '- Ship features', requirements: '- 3+ years of Python',
      niceToHave: '- Kubernetes', benefits: '- Health insurance',
    });
    assert.deepEqual(r.skills.map(({ name, required }) => ({ name, required })), [{ name: 'python', required: true }, { name: 'kubernetes', required: false }]);
  });

  test('HTML headings and list items', () => {
    const r = parse('<h2>Who you are</h2><ul><li>Fluent in TypeScript</li></ul><h3>Bonus points</h3><p>Rust &amp; Go</p>');
    assert.equal(r.sections.requirements, '- Fluent in TypeScript');
    assert.equal(r.sections.niceToHave, 'Rust & Go');
    assert.ok(r.warnings.includes('html_stripped'));
  });

  test('headings glued to the previous and next sentence', () => {
    const r = parse('We want to talk.Key ResponsibilitiesDesign APIs in Node.jsPreferred QualificationsGraphQL experience');
    assert.equal(r.sections.responsibilities, 'Design APIs in Node.js');
    assert.equal(r.sections.niceToHave, 'GraphQL experience');
  });

  test('"Preferred qualifications" is nice-to-have and "Requirements: x" keeps x', () => {
    const r = parse('Requirements: 5 years of Java\nPreferred qualifications\nSpring Boot');
    assert.equal(r.sections.requirements, '5 years of Java');
    assert.equal(r.sections.niceToHave, 'Spring Boot');
    assert.equal(r.experienceYearsMin, 5);
  });

  test('a "Salary: …" label line is a field, not the start of the benefits section', () => {
    for (const salary of ['Salary: €50,000 per year', 'Salary: €50,000 – €60,000 per year, plus a yearly bonus']) {
      const r = parse(`Data Analyst\n${salary}\nWe are a small team.\nRequirements\n- SQL\nBenefits\n- Gym membership`);
      assert.equal(r.sections.benefits, '- Gym membership', salary);
      assert.equal(r.sections.requirements, '- SQL', salary);
      assert.equal(r.salary?.min, 50000, salary);
    }
  });

  test('no headings gives a warning', () => {
    assert.ok(parse('Just one line about a job.').warnings.includes('sections_not_found'));
  });
});

describe('employment type', () => {
  const cases: [string, string | null][] = [
    ['Job Type: Part-time', 'PART_TIME'],
    ['This is a full-time, permanent position.', 'FULL_TIME'],
    ['Employment type: Contract', 'CONTRACTOR'],
    ['We are looking for a freelance illustrator.', 'CONTRACTOR'],
    ['A 6-month contract with the option to extend.', 'CONTRACTOR'],
    ['This is a temporary role covering the summer.', 'TEMPORARY'],
    ['Summer internship in our data team.', 'INTERN'],
    ['Per diem nurse wanted for weekend shifts.', 'PER_DIEM'],
    ['Volunteer role at the food bank.', 'VOLUNTEER'],
    ['Design and develop RESTful APIs following defined contracts.', null],
    // The contract's nature before its hours.
    ['Job Type: Full-time\nThis is a fixed-term post until the end of March.', 'TEMPORARY'],
    ['Twelve seasonal full-time Orchard Hand positions are open.', 'TEMPORARY'],
    ['Contract type: Short-term\nYou will support the survey team.', 'TEMPORARY'],
    ['Picking runs through the autumn; the work is temporary.', 'TEMPORARY'],
    ['Office Manager\n• Wellington\n• Contract/temp\n• Posted today', 'TEMPORARY'],
    ['Night Chef\nSEASONAL\nA chef leads a section.', 'TEMPORARY'],
    ['Coordinator for a half-time position for 9 months, starting soon.', 'TEMPORARY'],
    ['Casual Bar Supervisor - Riverside Arena\nJob type: | Contract |', 'CONTRACTOR'],
    ['Porter (PT Evenings, 16 hrs/week)\nYou will keep the lobby tidy.', 'PART_TIME'],
    ['Job Type: Full Time or Part Time, all shifts available', null],
    ['Dental Nurse Apprentice\nLearn on the job while you earn.', null],
    ['We keep a business casual dress code.', null],
  ];
  for (const [text, want] of cases) test(text, () => assert.equal(parse(text).employmentType, want));

  test('an internship labelled full-time is INTERN with a warning', () => {
    const r = parse('Job Title: Data Intern\nJob Type: Full Time');
    assert.equal(r.employmentType, 'INTERN');
    assert.ok(r.warnings.includes('employment_type_conflict'));
  });
});

describe('workplace', () => {
  const cases: [string, string | null][] = [
    ['This role is fully remote.', 'remote'],
    ['We are a remote-first company.', 'remote'],
    ['You can work from home.', 'remote'],
    ['Hybrid: 2 days in office each week.', 'hybrid'],
    ['Expect 3 days a week in the office.', 'hybrid'],
    ['Based at our depot in Dunmore, with the option to work from home.', 'hybrid'],
    ['Once settled in, you may be working from home up to two days a week.', 'hybrid'],
    ['Data Labeller\n\nQuarry Labs\n$25 - $30Remote\n\nAbout the work', 'remote'],
    ['This is an on-site role in our lab.', 'onsite'],
    ['The position is in-office.', 'onsite'],
    ['This is not a remote position; you will work in the office.', 'onsite'],
    ['Location: Remote', 'remote'],
    ['Experience with remote debugging tools.', null],
  ];
  for (const [text, want] of cases) test(text, () => assert.equal(parse(text).workplace, want));
});

describe('locations', () => {
  const cases: [string, string[]][] = [
    ['Location: Kolkata, West bengal', ['Kolkata, West Bengal, India']],
    ['Location: Bangalore', ['Bengaluru, Karnataka, India']],
    ['Location: San Francisco, CA', ['San Francisco, California, United States']],
    ['Location: London, UK or Berlin, Germany', ['London, England, United Kingdom', 'Berlin, Germany']],
    ['Location: Portland, ME', ['Portland, Maine, United States']],
    ['Our team is based in Toronto, Canada.', ['Toronto, Ontario, Canada']],
    ['Senior Engineer • Austin, TX', ['Austin, Texas, United States']],
    ['Location: Hybrid/Remote (with occasional onsite meetings)', []],
    ['Location: Springfield Business Park', ['Springfield Business Park']],
    ['Reading\nNice to have', []],
    ['We are a company with users in Nice places.', []],
    // A town too small for the data, with its state's code.
    ['Location: Cedar Hollow, GA', ['Cedar Hollow, Georgia, United States']],
    // A postcode or ZIP code beside the place, and a name before it.
    ['Location: Northwind Foods, Fremont, California, us, 94536', ['Fremont, California, United States']],
    ['Store assistant\n\nCOLCHESTER (CO2 7QB)', ['Colchester, England, United Kingdom']],
    // A city written with damaged letters is kept as written when its region follows.
    ['Location: Medellรn, Antioquia, Colombia', ['Medellรn, Antioquia, Colombia']],
    // Chips under the title line.
    ['Case Worker\n  • Wellington\n  • Contract/temp', ['Wellington, Wellington Region, New Zealand']],
    // Cues opening a sentence, several places, and a capture that runs past the place.
    ['Based in Lisbon and Porto, Northwind builds tools.', ['Lisbon, Portugal', 'Porto, Portugal']],
    ['This full-time role is based at Toronto City Hall.', ['Toronto, Ontario, Canada']],
    // A label run into the rest of the line.
    ['Grade: P2 Department: Field Office Location: Kampala Contract type: Fixed term', ['Kampala, Central Region, Uganda']],
    // A city with its own country or state code, anywhere in prose.
    ['The embassy in Accra, Ghana is hiring a driver.', ['Accra, Greater Accra, Ghana']],
    ['Our Mill Street, Lancaster, PA plant is hiring!', ['Lancaster, Pennsylvania, United States']],
    ['We opened a depot in Portland, Oregon last year.', ['Portland, Oregon, United States']],
    ['We work in Python, Django and Go.', []],
    // A postal address is where mail goes, not a place of work.
    ['Groundskeeper\nSend applications to\nPO Box 12\nWAGGA WAGGA NSW 2650', []],
  ];
  for (const [text, want] of cases) test(text, () => assert.deepEqual(parse(text).locations, want));
});

describe('deadline', () => {
  const cases: [string, string | null][] = [
    ['Apply by 30 June 2026', '2026-06-30'],
    ['Application deadline: 2026-05-01', '2026-05-01'],
    ['Last date to apply: 15/05/2026', '2026-05-15'],
    // A day.month date is not read as a time of day ("14.08") and skipped.
    ['Closing date: 14.08.2027', '2027-08-14'],
    ['Applications close on June 3rd, 2026.', '2026-06-03'],
    ['Closing date: Friday, 12 September 2025', '2025-09-12'],
    ['Deadline: 31/02/2026', null],
    ['Apply by 30 June', null],
    ['Posted 2026-04-17', null],
    ['Closes on Tuesday 3 March 2026', '2026-03-03'],
    ['Applications closing on 14 November 2025, 05:00 PM', '2025-11-14'],
    ['Open Date 2/1/2026 Close Date 3/20/2026', '2026-03-20'],
    ['Closing Date: 4:00 pm on Friday, 6th March 2026', '2026-03-06'],
    ['Application deadline (midnight local time): 9 May 2026', '2026-05-09'],
    ['The application deadline to apply for this ward is April 2, 2026.', '2026-04-02'],
    ['Applications must be submitted by October 30, 2026.', '2026-10-30'],
    ['Deadline for ApplicationsMarch 8, 2026', '2026-03-08'],
    ['Closing date: | 21 August 2026 |', '2026-08-21'],
    // The posting's own deadline over a board's closing-date line.
    ['Closing date: Monday, 1 June 2026\nGrade: P3\nApplication deadline (midnight local time): 2 June 2026', '2026-06-02'],
  ];
  for (const [text, want] of cases) test(text, () => assert.equal(parse(text).applyDeadline, want));
});

describe('experience', () => {
  const cases: [string, number | null][] = [
    ['3-6+ years of backend development experience', 3],
    ['At least 5 years in a similar role', 5],
    ['2+ yrs of React', 2],
    ['A minimum of three years of experience', 3],
    ['5–8 years of experience with Java', 5],
    ['Founded 10 years ago, we have grown fast.', null],
    ['Work on 2–3 deployed projects', null],
    ['One (01) year relevant experience as a porter', 1],
    ['4 years managing a busy kitchen', 4],
    // A figure of years that is not experience.
    ['Our bakery has served the town for 45 years.', null],
    ['Trainees aged 18 - 20 years receive the training wage.', null],
    ["For references we need 3 years' employment history.", null],
    ['Contract duration: 1 year (12 months)', null],
    ['Scores are kept for one year and reused for later vacancies.', null],
  ];
  for (const [text, want] of cases) test(text, () => assert.equal(parse(text).experienceYearsMin, want));
});

describe('title and company', () => {
  test('label wins, and the title is kept as written, qualifiers included', () => {
    const r = parse('Skip to Main Content\nJob Title\n\nSenior Nurse (Night Shift)\nCompany : St. Mary Hospital');
    assert.equal(r.title, 'Senior Nurse (Night Shift)');
    assert.equal(r.company, 'St. Mary Hospital');
  });
  test('short role-like line is the title; "About X" names the company', () => {
    const r = parse('Staff Accountant\n## About Acme Corp\nAcme makes anvils.');
    assert.equal(r.title, 'Staff Accountant');
    assert.equal(r.company, 'Acme Corp');
  });
  test('no title found', () => {
    const r = parse('We make anvils and ship them worldwide.');
    assert.equal(r.title, null);
    assert.ok(r.warnings.includes('title_not_found'));
  });
});
