import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The JSON report lets the build script add the web tests to its own pass/fail totals
    // (numPassedTests, numFailedTests); test-results/ is git-ignored.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest-results.json" },
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
          globalSetup: ["tests/support/globalSetup.mjs"],
          environment: "node",
          // One real Chromium per file, and `crm-attention serve` simulating its org first: on a shared 2-core
          // machine each takes seconds to tens of seconds.
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // The files share the machine's two cores: one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
