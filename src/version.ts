import { readFileSync } from 'node:fs';

/** Hireline's version, from package.json: in the API's documents and `hireline --version`. */
export const version: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
