import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/forms/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "page",
          include: ["tests/page/**/*.test.ts"],
          environment: "node",
          // One real Chromium per file; launching it on a shared 2-core machine takes seconds.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
