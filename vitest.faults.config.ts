import { defineConfig } from "vitest/config";

// `npm run test:faults`: the outbox fault suite (issue 15), with a PostgreSQL server of its own.
export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
