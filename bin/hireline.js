#!/usr/bin/env node
// Runs the CLI from its bundle (scripts/server-bundle.mjs: rebuilt first when a source file is newer),
// or, when it cannot be built here, the TypeScript sources through tsx.
import module from 'node:module';
import { serverBundle } from '../scripts/server-bundle.mjs';

// Node 22+ keeps V8's compiled code of the bundle and node_modules between starts (Node 20 has no such cache).
module.enableCompileCache?.();
const bundle = await serverBundle();
if (bundle) await import(bundle);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
