// Reads a file of the repository (relative to its root) as text, for tests that tie the web resources to
// the C# sources they talk to.
import { readFileSync } from "node:fs";

export function readRepoFile(relative) {
  return readFileSync(new URL(`../../../${relative}`, import.meta.url), "utf8");
}
