import powerApps from "@microsoft/eslint-plugin-power-apps";
import tsParser from "@typescript-eslint/parser";
import tsPlugin from "@typescript-eslint/eslint-plugin";

export default [
  { ignores: ["dist/**", "node_modules/**", "test-results/**", "src/generated/**"] },
  {
    files: ["**/*.ts"],
    languageOptions: {
      parser: tsParser,
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tsPlugin, "@microsoft/power-apps": powerApps },
    rules: {
      ...tsPlugin.configs["recommended-type-checked"].rules,
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/explicit-module-boundary-types": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "no-console": "error",
      "no-debugger": "error",
      "no-empty": ["error", { allowEmptyCatch: false }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      // The Power Apps checker rules apply to what ships as web resources, not to the test harness.
      ...powerApps.configs.paCheckerHosted.rules,
      "no-restricted-properties": [
        "error",
        { object: "Xrm", property: "Page", message: "Use executionContext.getFormContext()." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[property.name='innerHTML']", message: "Build DOM with textContent; data is untrusted." },
        { selector: "MemberExpression[property.name='outerHTML']", message: "Build DOM with textContent; data is untrusted." },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: "Build DOM with textContent; data is untrusted." },
      ],
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { sourceType: "module", globals: { URL: "readonly", process: "readonly", console: "readonly" } },
  },
];
