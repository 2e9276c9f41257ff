import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJobDescription as parse } from '../../src/modules/jd/index.ts';

describe('the title as the posting writes it', () => {
  const cases: [string, string, string | null][] = [
    ['the first heading line, qualifiers and all', 'Line Cook – Weekends (Seasonal)\n\nWe run a busy bistro by the harbour.', 'Line Cook – Weekends (Seasonal)'],
    ['past generic headings and board fields', 'Overview\nJob Type\nFull-time\nWarehouse Picker\nYou will pick and pack orders.', 'Warehouse Picker'],
    ['without a "Job Description -" prefix', 'Job Description - Night Auditor (Relief)\nYou will balance the books overnight.', 'Night Auditor (Relief)'],
    ['without a reference code in front', 'HX2041-7-2026 STORE CLERK (2 POSTS)\nDate: 3 March 2026', 'STORE CLERK (2 POSTS)'],
    ['without a trailing "Job"', 'Parking Enforcement Officer Job\n\nVacancy No. 4411', 'Parking Enforcement Officer'],
    ['without the place and employer after it', 'Field Monitoring Assistant, Kampala, Uganda At Riverside Relief Trust\n\nClosing date: 2 May 2026', 'Field Monitoring Assistant'],
    ['from a label run into its value', 'Two openings in our team\n\nTitleOffice Clerk for the Depot\nMonthly pay 900', 'Office Clerk for the Depot'],
    ['from a board\'s question about the position', 'What are the responsibilities and job description for the Night Porter (Weekends) position at Harbour Hotel?\nYou will greet late guests.', 'Night Porter (Weekends)'],
    ['from "is hiring a …"', 'The Riverside Council is hiring a Head of Content Operations to lead a small team and plan our channels. We value care.', 'Head of Content Operations'],
    ['from "… positions are available"', 'Duties:\nTwelve seasonal Orchard Hand positions are available from March, working forty hours a week.', 'Orchard Hand'],
    ['from "The role of a …"', 'The role of a night support worker\nBeing a night support worker means being there when it matters.', 'night support worker'],
    ['from a summary that opens with the role', 'Description\nSummary: Relief bus driver to cover routes when regular drivers are away, keeping to the timetable.', 'Relief bus driver'],
    ['from a duty sentence whose subject is the role', 'Our depot runs day and night, all year round, in every kind of weather.\nAssistant Site Manager II (Civil Works) supports the site team with daily planning and safety checks.', 'Assistant Site Manager II (Civil Works)'],
    ['the posting\'s fuller heading over a board\'s short one', 'WAREHOUSE OPERATIVE\n\nAcme Cold Stores\nLeeds, United Kingdom\n\nWAREHOUSE OPERATIVE - NIGHT SHIFT / CHILLED\nYou will move stock.', 'WAREHOUSE OPERATIVE - NIGHT SHIFT / CHILLED'],
    ['never a lower-case sentence', 'we need help with things', null],
  ];
  for (const [name, text, want] of cases) test(name, () => assert.equal(parse(text).title, want));

  test('a bare name above a role line is the company; "at" names the employer; a board question names both', () => {
    const named = parse('Brightwater\n\nSenior Data Analyst, Growth\n\nWe are a small team.');
    assert.deepEqual([named.title, named.company], ['Senior Data Analyst, Growth', 'Brightwater']);
    const at = parse('Field Monitoring Assistant, Kampala, Uganda At Riverside Relief Trust\n\nClosing date: 2 May 2026');
    assert.equal(at.company, 'Riverside Relief Trust');
    const asked = parse('What are the responsibilities and job description for the Night Porter position at Harbour Hotel?\nYou will greet late guests.');
    assert.equal(asked.company, 'Harbour Hotel');
  });
});
