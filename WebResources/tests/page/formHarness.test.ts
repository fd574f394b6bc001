import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser.mjs";
import { DataverseClient, connectDataverseHost } from "../support/dataverseHost.mjs";

// The contact and email form scripts (dist/) in Chromium, in `crm-attention serve`'s form harness: a real
// Xrm.WebApi.online.execute calls cat_EvaluateTouch on the host, whose plugins answer from the simulated org.

const channelEmail = 0;
const decisionBlock = 2;

let host: DataverseClient;
let browser: { context: BrowserContext; close(): Promise<void> };

interface Evaluation {
  contactId: string;
  decision: number;
  score: number;
}

async function evaluate(contactId: string): Promise<Evaluation> {
  const { status, body } = await host.request("cat_EvaluateTouch", {
    method: "POST",
    body: { cat_Contact: { "@odata.type": "Microsoft.Dynamics.CRM.contact", contactid: contactId }, cat_Channel: channelEmail, cat_IsAutomated: false },
  });
  if (status !== 200) throw new Error(`cat_EvaluateTouch answered ${status}: ${JSON.stringify(body)}`);
  return { contactId, decision: Number(body["cat_Decision"]), score: Number(body["cat_Score"]) };
}

/** Contacts with what the policy says about a seller's email to them now, until one of each wanted decision is found. */
async function contactsBy(predicate: (e: Evaluation) => boolean, count: number): Promise<Evaluation[]> {
  const rows = await host.all("contacts?$select=contactid&$orderby=fullname");
  const found: Evaluation[] = [];
  for (const row of rows) {
    const e = await evaluate(String(row["contactid"]));
    if (predicate(e)) found.push(e);
    if (found.length === count) return found;
  }
  throw new Error(`Only ${found.length} of ${count} contacts match.`);
}

async function fullName(contactId: string): Promise<string> {
  return String((await host.request(`contacts(${contactId})?$select=fullname`)).body["fullname"]);
}

async function open(path: string, state: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(host.signIn(path));
  await page.waitForSelector(`body[data-state=${state}]`);
  return page;
}

async function notifications(page: Page): Promise<{ level: string; text: string }[]> {
  return page.$$eval("#notifications li", (items) => items.map((i) => ({ level: (i as HTMLElement).dataset["level"] ?? "", text: i.textContent ?? "" })));
}

beforeAll(async () => {
  const { origin, token } = inject("dataverseHost");
  host = connectDataverseHost(origin, token);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("form scripts in the harness over the Web API host", () => {
  it("shows the contact's attention score from cat_EvaluateTouch on the contact form", async () => {
    const [contact] = await contactsBy(() => true, 1);
    if (contact === undefined) throw new Error("no contact");
    const page = await open(`/harness/contact.html?id=${contact.contactId}`, "ready");
    const shown = await notifications(page);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.text).toContain(`score ${Math.round(contact.score)} of 100`);
    await page.close();
  });

  it("names a blocked recipient on the email form before Send and holds the Send", async () => {
    const [blocked] = await contactsBy((e) => e.decision === decisionBlock, 1);
    const [allowed] = await contactsBy((e) => e.decision !== decisionBlock, 1);
    if (blocked === undefined || allowed === undefined) throw new Error("no contacts");
    const blockedName = await fullName(blocked.contactId);
    const allowedName = await fullName(allowed.contactId);
    const page = await open(`/harness/email.html?to=${blocked.contactId},${allowed.contactId}`, "ready");
    const before = await notifications(page);
    expect(before).toHaveLength(1);
    expect(before[0]?.text).toContain(blockedName);
    expect(before[0]?.text).not.toContain(allowedName);
    await page.click("#send");
    await page.waitForSelector("body[data-state=held]");
    expect(await page.textContent("#send-result")).toBe("held");
    const after = await notifications(page);
    expect(after[0]?.level).toBe("ERROR");
    expect(after[0]?.text).toContain(blockedName);
    await page.close();
  });

  it("lets Send through on the email form when no recipient is blocked", async () => {
    const [allowed] = await contactsBy((e) => e.decision !== decisionBlock, 1);
    if (allowed === undefined) throw new Error("no contact");
    const page = await open(`/harness/email.html?to=${allowed.contactId}`, "ready");
    // OnLoad already checked the recipients, so the answer is on the form and Send goes through at once.
    await page.click("#send");
    await page.waitForSelector("body[data-state=sent]");
    expect(await page.textContent("#send-result")).toBe("sent");
    expect((await notifications(page)).every((n) => n.level !== "ERROR")).toBe(true);
    await page.close();
  });
});
