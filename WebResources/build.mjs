// Bundles every web resource entry into dist/ as one namespaced IIFE each, and copies the HTML pages and their style sheet.
// Dataverse loads form libraries as classic scripts, so each bundle must publish its handlers on a
// global (CrmAttention.ContactForm.onLoad …) rather than use ES modules.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const dist = `${root}dist`;

const entries = [
  { entry: "src/entries/contactform.ts", out: "contactform.js", globalName: "CrmAttention.ContactForm" },
  { entry: "src/entries/emailform.ts", out: "emailform.js", globalName: "CrmAttention.EmailForm" },
  { entry: "src/entries/phonecallform.ts", out: "phonecallform.js", globalName: "CrmAttention.PhoneCallForm" },
  { entry: "src/entries/attentionpage.ts", out: "attentionpage.js", globalName: "CrmAttention.AttentionPage" },
  { entry: "src/entries/worklistpage.ts", out: "worklistpage.js", globalName: "CrmAttention.WorklistPage" },
];

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
for (const { entry, out, globalName } of entries) {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: `${dist}/${out}`,
    bundle: true,
    format: "iife",
    globalName,
    target: ["es2020"],
    platform: "browser",
    minify: true,
    sourcemap: false,
    legalComments: "eof",
    logLevel: "warning",
  });
}
await copyFile(`${root}src/page/attention.html`, `${dist}/attention.html`);
await copyFile(`${root}src/worklist/worklist.html`, `${dist}/worklist.html`);
await copyFile(`${root}src/shared/pages.css`, `${dist}/pages.css`);
