import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import taxonomy from '../../data/skills.v2.json' with { type: 'json' };
import { parseJobDescription } from '../../src/modules/jd/jd.parser.ts';

// Hard skills, then competencies, then spoken languages, each in order of first mention.
const names = (text: string) => {
  const r = parseJobDescription(text);
  return [...r.skills, ...r.competencies, ...r.languages].map((s) => s.name);
};

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
    ['Fluent Spanish and French; Excel, QuickBooks and bookkeeping', ['excel', 'quickbooks', 'bookkeeping', 'spanish', 'french']],
    ['Registered nurse with BLS and ACLS, Epic experience', ['bls', 'acls', 'epic', 'nursing']],
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
    assert.deepEqual(r.skills.map(({ name, required }) => ({ name, required })), [
      { name: 'python', required: true }, { name: 'redis', required: true },
      { name: 'terraform', required: false }, { name: 'docker', required: false },
    ]);
  });
});

describe('skills, competencies and spoken languages apart', () => {
  test('soft skills and subject areas are competencies, spoken languages are languages, tools are skills', () => {
    const r = parseJobDescription('Requirements\n- Strong communication and leadership\n- Fluent German, some Italian\n- Daily use of QuickBooks and a pallet jack\n- Background in early childhood education');
    assert.deepEqual(r.skills.map((s) => s.name), ['quickbooks', 'pallet jacks']);
    assert.deepEqual(r.competencies.map((s) => s.name), ['communication', 'leadership', 'early childhood education']);
    assert.deepEqual(r.languages.map((s) => s.name), ['german', 'italian']);
  });
});

describe('certificates', () => {
  const cases: [string, string[]][] = [
    ['Keep a current Red Cross CPR and First Aid certification.', ['cpr certification', 'first aid certification']],
    ['Certified St John Ambulance First-Aid and AED.', ['first aid certification', 'aed certification']],
    ['You must hold all ASE certifications by your first review.', ['ase certification']],
    ['BLS and ACLS are required on day one.', ['bls', 'acls']],
    ['CPR training is given in week one.', ['cpr']],
  ];
  for (const [text, want] of cases) test(text, () => assert.deepEqual(names(text), want));
  test('a narrower licence makes the broader one redundant', () => {
    assert.deepEqual(names('Hold a Class A CDL. CDL school graduates are welcome.'), ['class a cdl']);
    assert.deepEqual(names('A CDL is required.'), ['cdl']);
  });
});

describe('what is not a skill', () => {
  test('a currency code before an amount', () => {
    assert.deepEqual(names('Monthly pay: PHP 31,500 gross.'), []);
    assert.deepEqual(names('Maintain our PHP and Laravel back office.'), ['php', 'laravel']);
  });
  test("the employer's own name, unless the requirements ask for it", () => {
    const about = 'About us\nSalesforce builds customer software used worldwide.\nRequirements\n- Five years of Python';
    assert.deepEqual(parseJobDescription(`Company: Salesforce\n${about}`).skills.map((s) => s.name), ['python']);
    const asked = 'Company: Salesforce\nAbout us\nSalesforce builds customer software.\nRequirements\n- Admin experience in Salesforce';
    assert.deepEqual(parseJobDescription(asked).skills.map((s) => s.name), ['salesforce']);
  });
});

describe('hard-wrapped text', () => {
  test('a name split over two lines is one skill', () => {
    assert.deepEqual(names('Requirements\n- Working knowledge of Adobe Creative\nSuite and Figma'), ['adobe creative suite', 'figma']);
  });
  test('a bulleted line is a new item, not the rest of a name', () => {
    assert.deepEqual(names('Requirements\n- Working knowledge of Adobe Creative\n- Suite of tools'), []);
  });
  test('a finished sentence does not run into the next line', () => {
    assert.deepEqual(names('Requirements\n- We use Google.\nCloud skills are a plus'), []);
  });
});

describe('equipment, documents and methods of trades and engineering teams', () => {
  const cases: [string, string[]][] = [
    ['Run leaf blowers, string trimmers and ride-on mowers across the estate.', ['leaf blowers', 'weed trimmers', 'lawn mowers']],
    ['Read blueprints, wiring diagrams and schematics.', ['blueprints', 'wiring diagrams', 'schematics']],
    ['Strong knife skills and food hygiene certificate.', ['knife skills', "food handler's card"]],
    ['Integration tests, contract testing and infrastructure-as-code with Pulumi.', ['integration testing', 'contract testing', 'infrastructure as code', 'pulumi']],
    ['Run our services on Kubernetes in EKS, with images in ECR.', ['kubernetes', 'eks', 'ecr']],
  ];
  for (const [text, want] of cases) test(text, () => assert.deepEqual(names(text), want));
});

describe('skills as the posting writes them', () => {
  // [text, [canonical name, as written] for each hard skill, in order of first mention]
  const written = (text: string) => parseJobDescription(text).skills.map((s) => [s.name, s.asWritten]);
  const cases: [string, string[][]][] = [
    ['Deep expertise in Golang and gRPC', [['go', 'golang'], ['grpc', 'grpc']]],
    ['Proficient in Photoshop & After Effects', [['adobe photoshop', 'photoshop'], ['adobe after effects', 'after effects']]],
    ['Strong NodeJS and Postgres skills', [['node.js', 'nodejs'], ['postgresql', 'postgres']]],
    ['Working knowledge of Adobe Creative\nSuite and Figma', [['adobe creative suite', 'adobe creative suite'], ['figma', 'figma']]],
    ['Load cardboard into the bailers.', [['balers', 'bailers']]],
  ];
  for (const [text, want] of cases) test(text, () => assert.deepEqual(written(text), want));

  test('the first mention names the skill, later abbreviations do not', () => {
    assert.deepEqual(written('Practise test-driven development (TDD) daily.'), [['tdd', 'test-driven development']]);
  });
  test('spacing and hyphens take the taxonomy spelling; a name written solid stays solid', () => {
    assert.deepEqual(written('Able to read blue prints and wiring diagrams.'), [['blueprints', 'blueprints'], ['wiring diagrams', 'wiring diagrams']]);
    assert.deepEqual(written('Familiarity with CI / CD'), [['ci/cd', 'ci/cd']]);
    assert.deepEqual(written('Ships services with ArgoCD.'), [['argo cd', 'argocd']]);
  });
  test('an acronym in the plural is the acronym', () => {
    assert.deepEqual(written('Troubleshoot PLCs on the packing line.'), [['plc', 'plc']]);
  });
  test('a word grading a skill or saying a licence is in force is not part of its name', () => {
    assert.deepEqual(written("Hold a valid driver's license."), [["driver's license", "driver's license"]]);
    assert.deepEqual(written('Advanced Excel for the monthly reports'), [['excel', 'excel']]);
    assert.deepEqual(written('Advanced Cardiovascular Life Support (ACLS)'), [['acls', 'advanced cardiovascular life support']], 'part of this name');
    assert.deepEqual(written('Microsoft Excel for the monthly reports'), [['excel', 'microsoft excel']], 'a vendor word stays');
  });
  test('a missing or curly apostrophe is a spelling variant', () => {
    assert.deepEqual(written('A valid drivers license'), [["driver's license", "driver's license"]]);
    assert.deepEqual(written('Current driver’s license'), [["driver's license", "driver's license"]]);
  });
  test('a named certificate is written "<name> certification"', () => {
    assert.deepEqual(written('Certified St John Ambulance First-Aid and AED.'), [['first aid certification', 'first aid certification'], ['aed certification', 'aed certification']]);
    assert.deepEqual(written('You must hold all ASE certifications by your first review.'), [['ase certification', 'ase certification']]);
    assert.deepEqual(written('A food hygiene certificate is needed.'), [["food handler's card", 'food hygiene certification']]);
  });
  test('any skill with a certificate word right after it names a certificate', () => {
    assert.deepEqual(written('Forklift certification required.'), [['forklift operation', 'forklift certification']]);
    assert.deepEqual(written('AWS certified engineers welcome'), [['aws', 'aws certification']]);
    assert.deepEqual(written('Forklift experience required.'), [['forklift operation', 'forklift']]);
  });
  test('a word saying how a skill is used is not part of its name', () => {
    assert.deepEqual(written('Knowledge of microservices architecture and Agile methodologies'), [['microservices', 'microservices'], ['agile', 'agile']]);
    assert.deepEqual(written('Build test automation frameworks in Selenium'), [['test automation', 'test automation'], ['selenium', 'selenium']]);
  });
});

describe('list items', () => {
  test('no name spans a comma, colon or bracket between two list items', () => {
    assert.deepEqual(names('Requirements\n- Social media marketing'), ['social media marketing']);
    assert.deepEqual(names('Requirements\n- Social media, marketing'), []);
    assert.deepEqual(names('Requirements\n- Social media (marketing)'), []);
  });
});

describe('office programs listed after the suite', () => {
  test('a two-word name found earlier vouches for the ambiguous names beside it', () => {
    assert.deepEqual(names('Microsoft Office Suite (Word, Excel, Outlook)'), ['microsoft office', 'microsoft word', 'excel', 'microsoft outlook']);
    assert.deepEqual(names('Microsoft Office, and you excel at filing'), ['microsoft office']);
  });
});

describe('a board FAQ about the job', () => {
  test('answers under a question are read, other closing sections are not', () => {
    assert.deepEqual(names('FAQs\nWhat tools will I use?\nYou will design posts in Canva and Figma.'), ['canva', 'figma']);
    assert.deepEqual(names('How to apply\nQuestions?\nEmail us your Figma portfolio.'), []);
  });
});
