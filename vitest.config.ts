import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The fault suite starts a PostgreSQL server of its own: `npm run test:faults`.
    exclude: [...configDefaults.exclude, "tests/faults/**"],
    // Each integration file opens its own database; PGlite start-up is the slow part.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
