import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/hub/src/db/schema/index.ts',
  out: './packages/hub/migrations',
});
