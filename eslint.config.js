import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const folders = (dir) => readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

/**
 * The architecture's import rules for the tree under `root` (this repository, or a lint fixture):
 * - src/http/ and src/infra/ import no module: modules are handed to them by the composition root;
 * - a module, and each sub-area of a module (identity/sessions/ ...), is used from outside only through
 *   its index.ts, so nothing reaches another module's tables, repositories or services directly;
 *   a *.table.ts may import another *.table.ts for a foreign key (the schema itself depends on it), and
 *   within one module a repository may join a sibling area's table;
 * - no import cycles (type-only imports are not counted: they cannot change the order modules load in).
 * Modules are found by listing src/modules, so a new module is covered the day it is created.
 */
export function boundaries(root) {
  const src = `${root}/src`;
  const zones = [
    { target: `${src}/http/**`, from: `${src}/modules/**`, message: 'http/ imports no module; receive what it needs from src/container.ts.' },
    { target: `${src}/infra/**`, from: `${src}/modules/**`, message: 'infra/ imports no module; modules depend on infra, not back.' },
    // Services and repositories speak the domain (field names, versions, positions); routes map them to HTTP.
    {
      target: [`${src}/modules/**/*.repo.ts`, `${src}/modules/**/*.service.ts`],
      from: `${src}/http/**`,
      message: 'Services know nothing of HTTP: throw AppError with `fields`, take versions and positions; the route maps them (src/http/).',
    },
  ];
  // Exceptions to a glob zone must be globs themselves, hence `@(index).ts` for the one file index.ts.
  for (const module of folders(`${src}/modules`)) {
    const inside = `${src}/modules/${module}`;
    const message = `Use ${module} through src/modules/${module}/index.ts.`;
    zones.push(
      {
        target: [`${src}/*.ts`, `${src}/!(modules)/**`, `${src}/modules/!(${module})/**/!(*.table).ts`],
        from: `${inside}/**`, except: [`${inside}/@(index).ts`], message,
      },
      { target: `${src}/modules/!(${module})/**/*.table.ts`, from: `${inside}/**`, except: [`${inside}/@(index).ts`, `${inside}/**/*.table.ts`], message },
    );
    for (const area of folders(inside)) {
      const areaMessage = `Use ${module}/${area} through its index.ts.`;
      zones.push(
        {
          target: [`${inside}/*.ts`, `${inside}/!(${area})/**/!(*.table|*.repo).ts`],
          from: `${inside}/${area}/**`, except: [`${inside}/${area}/@(index).ts`], message: areaMessage,
        },
        {
          target: `${inside}/!(${area})/**/*.@(table|repo).ts`,
          from: `${inside}/${area}/**`, except: [`${inside}/${area}/@(index).ts`, `${inside}/${area}/*.table.ts`], message: areaMessage,
        },
      );
    }
  }
  return {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    // Imports name their .ts files, so Node's resolution finds them; reading them for cycles needs the TypeScript parser.
    settings: { 'import-x/extensions': ['.ts', '.js'], 'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones, basePath: root }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  };
}

// Where in the request a bad field was, and how an answer is encoded, are the HTTP layer's business (src/http/).
const locatedField = {
  selector: 'Property[key.name="in"] Literal[value=/^(body|querystring|params|headers)$/]',
  message: 'Name the field (`fields: [{ field: \'salary.min\', detail }]`); the HTTP layer says where in the request it was.',
};
const mediaType = {
  selector: 'Literal[value=/^(application|text)\\/[\\w.+-]+/]',
  message: 'A service returns data; its route picks the media type and serializes it through the response schema.',
};

// Fastify gives a plugin that calls addSchema a schema controller of its own, without the app's
// validator compiler: its routes silently lose strict formats and bounds. Shared schemas go to buildApp.
const schemaInPlugin = {
  selector: 'CallExpression[callee.property.name="addSchema"]',
  message: 'Export the schema from the module (buildApp adds shared schemas at the root); addSchema in a route plugin drops the app\'s validator.',
};

export default tseslint.config(
  // Lint fixtures break the rules on purpose; test/lint/boundaries.test.ts lints them itself.
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'drizzle/**', 'coverage/**', 'bench/results/**', 'test/lint/fixtures/**',
    // The console's build output and the API types generated for it (npm run build:web).
    'web/dist/**', 'web/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // Sanitizers for XML, HTML and binary input match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  boundaries(import.meta.dirname),
  { files: ['web/src/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  {
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/**/*.routes.ts', 'src/modules/**/*.service.ts'],
    rules: { 'no-restricted-syntax': ['error', locatedField, schemaInPlugin] },
  },
  { files: ['src/modules/**/*.routes.ts'], rules: { 'no-restricted-syntax': ['error', schemaInPlugin] } },
  { files: ['src/modules/**/*.service.ts'], rules: { 'no-restricted-syntax': ['error', locatedField, mediaType, schemaInPlugin] } },
);
