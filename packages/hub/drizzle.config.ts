import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/hub/src/db/schema.ts',
  out: './packages/hub/migrations',
});
