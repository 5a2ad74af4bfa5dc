import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Each integration file opens its own database; PGlite start-up is the slow part.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
