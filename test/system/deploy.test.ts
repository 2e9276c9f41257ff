import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

type Container = { args?: string[]; readinessProbe?: { httpGet: { path: string } }; livenessProbe?: { httpGet: { path: string } } };
type Manifest = { kind: string; spec?: { template?: { spec: { containers: Container[]; initContainers?: Container[] } } } };

test('Kubernetes manifests parse, probe the real health routes and migrate before serving', () => {
  const docs = parseAllDocuments(read('deploy/k8s/hireline.yaml')).map((d) => {
    assert.deepEqual(d.errors, []);
    return d.toJS() as Manifest;
  });
  const api = docs.find((d) => d.kind === 'Deployment' && d.spec?.template?.spec.containers[0]?.args?.[0] === 'serve');
  assert.ok(api, 'an API deployment');
  const container = api.spec?.template?.spec.containers[0];
  assert.equal(container?.readinessProbe?.httpGet.path, '/ready');
  assert.equal(container?.livenessProbe?.httpGet.path, '/health');
  assert.deepEqual(api.spec?.template?.spec.initContainers?.[0]?.args, ['migrate']);
  assert.ok(docs.some((d) => d.kind === 'Deployment' && d.spec?.template?.spec.containers[0]?.args?.[0] === 'worker'));
});

test('the image carries every folder the server reads at run time', () => {
  const dockerfile = read('deploy/Dockerfile');
  for (const folder of ['bin', 'src', 'drizzle', 'data']) assert.match(dockerfile, new RegExp(`^COPY ${folder} \\./${folder}$`, 'm'));
  assert.match(dockerfile, /npm ci --omit=dev/);
  // The console is built in a stage of its own (dev dependencies) and served from web/dist.
  assert.match(dockerfile, /^RUN npm run build:web$/m);
  assert.match(dockerfile, /^COPY --from=console \/app\/web\/dist \.\/web\/dist$/m);
  assert.match(dockerfile, /^USER node$/m);
  // bin/hireline.js runs the bundle built at image build time (by root: the app user cannot write /app).
  assert.match(dockerfile, /^COPY scripts\/server-bundle\.mjs scripts\/pglite-template\.ts \.\/scripts\/$/m);
  assert.ok(dockerfile.indexOf('node --import tsx scripts/pglite-template.ts') > dockerfile.lastIndexOf('COPY drizzle ./drizzle'), 'the new-database dump is made from the migrations copied in');
  assert.ok(dockerfile.indexOf('RUN node scripts/server-bundle.mjs') > dockerfile.lastIndexOf('COPY src ./src'), 'the bundle is built from the sources copied in');
  assert.ok(dockerfile.indexOf('RUN node scripts/server-bundle.mjs') < dockerfile.indexOf('USER node'));
  const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
  assert.ok(pkg.dependencies.tsx, 'tsx runs the sources when the bundle cannot be built, so it is a runtime dependency');
  assert.ok(pkg.dependencies.esbuild, 'esbuild builds the bundle in the image');
  assert.ok(parseAllDocuments(read('deploy/compose.yaml')).every((d) => d.errors.length === 0));
});
