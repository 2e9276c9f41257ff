import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Modules with sub-areas keep their tables one folder deeper (identity/sessions/sessions.table.ts).
  schema: ['./src/modules/**/*.table.ts', './src/infra/**/*.table.ts'],
  out: './drizzle',
});
