import { describe, expect, it } from "vitest";
import attentionHtml from "../../src/page/attention.html?raw";
import worklistHtml from "../../src/worklist/worklist.html?raw";
import manifest from "../../webresources.json";
import * as contactForm from "../../src/entries/contactform";
import * as emailForm from "../../src/entries/emailform";
import * as phoneCallForm from "../../src/entries/phonecallform";
import { contactAttentionInputs } from "../../src/contactForm/contactForm";

const libraries: Record<string, { global: string; module: Record<string, unknown> }> = {
  "cat_/scripts/contactform.js": { global: "CrmAttention.ContactForm", module: contactForm },
  "cat_/scripts/emailform.js": { global: "CrmAttention.EmailForm", module: emailForm },
  "cat_/scripts/phonecallform.js": { global: "CrmAttention.PhoneCallForm", module: phoneCallForm },
};

describe("webresources.json", () => {
  it("lists the web resources of the contract with files under dist/ and both languages", () => {
    expect(manifest.webResources.map((w) => [w.name, w.file, w.type])).toEqual([
      ["cat_/scripts/contactform.js", "dist/contactform.js", "JavaScript"],
      ["cat_/scripts/emailform.js", "dist/emailform.js", "JavaScript"],
      ["cat_/scripts/phonecallform.js", "dist/phonecallform.js", "JavaScript"],
      ["cat_/styles/pages.css", "dist/pages.css", "Css"],
      ["cat_/pages/attention.html", "dist/attention.html", "Html"],
      ["cat_/scripts/attentionpage.js", "dist/attentionpage.js", "JavaScript"],
      ["cat_/pages/worklist.html", "dist/worklist.html", "Html"],
      ["cat_/scripts/worklistpage.js", "dist/worklistpage.js", "JavaScript"],
    ]);
    for (const w of manifest.webResources) {
      expect(Object.keys(w.displayName).sort()).toEqual(["1031", "1033"]);
      expect(Object.keys(w.description).sort()).toEqual(["1031", "1033"]);
    }
  });

  it("resolves every script and style sheet a page loads to a listed web resource (or the platform's ClientGlobalContext)", () => {
    // build.mjs copies the pages unchanged from src/ to the files the manifest lists.
    const sources: Record<string, string> = { "dist/attention.html": attentionHtml, "dist/worklist.html": worklistHtml };
    const names = new Set(manifest.webResources.map((w) => w.name));
    const pages = manifest.webResources.filter((w) => w.type === "Html");
    expect(pages.map((p) => p.file)).toEqual(Object.keys(sources));
    for (const page of pages) {
      const html = sources[page.file] ?? "";
      const references = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
      expect(references, page.name).toContain("../styles/pages.css");
      for (const reference of references) {
        // Web resources resolve relative to the page's own name, as the browser resolves /WebResources/<name>.
        const resolved = new URL(reference, `https://org.example/WebResources/${page.name}`).pathname.replace("/WebResources/", "");
        if (resolved === "ClientGlobalContext.js.aspx") continue;
        expect(names.has(resolved), `${page.name} loads ${reference} (${resolved})`).toBe(true);
      }
    }
  });

  it("points every form event at a function its library's bundle really exports", () => {
    for (const event of manifest.formEvents) {
      const library = libraries[event.library];
      expect(library, event.library).toBeDefined();
      const prefix = `${library?.global ?? ""}.`;
      expect(event.function.startsWith(prefix)).toBe(true);
      expect(typeof library?.module[event.function.slice(prefix.length)]).toBe("function");
      expect(event.passExecutionContext).toBe(true);
      expect(manifest.webResources.some((w) => w.name === event.library)).toBe(true);
    }
  });

  it("registers OnChange for exactly the contact fields the contact script watches", () => {
    const attributes = manifest.formEvents.filter((e) => e.table === "contact" && e.event === "onchange").map((e) => e.attribute);
    expect(attributes).toEqual([...contactAttentionInputs]);
  });

  it("registers the email OnSave handler and OnChange on to and cc, the recipient fields of the solution's email form", () => {
    const email = manifest.formEvents.filter((e) => e.table === "email");
    expect(email.map((e) => `${e.event}:${e.attribute ?? ""}:${e.function}`)).toEqual([
      "onload::CrmAttention.EmailForm.onLoad",
      "onchange:to:CrmAttention.EmailForm.onRecipientsChange",
      "onchange:cc:CrmAttention.EmailForm.onRecipientsChange",
      "onsave::CrmAttention.EmailForm.onSave",
    ]);
  });
});
