/**
 * Vocabulary for the synthetic job generator. Kept apart from the generator so the logic stays
 * readable; every name here is invented except cities, countries and currencies.
 * Skill names are canonical names from data/skills.v2.json, so the board's skill filter finds them.
 */

export interface JobFamily {
  departments: readonly string[];
  roles: readonly string[];
  levels: readonly string[];
  /** Skills this family draws from, most typical first. */
  skills: readonly string[];
  duties: readonly string[];
  /** Mid-level yearly pay in US dollars at a cost factor of 1. */
  baseUsd: number;
  /** Optional ", <team>" suffixes for titles. */
  teams?: readonly string[];
}

const techLevels = ['Junior', '', '', 'Senior', 'Senior', 'Staff', 'Lead', 'Principal'];
const officeLevels = ['Junior', '', '', 'Senior', 'Lead'];
const plainLevels = ['', '', 'Senior'];

export const families: readonly JobFamily[] = [
  { departments: ['Engineering', 'Platform'], levels: techLevels, baseUsd: 140_000,
    roles: ['Backend Engineer', 'Frontend Engineer', 'Full Stack Developer', 'Mobile Engineer', 'Site Reliability Engineer', 'DevOps Engineer', 'Security Engineer', 'QA Automation Engineer', 'Embedded Software Engineer', 'Platform Engineer'],
    teams: ['Payments', 'Search', 'Growth', 'Identity', 'Infrastructure', 'Developer Experience', 'Checkout', 'Notifications'],
    skills: ['python', 'node.js', 'typescript', 'postgresql', 'react', 'kubernetes', 'aws', 'docker', 'go', 'java', 'terraform', 'redis', 'kafka', 'graphql', 'rust', 'linux', 'ci/cd', 'gcp', 'elixir', 'haskell', 'cobol'],
    duties: ['design, build and operate services that handle millions of requests a day', 'review code and pair with teammates on tricky changes', 'own features from the first sketch to production monitoring', 'improve test coverage and the speed of our build pipeline', 'take part in a humane on-call rotation', 'write short design documents and invite critique early', 'profile slow paths and make them fast'] },
  { departments: ['Data', 'Analytics'], levels: techLevels, baseUsd: 130_000,
    roles: ['Data Engineer', 'Data Scientist', 'Data Analyst', 'Machine Learning Engineer', 'Analytics Engineer', 'BI Developer'],
    teams: ['Forecasting', 'Experimentation', 'Marketplace', 'Risk'],
    skills: ['sql', 'python', 'apache spark', 'airflow', 'dbt', 'snowflake', 'tableau', 'power bi', 'pandas', 'statistics', 'machine learning', 'pytorch', 'bigquery', 'a/b testing', 'r', 'julia'],
    duties: ['build reliable pipelines that turn raw events into trusted tables', 'answer product questions with clear, honest analysis', 'design experiments and explain what the results do and do not show', 'train, evaluate and ship models with sensible monitoring', 'maintain dashboards that leaders actually use', 'document datasets so others can self-serve'] },
  { departments: ['Design'], levels: officeLevels, baseUsd: 115_000,
    roles: ['Product Designer', 'UX Researcher', 'UI Designer', 'Graphic Designer', 'Content Designer'],
    skills: ['figma', 'ux design', 'ui design', 'prototyping', 'user testing', 'design systems', 'adobe illustrator', 'adobe photoshop', 'typography', 'interaction design', 'information architecture'],
    duties: ['run discovery sessions and turn insights into concrete proposals', 'prototype flows and test them with real users', 'evolve our design system together with engineering', 'present work openly and iterate on feedback', 'partner with product managers on scope and sequencing'] },
  { departments: ['Product'], levels: officeLevels, baseUsd: 135_000,
    roles: ['Product Manager', 'Technical Product Manager', 'Product Owner', 'Product Operations Manager'],
    teams: ['Mobile', 'Platform', 'Onboarding', 'Billing'],
    skills: ['product management', 'agile', 'jira', 'sql', 'a/b testing', 'stakeholder management', 'scrum', 'confluence', 'data analysis'],
    duties: ['set a clear product direction grounded in customer evidence', 'write crisp problem statements and success measures', 'prioritise a roadmap with engineering and design', 'talk to customers every week', 'keep stakeholders informed without drowning them in meetings'] },
  { departments: ['Sales'], levels: officeLevels, baseUsd: 90_000,
    roles: ['Account Executive', 'Sales Development Representative', 'Account Manager', 'Sales Engineer', 'Regional Sales Manager'],
    skills: ['salesforce', 'hubspot', 'negotiation', 'lead generation', 'account management', 'pipeline management', 'cold calling', 'crm', 'sales forecasting', 'business development'],
    duties: ['build and manage a healthy pipeline of qualified opportunities', 'run discovery calls and tailored demos', 'negotiate terms and close new business', 'keep the CRM accurate so forecasts mean something', 'work with customer success on smooth handovers'] },
  { departments: ['Marketing'], levels: officeLevels, baseUsd: 95_000,
    roles: ['Marketing Manager', 'Content Marketing Specialist', 'SEO Specialist', 'Growth Marketer', 'Brand Manager', 'Social Media Coordinator'],
    skills: ['seo', 'google analytics', 'content marketing', 'copywriting', 'email marketing', 'social media marketing', 'google ads', 'hubspot', 'marketing automation', 'brand management', 'market research'],
    duties: ['plan and run campaigns across paid and organic channels', 'write and edit content that our audience wants to read', 'measure results and share what we learned', 'keep our brand voice consistent', 'work with sales on messaging and launches'] },
  { departments: ['Customer Support', 'Customer Success'], levels: plainLevels, baseUsd: 55_000,
    roles: ['Customer Support Specialist', 'Technical Support Engineer', 'Customer Success Manager', 'Support Team Lead', 'Call Center Agent'],
    skills: ['customer service', 'zendesk', 'technical support', 'conflict resolution', 'communication', 'freshdesk', 'call center', 'crm', 'spanish', 'french', 'german'],
    duties: ['answer customer questions by chat, email and phone', 'troubleshoot issues and escalate bugs with clear reproduction steps', 'write and improve help-centre articles', 'spot patterns in tickets and share them with product', 'help customers get lasting value from the product'] },
  { departments: ['Finance', 'Accounting'], levels: officeLevels, baseUsd: 95_000,
    roles: ['Financial Analyst', 'Accountant', 'Accounts Payable Specialist', 'Payroll Specialist', 'Controller', 'FP&A Manager'],
    skills: ['excel', 'accounting', 'financial reporting', 'financial modeling', 'gaap', 'ifrs', 'quickbooks', 'xero', 'reconciliation', 'budgeting', 'sap', 'payroll', 'forecasting'],
    duties: ['close the books accurately and on time each month', 'prepare reports that explain the numbers, not just list them', 'build and maintain budgets and forecasts', 'improve controls and automate manual reconciliations', 'support audits and tax filings'] },
  { departments: ['People', 'Human Resources'], levels: officeLevels, baseUsd: 85_000,
    roles: ['Recruiter', 'HR Business Partner', 'People Operations Specialist', 'Talent Acquisition Coordinator', 'Learning and Development Manager'],
    skills: ['recruiting', 'onboarding', 'employee relations', 'workday', 'hris', 'performance management', 'compensation and benefits', 'communication', 'excel'],
    duties: ['run fair, structured hiring processes', 'support managers on feedback, growth and difficult conversations', 'keep people data accurate and private', 'design onboarding that gets new colleagues productive quickly', 'improve policies based on what employees tell us'] },
  { departments: ['Operations'], levels: officeLevels, baseUsd: 80_000,
    roles: ['Operations Manager', 'Project Manager', 'Office Manager', 'Business Operations Analyst', 'Procurement Specialist'],
    skills: ['project management', 'excel', 'erp', 'procurement', 'six sigma', 'stakeholder management', 'risk management', 'asana', 'sap', 'budgeting'],
    duties: ['keep daily operations running smoothly', 'plan projects and keep them on schedule and on budget', 'negotiate with vendors and manage contracts', 'measure processes and remove bottlenecks', 'coordinate across teams and time zones'] },
  { departments: ['Clinical', 'Nursing', 'Patient Services'], levels: plainLevels, baseUsd: 85_000,
    roles: ['Registered Nurse', 'Medical Assistant', 'Pharmacy Technician', 'Physiotherapist', 'Medical Receptionist', 'Phlebotomist'],
    skills: ['patient care', 'nursing', 'bls', 'electronic health records', 'medication administration', 'vital signs', 'infection control', 'medical terminology', 'epic', 'phlebotomy', 'cpr', 'triage'],
    duties: ['provide safe, compassionate care to patients and families', 'keep accurate records in the electronic health record', 'work closely with physicians and allied health staff', 'follow infection-control and safety protocols', 'support patients through admission, treatment and discharge'] },
  { departments: ['Education', 'Learning'], levels: plainLevels, baseUsd: 60_000,
    roles: ['Primary School Teacher', 'Mathematics Tutor', 'Curriculum Developer', 'Teaching Assistant', 'Early Years Educator'],
    skills: ['teaching', 'curriculum development', 'tutoring', 'early childhood education', 'special education', 'communication', 'presentation skills', 'english', 'spanish'],
    duties: ['plan and deliver engaging lessons', 'assess progress and adapt teaching to each learner', 'communicate regularly with parents and guardians', 'contribute to a safe and inclusive classroom', 'develop materials with fellow educators'] },
  { departments: ['Hospitality', 'Food and Beverage'], levels: plainLevels, baseUsd: 42_000,
    roles: ['Line Cook', 'Front Desk Agent', 'Barista', 'Restaurant Manager', 'Housekeeping Supervisor', 'Event Coordinator'],
    skills: ['customer service', 'food safety', 'cash handling', 'event planning', 'teamwork', 'time management', 'communication'],
    duties: ['welcome guests and make every visit memorable', 'prepare food and drinks to a consistent standard', 'keep work areas clean and compliant with food-safety rules', 'handle payments and bookings accurately', 'support colleagues during busy services'] },
  { departments: ['Logistics', 'Warehouse', 'Supply Chain'], levels: plainLevels, baseUsd: 50_000,
    roles: ['Warehouse Associate', 'Forklift Operator', 'Delivery Driver', 'Logistics Coordinator', 'Supply Chain Analyst', 'Inventory Controller'],
    skills: ['forklift operation', 'warehouse operations', 'inventory management', 'logistics', 'supply chain management', 'cdl', 'osha', 'excel', 'sap', 'data entry'],
    duties: ['receive, store and ship goods accurately', 'operate equipment safely and follow site procedures', 'plan routes and schedules with carriers', 'keep inventory counts right and investigate discrepancies', 'suggest improvements that make shifts safer and faster'] },
];

export interface City {
  location: string;
  country: string;
  currency: string;
  /** Pay level relative to a typical US city. */
  payFactor: number;
  /** Whether monthly pay is the customary way to quote salaries there. */
  monthly?: boolean;
}

const c = (location: string, country: string, currency: string, payFactor: number, monthly = false): City => ({ location, country, currency, payFactor, monthly });

export const cities: readonly City[] = [
  c('San Francisco, CA, United States', 'United States', 'USD', 1.25), c('New York, NY, United States', 'United States', 'USD', 1.2),
  c('Austin, TX, United States', 'United States', 'USD', 1), c('Seattle, WA, United States', 'United States', 'USD', 1.15),
  c('Chicago, IL, United States', 'United States', 'USD', 1), c('Boston, MA, United States', 'United States', 'USD', 1.1),
  c('Denver, CO, United States', 'United States', 'USD', 0.95), c('Atlanta, GA, United States', 'United States', 'USD', 0.9),
  c('Toronto, ON, Canada', 'Canada', 'CAD', 0.8), c('Vancouver, BC, Canada', 'Canada', 'CAD', 0.8), c('Montreal, QC, Canada', 'Canada', 'CAD', 0.7),
  c('London, England, United Kingdom', 'United Kingdom', 'GBP', 0.8), c('Manchester, England, United Kingdom', 'United Kingdom', 'GBP', 0.65),
  c('Edinburgh, Scotland, United Kingdom', 'United Kingdom', 'GBP', 0.65), c('Berlin, Germany', 'Germany', 'EUR', 0.7),
  c('Munich, Bavaria, Germany', 'Germany', 'EUR', 0.78), c('Hamburg, Germany', 'Germany', 'EUR', 0.72), c('Paris, France', 'France', 'EUR', 0.65),
  c('Lyon, France', 'France', 'EUR', 0.55), c('Amsterdam, Netherlands', 'Netherlands', 'EUR', 0.72), c('Madrid, Spain', 'Spain', 'EUR', 0.5),
  c('Barcelona, Catalonia, Spain', 'Spain', 'EUR', 0.5), c('Dublin, Ireland', 'Ireland', 'EUR', 0.75), c('Stockholm, Sweden', 'Sweden', 'SEK', 0.65),
  c('Zurich, Switzerland', 'Switzerland', 'CHF', 1.05), c('Warsaw, Poland', 'Poland', 'PLN', 0.42, true), c('Lisbon, Portugal', 'Portugal', 'EUR', 0.4),
  c('Bengaluru, Karnataka, India', 'India', 'INR', 0.22), c('Kolkata, West Bengal, India', 'India', 'INR', 0.16), c('Pune, Maharashtra, India', 'India', 'INR', 0.19),
  c('Tokyo, Japan', 'Japan', 'JPY', 0.6, true), c('Singapore', 'Singapore', 'SGD', 0.8, true), c('Sydney, NSW, Australia', 'Australia', 'AUD', 0.85),
  c('Melbourne, VIC, Australia', 'Australia', 'AUD', 0.8), c('Auckland, New Zealand', 'New Zealand', 'NZD', 0.7), c('São Paulo, SP, Brazil', 'Brazil', 'BRL', 0.3, true),
  c('Mexico City, Mexico', 'Mexico', 'MXN', 0.3, true), c('Cape Town, Western Cape, South Africa', 'South Africa', 'ZAR', 0.3),
  c('Nairobi, Kenya', 'Kenya', 'KES', 0.18, true), c('Dubai, United Arab Emirates', 'United Arab Emirates', 'AED', 0.8, true), c('Seoul, South Korea', 'South Korea', 'KRW', 0.55),
];

/** Rough units of each currency per US dollar; enough for plausible figures, not for accounting. */
export const perUsd: Readonly<Record<string, number>> = {
  USD: 1, CAD: 1.36, GBP: 0.79, EUR: 0.92, SEK: 10.5, CHF: 0.88, PLN: 4, INR: 83, JPY: 150, SGD: 1.35,
  AUD: 1.52, NZD: 1.65, BRL: 5, MXN: 17, ZAR: 18.5, KES: 130, AED: 3.67, KRW: 1330,
};

/** Invented brand fragments: combined they read like companies without naming a real one. */
export const brandStems = ['Amberfield', 'Bluefinch', 'Cinderpath', 'Driftmoor', 'Emberline', 'Foxglen', 'Glimmerstone', 'Hollowbrook', 'Ironquill', 'Juniperhall', 'Kestrelwick', 'Lanternbay', 'Marrowgate', 'Nettlefold', 'Oakspindle', 'Pebblecourt', 'Quillmoor', 'Rookhaven', 'Saltmarrow', 'Thistlecombe', 'Umberglade', 'Vellumwood', 'Willowmere', 'Yarrowfield', 'Zephyrdale'];
export const brandKinds = ['Labs', 'Works', 'Collective', 'Health', 'Freight', 'Studios', 'Co-op', 'Systems', 'Learning', 'Hospitality Group', 'Finance', 'Outfitters'];
export const products = ['booking platform', 'clinic network', 'logistics marketplace', 'learning app', 'payments API', 'grocery delivery service', 'hotel group', 'analytics suite', 'open-source toolkit', 'community bank', 'fleet of electric vans', 'subscription box service'];
export const adjectives = ['small', 'growing', 'friendly', 'cross-functional', 'distributed', 'tight-knit', 'newly formed', 'experienced'];

export const intros: readonly ((x: { company: string; product: string; adjective: string; title: string; department: string }) => string)[] = [
  (x) => `${x.company} builds a ${x.product} used by people in dozens of countries. We are looking for a ${x.title} to join our ${x.adjective} ${x.department} team.`,
  (x) => `At ${x.company} we believe good work comes from calm, well-organised teams. Our ${x.product} keeps growing, and the ${x.department} team needs a ${x.title} to help it grow well.`,
  (x) => `${x.company} is a fictional company that runs a ${x.product}. As our new ${x.title}, you will join a ${x.adjective} group of people who care about doing things properly.`,
  (x) => `Join ${x.company} as a ${x.title}. We run a ${x.product} and our ${x.adjective} ${x.department} team is hiring.`,
];
export const purposes = [
  'You will have real ownership from your first weeks, with support from a mentor and a clear onboarding plan.',
  'This role matters because our customers depend on us every day, and small improvements add up quickly.',
  'We value clear writing, kindness and steady delivery over heroics and long hours.',
  'You will work closely with colleagues across several time zones, mostly asynchronously.',
  'The team ships often, measures what it ships and is not afraid to remove what does not work.',
];
/** Duties that fit any role, mixed in so descriptions of one family do not all read alike. */
export const sharedDuties = ['share what you learn through short write-ups and demos', 'help new colleagues find their feet', 'suggest improvements to the way the team works', 'keep documentation current so others can rely on it', 'work with colleagues in other departments on shared goals'];
export const closings = [
  'We hire for potential as much as for experience; if this sounds like you, apply even if you do not tick every box.',
  'We welcome applications from people of every background, and we will gladly adjust the interview process to your needs.',
  'Our interview process has three short steps, and we reply to every applicant within two weeks.',
];
export const bringTemplates: readonly ((skill: string) => string)[] = [
  (s) => `Solid, hands-on experience with ${s}.`,
  (s) => `Confidence using ${s} in day-to-day work.`,
  (s) => `A track record of getting results with ${s}.`,
  (s) => `Practical knowledge of ${s} and a willingness to keep learning.`,
];
export const softTraits = ['Clear written and spoken communication in English.', 'A habit of asking good questions and sharing what you learn.', 'Care for quality and for the people who use your work.', 'Comfort with ambiguity and changing priorities.'];
export const niceExtras = ['Experience in a fast-growing organisation.', 'Familiarity with regulated industries.', 'A second language.', 'Experience mentoring others.'];
export const benefits = ['Generous paid time off and public holidays', 'Health insurance for you and your dependants', 'A yearly learning budget', 'Flexible working hours', 'Parental leave well above the legal minimum', 'A home-office or equipment allowance', 'Pension or retirement contributions', 'Employee assistance programme', 'Transport subsidy', 'Team retreats once or twice a year'];

/** Display forms for skills whose canonical name is lowercase; others read fine as they are. */
export const displayNames: Readonly<Record<string, string>> = {
  python: 'Python', 'node.js': 'Node.js', typescript: 'TypeScript', postgresql: 'PostgreSQL', react: 'React', kubernetes: 'Kubernetes',
  aws: 'AWS', docker: 'Docker', go: 'Go', java: 'Java', terraform: 'Terraform', redis: 'Redis', kafka: 'Kafka', graphql: 'GraphQL',
  rust: 'Rust', linux: 'Linux', gcp: 'GCP', elixir: 'Elixir', haskell: 'Haskell', cobol: 'COBOL', sql: 'SQL', 'apache spark': 'Apache Spark',
  airflow: 'Airflow', dbt: 'dbt', snowflake: 'Snowflake', tableau: 'Tableau', 'power bi': 'Power BI', pandas: 'pandas', pytorch: 'PyTorch',
  bigquery: 'BigQuery', r: 'R', julia: 'Julia', figma: 'Figma', 'adobe illustrator': 'Adobe Illustrator', 'adobe photoshop': 'Adobe Photoshop',
  jira: 'Jira', confluence: 'Confluence', salesforce: 'Salesforce', hubspot: 'HubSpot', seo: 'SEO', 'google analytics': 'Google Analytics',
  'google ads': 'Google Ads', zendesk: 'Zendesk', freshdesk: 'Freshdesk', spanish: 'Spanish', french: 'French', german: 'German', english: 'English',
  excel: 'Excel', gaap: 'GAAP', ifrs: 'IFRS', quickbooks: 'QuickBooks', xero: 'Xero', sap: 'SAP', workday: 'Workday', hris: 'HRIS', erp: 'ERP',
  asana: 'Asana', bls: 'BLS', epic: 'Epic', cpr: 'CPR', cdl: 'a CDL licence', osha: 'OSHA',
};
