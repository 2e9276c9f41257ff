import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import taxonomy from '../../data/skills.v1.json' with { type: 'json' };
import { parseJobDescription } from '../../src/modules/jd/jd.parser.ts';

const names = (text: string) => parseJobDescription(text).skills.map((s) => s.name);

describe('skills taxonomy', () => {
  test('has at least 300 skills across software and non-software categories, unique names', () => {
    const skills = taxonomy.skills;
    assert.ok(skills.length >= 300, `only ${skills.length}`);
    assert.equal(new Set(skills.map((s) => s.name)).size, skills.length);
    const categories = new Set(skills.map((s) => s.category));
    for (const c of ['backend', 'frontend', 'data', 'devops', 'cloud', 'sales', 'accounting', 'healthcare', 'design', 'project-management', 'language']) {
      assert.ok(categories.has(c), c);
    }
  });
});

describe('skill aliases', () => {
  const cases: [string, string[]][] = [
    ['Strong NodeJS and Postgres skills', ['node.js', 'postgresql']],
    ['Experience with Node, Express and PostgreSQL', ['node.js', 'express', 'postgresql']],
    ['C++, C#, .NET and Node.js', ['c++', 'c#', '.net', 'node.js']],
    ['CI/CD pipelines, scikit-learn models', ['ci/cd', 'scikit-learn']],
    ['Familiarity with CI / CD and K8s', ['ci/cd', 'kubernetes']],
    ['AWS/GCP/Azure', ['aws', 'gcp', 'azure']],
    ['Ruby on Rails and React.js', ['ruby on rails', 'react']],
    ['Languages: Python, Go, Rust, R and C', ['python', 'go', 'rust', 'r', 'c']],
    ['Golang microservices', ['go', 'microservices']],
    ['Build services in Go.', ['go']],
    ['Solid knowledge of MongoDBImplement stuff', ['mongodb']],
    ['Fluent Spanish and French; Excel, QuickBooks and bookkeeping', ['spanish', 'french', 'excel', 'quickbooks', 'bookkeeping']],
    ['Registered nurse with BLS and ACLS, Epic experience', ['nursing', 'bls', 'acls', 'epic']],
    ['Figma, Adobe Photoshop and UX research', ['figma', 'adobe photoshop', 'ux design']],
    ['Salesforce CRM, cold calling and B2B sales', ['salesforce', 'crm', 'cold calling', 'sales']],
    ['Spring Boot and Java 17', ['spring boot', 'java']],
  ];
  for (const [text, want] of cases) test(text, () => assert.deepEqual(names(text), want));
});

describe('ambiguous skill names', () => {
  const none = [
    'Your go-to person for questions.',
    'Go live with customers in March.',
    'This happened two years ago.',
    'We go above and beyond.',
    'Start in Spring 2026 with the team.',
    'Express delivery of parcels.',
    'Rust-proof coating for bikes.',
    'Swift replies to every customer.',
    'Grade C or above in maths.',
    'C-level stakeholders and R&D teams.',
    'You excel at talking to people.',
    'Work with our sales team.',
    'Each node in the cluster.',
  ];
  for (const text of none) test(`none in: ${text}`, () => assert.deepEqual(names(text), []));
});

describe('required vs nice-to-have', () => {
  test('a skill is optional only when every mention is in a bonus context', () => {
    const r = parseJobDescription('Requirements\n- Python and Redis\nNice to have\n- Redis clustering\n- Terraform\nDocker is a plus');
    assert.deepEqual(r.skills, [
      { name: 'python', required: true }, { name: 'redis', required: true },
      { name: 'terraform', required: false }, { name: 'docker', required: false },
    ]);
  });
});
