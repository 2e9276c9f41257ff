#!/usr/bin/env node
// Runs the CLI from its bundle (scripts/server-bundle.mjs: rebuilt first when a source file is newer),
// or, when it cannot be built here, the TypeScript sources through tsx.
import { serverBundle } from '../scripts/server-bundle.mjs';

const bundle = await serverBundle();
if (bundle) await import(bundle);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
