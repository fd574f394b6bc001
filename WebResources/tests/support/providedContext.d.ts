// What the page project's global setup provides to the test files (vitest inject).
declare module "vitest" {
  export interface ProvidedContext {
    dataverseHost: { origin: string; token: string };
  }
}
export {};
