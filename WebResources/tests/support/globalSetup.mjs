// Global setup of the page project: one `crm-attention serve` for every browser test file, started once.
// Test files reach it with inject("dataverseHost") and connectDataverseHost; tests that change rows put them back.
import { startDataverseHost } from "./dataverseHost.mjs";

export default async function setup({ provide }) {
  const host = await startDataverseHost();
  provide("dataverseHost", { origin: host.origin, token: host.token });
  return async () => {
    await host.close();
  };
}
