import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI only (`prisma generate`, and `prisma migrate deploy` for users who
// have the schema engine). The server applies prisma/migrations itself at start-up.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/stackplan' },
});
