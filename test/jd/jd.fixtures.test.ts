import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseJobDescription, type ParsedJobDescription } from '../../src/modules/jd/jd.parser.ts';

// The shared fixtures folder sits beside the repository (../shared), as it does in CI.
const dir = new URL('../../../shared/fixtures/job-descriptions/', import.meta.url);
const parseFixture = (name: string) => parseJobDescription(readFileSync(new URL(name, dir), 'utf8'));

// Full expected outputs, reviewed by hand against the postings.
const expected: Record<string, ParsedJobDescription> = {
  'backend-developer-python-cloud.txt': {
    title: "Python Developer",
    company: null,
    employmentType: null,
    workplace: null,
    locations: ["Karnataka, India"],
    salary: null,
    experienceYearsMin: 3,
    skills: [
      { name: "rest api", required: true },
      { name: "agile", required: true },
      { name: "scrum", required: true },
      { name: "python", required: true },
      { name: "microservices", required: true },
      { name: "gcp", required: true },
      { name: "postgresql", required: true },
      { name: "docker", required: true },
      { name: "serverless", required: true },
      { name: "kubernetes", required: true },
      { name: "sql", required: true },
      { name: "sql tuning", required: true },
      { name: "ci/cd", required: true },
      { name: "git", required: true }
    ],
    applyDeadline: null,
    sections: {
      about: null,
      responsibilities: null,
      requirements: null,
      niceToHave: null,
      benefits: null
    },
    warnings: [
      "salary_not_found",
      "sections_not_found"
    ]
  },
  'backend-engineer-intern-template.txt': {
    title: "Backend Engineer Intern",
    company: null,
    employmentType: "INTERN",
    workplace: "hybrid",
    locations: [],
    salary: null,
    experienceYearsMin: null,
    skills: [
      { name: "rest api", required: true },
      { name: "microservices", required: true },
      { name: "unit testing", required: true },
      { name: "agile", required: true }
    ],
    applyDeadline: null,
    sections: {
      about: "Everything recruiters need to write, post, and fill a backend engineer intern role—fast.\n\nNeed a clear, ready-to-use job description? Copy, paste, and hire faster.\n\nWe are seeking a passionate Backend Engineer Intern to join our engineering team and contribute to building robust server-side applications. This role offers hands-on experience working with experienced developers on real-world projects that impact millions of users. The ideal candidate will have strong programming fundamentals and eagerness to learn modern backend technologies and best practices.",
      responsibilities: "- Assist in designing and implementing RESTful APIs and microservices\n- Write clean, maintainable, and efficient code following best practices\n- Help maintain and optimize database structures and queries\n- Participate in code reviews and provide constructive feedback\n- Debug and resolve backend-related issues\n- Collaborate with frontend teams to ensure seamless integration\n- Document technical specifications and API documentation\n- Support testing and deployment of backend services\n\nHiring a backend engineer intern? Here's what you can expect them to handle:\n- Design and develop backend services and APIs using modern frameworks\n- Write unit tests and integration tests for backend components\n- Optimize database queries and improve application performance\n- Implement security best practices and data protection measures\n- Collaborate with cross-functional teams on feature development\n- Participate in agile ceremonies and technical planning sessions\n- Assist in system monitoring and troubleshooting\n- Document technical solutions and maintain codebase",
      requirements: "Here's what a solid candidate typically brings to the table:\n\nBefore you even think of hiring, make sure your candidates have:\n\nTech skills get them in the door—soft skills help them stick around.",
      niceToHave: null,
      benefits: "- Competitive internship compensation\n- Mentorship from senior engineers\n- Professional development opportunities\n- Flexible work arrangements"
    },
    warnings: [
      "salary_not_found",
      "employment_type_conflict"
    ]
  },
  'backend-intern-nodejs-remote.txt': {
    title: "Backend Developer Intern",
    company: "Credes",
    employmentType: "INTERN",
    workplace: "remote",
    locations: ["Kolkata, West Bengal, India"],
    salary: { min: 15000, max: 15000, currency: "INR", unit: "MONTH" },
    experienceYearsMin: null,
    skills: [
      { name: "system design", required: true },
      { name: "node.js", required: true },
      { name: "django", required: true },
      { name: "fastapi", required: true },
      { name: "go", required: true },
      { name: "rest api", required: true },
      { name: "database design", required: true },
      { name: "sql tuning", required: true },
      { name: "postgresql", required: true },
      { name: "mysql", required: true },
      { name: "mongodb", required: true },
      { name: "jwt", required: true },
      { name: "oauth", required: true },
      { name: "redis", required: true },
      { name: "caching", required: true },
      { name: "github copilot", required: true },
      { name: "data structures", required: true },
      { name: "express", required: true },
      { name: "fastify", required: true },
      { name: "hapi", required: true },
      { name: "git", required: true },
      { name: "nosql", required: true },
      { name: "microservices", required: false },
      { name: "docker", required: false },
      { name: "aws", required: false },
      { name: "gcp", required: false },
      { name: "graphql", required: false },
      { name: "message queues", required: false },
      { name: "rabbitmq", required: false },
      { name: "kafka", required: false },
      { name: "machine learning", required: false },
      { name: "llm", required: false },
      { name: "problem solving", required: true }
    ],
    applyDeadline: null,
    sections: {
      about: "We're looking for a Backend Developer Intern to join our engineering team at Credes - someone who writes clean, thoughtful backend code, understands system design at a foundational level, and operates with strong depth in AI-assisted development.\nThis is a paid, fully remote internship with real stakes.\nYou won't be writing dummy CRUD APIs. You'll be building backend systems that power real client products and in-house applications — with live users, real data, and production constraints.\nIf you have strong Node.js fundamentals, a working knowledge of Django or FastAPI or Go, and 2–3 projects you've actually shipped — we want to talk.",
      responsibilities: "Design, develop, and maintain backend services and REST APIs for client and in-house projects\nBuild scalable server-side applications primarily in Node.js, with Django, FastAPI, or Go as secondary stack depending on project requirements\nHandle database design, schema definition, query optimisation, and performance tuning across PostgreSQL, MySQL, and MongoDB\nImplement authentication and authorisation flows including JWT, OAuth, and role-based access control (RBAC)\nIntegrate backend services with web and mobile frontends through well-documented APIs\nUse Redis for caching, session management, and performance optimisation\nApply system design principles and architecture patterns to build for scale from the start\nLeverage AI-assisted development tools (GitHub Copilot, Cursor, Claude, etc.) effectively — and critically evaluate their outputs\nDebug, test, and document backend code to production-ready standards\nCollaborate with frontend and mobile developers to ensure seamless, reliable integrations",
      requirements: "These are strict filters. If you cannot demonstrate these in discussion or through your work, your application will not be considered.\nStrong Data Structures & Algorithms (DSA) foundation\nYou should be able to reason about time/space complexity, optimize approaches, and apply DSA concepts in real backend scenarios (not just solve interview questions)\nDepth in AI-assisted development (not surface-level usage)\nYou actively use tools like GitHub Copilot, Cursor, Claude, etc. — and:Understand how they generate code (patterns, limitations, hallucinations)\nCan debug and correct AI-generated code confidently\nKnow when to not use AI and fall back to first-principles thinking\nCan structure prompts and workflows to improve output quality\n\nNode.js is mandatory — strong, demonstrable proficiency in Node.js and Express (or Fastify/Hapi)\nSolid working knowledge of at least one of: Django / DRF, FastAPI, or Golang2–3 deployed projects — not just GitHub repos, but applications that are or have been live; be ready to share links, explain architecture decisions, and discuss trade-offs\nWorking knowledge of system design fundamentals — scalability, latency, indexing, caching, and architectural trade-offs\nStrong Data Structures & Algorithms application in backend contexts (query optimisation, caching, concurrency, etc.)\nDemonstrable depth in AI-assisted development — you should be able to explain your workflow, failure cases, and validation approaches\nProficiency with RESTful API design and HTTP best practices\nExperience with relational databases (PostgreSQL / MySQL) — schema design, indexing, query optimisation\nFamiliarity with NoSQL (MongoDB) for document-based use cases\nSound understanding of authentication flows — JWT, OAuth 2.0, session management\nProficient with Git / GitHub — branching, PRs, commit hygiene\nStrong debugging and optimisation skills — ability to trace issues, not just search for fixes\n\nBackground in Computer Science, Engineering, or equivalent demonstrated ability2–3 deployed projects (mandatory — coursework projects alone do not qualify)\nStrong problem-solving mindset with ability to write efficient, maintainable code\nAbility to work independently and communicate proactively in a remote setup",
      niceToHave: "Golang for high-performance backend services\nFastAPI for async, high-throughput APIs\nExposure to microservices architecture and containerisation (Docker)\nFamiliarity with cloud platforms (AWS / GCP)\nExperience with GraphQL APIs\nUnderstanding of message queues (RabbitMQ / Kafka)\nRedis beyond caching — pub/sub, queues, rate limiting\nExperience integrating AI/ML models or LLM APIs into backend systems",
      benefits: "₹15,000/month stipend + performance bonuses\nHands-on experience building real-world backend systems\nMentorship and code reviews from experienced developers\nExposure to scalable architectures and AI-augmented workflows\nFlexible working hours (fully remote)\nDirect contribution to production SaaS platforms and mobile apps\nCertificate + Letter of Recommendation\nPriority consideration for full-time role"
    },
    warnings: ["employment_type_conflict"]
  },
};

describe('fixture postings', () => {
  for (const [name, want] of Object.entries(expected)) {
    test(name, () => assert.deepEqual(parseFixture(name), want));
  }
});
