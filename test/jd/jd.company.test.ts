import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJobDescription as parse } from '../../src/modules/jd/index.ts';

describe('the employer as the posting names it', () => {
  const cases: [string, string, string | null][] = [
    ['the name line under the title', 'Senior Data Engineer\n\nKestrel Freight\nRemote\n\nAbout the position', 'Kestrel Freight'],
    ['the fuller of two name lines, one the start of the other', 'Planning Officer\n\nDunmore\nDunmore District Council\n\nClosing date: 3 June 2026', 'Dunmore District Council'],
    ['a label, without board pipes or "on behalf of"', 'Job Title: Tiler\nCompany: | Hartwell Builders (on behalf of a client) |', 'Hartwell Builders'],
    ['the subject of "is hiring", past an aside about where it is', 'Overview\nThe Harbour Trust in Cork, Ireland is seeking applicants for the Volunteer Coordinator role.', 'Harbour Trust'],
    ['the subject of "is a … employer", past a parenthesis', 'Duties and more.\nBrightfield Growers (trading as Brightfield (BFG), Ltd.) is a family-owned business in the valley.', 'Brightfield Growers'],
    ['the subject of "is an … employer" far down the posting', `Orchard Supervisor\n\n${'You will plan the picking rota each week.\n'.repeat(30)}Moorvale Shire Council is an equal opportunity employer.`, 'Moorvale Shire Council'],
    ['not a sentence opener', 'Warehouse Lead\n\nWe are a small team that loves logistics.\nThis role is based in Leeds.', null],
    ['not a board field or an employment word under the title', 'Night Chef\nSEASONAL\nGrade: G5', null],
    ['the subject of "invites", after a comma', 'Field Officer\n\nTo fill the post quickly, the WFO invites qualified people to apply.', 'WFO'],
    ['the subject of "values"', 'Field Officer\n\nDuties vary.\nThe Kelpie Trust values diversity in its staff.', 'Kelpie Trust'],
    ['the subject of "is proud", as a sentence opens', 'Case Manager\n\nSupport for families. Harrow Care Services is proud to serve the borough.', 'Harrow Care Services'],
    ['a branch after a dash and "location"', 'Bartender\n\nMarrowgate Grill – Quay Street location is looking for a bartender.', 'Marrowgate Grill'],
    ['a legal form anywhere, not the roles before it', 'Electrician\n\nYou report to the Site Manager of Bellweather Energy, Inc. on every job.', 'Bellweather Energy, Inc.'],
    ['whose mission a sentence names', 'Intern\n\nInterns explain the KBRA\u2019s mission to visitors.', 'KBRA'],
    ['not a legal form inside a long word', 'Clerk\n\n' + 'aA'.repeat(20) + ' Inc. handles the post.', null],
    ['not a unit described by "is a"', 'The Day Surgery Unit is a 12-bed unit for patients going home the same day.', null],
  ];
  for (const [name, text, want] of cases) test(name, () => assert.equal(parse(text).company, want));
});
