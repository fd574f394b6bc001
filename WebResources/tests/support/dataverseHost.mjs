// Starts `crm-attention serve` (the Dataverse Web API over a simulated org with the CrmAttention plugins)
// on 127.0.0.1 with a free port, for the browser tests. It needs the CLI built (build.ps1 does that
// before `npm test`; alone: dotnet build Tools/CrmAttention.Cli). The newest build, Release or Debug, is used.
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";

const root = fileURLToPath(new URL("../../../", import.meta.url));

function cliDll() {
  const candidates = ["Release", "Debug"]
    .map((c) => `${root}Tools/CrmAttention.Cli/bin/${c}/net10.0/crm-attention.dll`)
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (candidates.length === 0) {
    throw new Error("crm-attention is not built: run dotnet build Tools/CrmAttention.Cli (or dotnet pwsh ./build.ps1 test).");
  }
  return candidates[0];
}

/**
 * Serves a simulated org. options: seed, contacts, days, aggregateLimit. Resolves once the host listens,
 * with its origin, token, a fetch helper for its Web API, the sign-in URL of a page, and close().
 */
export async function startDataverseHost({ seed = 5, contacts = 240, days = 35, aggregateLimit } = {}) {
  const token = randomBytes(18).toString("base64url");
  const args = [cliDll(), "serve", "--port", "0", "--token", token, "--seed", String(seed), "--contacts", String(contacts), "--days", String(days),
    "--web-resources", `${root}WebResources`, "--language", "en"];
  if (aggregateLimit !== undefined) args.push("--aggregate-limit", String(aggregateLimit));
  const child = spawn("dotnet", args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DOTNET_NOLOGO: "1" } });
  let output = "";
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const origin = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /Listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match !== null) {
        child.stdout.off("data", onData);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => { output += chunk.toString(); });
    void exited.then(({ code }) => reject(new Error(`crm-attention serve exited (${code}) before listening:\n${output}`)));
  });
  return {
    ...connectDataverseHost(origin, token),
    async close() {
      if (child.exitCode === null) child.kill("SIGINT");
      const { code } = await exited;
      if (code !== 0 && code !== null) throw new Error(`crm-attention serve stopped with exit code ${code}:\n${output}`);
    },
  };
}

/** A client for a host another process started (the page project's global setup): no close. */
export function connectDataverseHost(origin, token) {
  const api = `${origin}/api/data/v9.2/`;
  return {
    origin,
    token,
    /** GET/POST/PATCH on the Web API with the bearer token; resolves with status and parsed JSON body. */
    async request(path, { method = "GET", body, headers = {} } = {}) {
      const response = await fetch(api + path, {
        method,
        headers: { Authorization: `Bearer ${token}`, Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0", "Content-Type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text.length > 0 && text.startsWith("{") ? JSON.parse(text) : text };
    },
    /** Every row of a query, following @odata.nextLink. */
    async all(path) {
      const rows = [];
      let url = api + path;
      while (url !== undefined) {
        const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json", Prefer: "odata.maxpagesize=500" } });
        const body = await response.json();
        if (!response.ok) throw new Error(`${url}: ${JSON.stringify(body)}`);
        rows.push(...body.value);
        url = body["@odata.nextLink"];
      }
      return rows;
    },
    /** The URL that signs a browser in (the session cookie) and opens the page at path. */
    signIn(path) {
      return `${origin}/signin?token=${encodeURIComponent(token)}&redirect=${encodeURIComponent(path)}`;
    },
  };
}
