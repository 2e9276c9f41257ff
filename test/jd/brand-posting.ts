/** Brand and CamelCase names that a glued-word splitter must leave whole. */
export const BRANDS = ['OpenTelemetry', 'DeepMind', 'JavaScript', 'PostgreSQL', 'GitHub', 'LinkedIn', "McDonald's", 'iOS', 'OneNote', 'HashiCorp'];

/** A posting that mentions each of them in running text, one at a line end. */
export const brandPosting = [
  'Platform Engineer',
  'About us',
  "We build ordering kiosks for McDonald's franchisees and ship iOS apps.",
  'Responsibilities',
  'Instrument our services with OpenTelemetry and build dashboards for the on-call rotation.',
  'Review JavaScript and PostgreSQL changes on GitHub; share what you learn on LinkedIn.',
  'Pair with researchers who joined us from DeepMind, and keep runbooks in OneNote',
  'Automate the infrastructure with HashiCorp tools.',
].join('\n');
