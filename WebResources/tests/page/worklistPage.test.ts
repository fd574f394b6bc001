import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser } from "./browser.mjs";
import { DataverseClient, connectDataverseHost } from "../support/dataverseHost.mjs";

// Runs the built worklist page (dist/) in the Debian Chromium against `crm-attention serve`: the page calls
// cat_GetWorklist on the Web API host, whose plugin ranks the signed-in seller's contacts in the simulated org.
// Xrm.Navigation is a recorder installed before the page loads, standing in for the app's form navigation.

const pagePath = "/WebResources/cat_/pages/worklist.html";
const hostileName = "<img src=x onerror=alert(1)>";

let host: DataverseClient;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

interface ApiRow {
  contactId: string;
  name: string;
  routedCallId: string | null;
}

function reference(value: unknown, key: string): string | null {
  return value !== null && typeof value === "object" ? String((value as Record<string, unknown>)[key]) : null;
}

/** The worklist as the function answers it to the same user, read straight from the Web API. */
async function worklist(): Promise<ApiRow[]> {
  const { status, body } = await host.request("cat_GetWorklist(cat_Count=@count)?@count=25");
  expect(status).toBe(200);
  return (body["cat_Rows"] as Record<string, unknown>[]).map((r) => ({
    contactId: reference(r["cat_contact"], "contactid") ?? "",
    name: String(r["cat_contactname"]),
    routedCallId: reference(r["cat_routedcall"], "activityid"),
  }));
}

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __opened: unknown[]; Xrm: unknown };
    w.__opened = [];
    w.Xrm = { Navigation: { openForm: (options: unknown, parameters: unknown) => { w.__opened.push([options, parameters ?? null]); return Promise.resolve({}); } } };
  });
  return page;
}

async function openPage(state = "ready"): Promise<Page> {
  const page = await newPage();
  await page.goto(host.signIn(pagePath));
  await page.waitForSelector(`main[data-state=${state}]`);
  return page;
}

async function cells(page: Page): Promise<string[][]> {
  return page.$$eval("#worklist tbody tr", (trs) => trs.map((r) => Array.from(r.children, (c) => c.textContent ?? "")));
}

beforeAll(async () => {
  const { origin, token } = inject("dataverseHost");
  host = connectDataverseHost(origin, token);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("worklist page in Chromium against the Web API host", () => {
  it("lists the seller's worklist in the function's order and saves a screenshot", async () => {
    const expected = await worklist();
    expect(expected.length).toBeGreaterThan(2);
    const requests: string[] = [];
    const page = await newPage();
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/")) requests.push(decodeURIComponent(url.pathname + url.search));
    });
    await page.goto(host.signIn(pagePath));
    await page.waitForSelector("main[data-state=ready]");
    expect((await cells(page)).map((r) => r[0])).toEqual(expected.map((r) => r.name));
    expect(await page.textContent("#status")).toBe(`${expected.length} contacts to touch now.`);
    expect(requests).toEqual(["/api/data/v9.2/cat_GetWorklist(cat_Count=@count)?@count=25"]);
    // The shared style sheet (cat_/styles/pages.css) loaded from the host and applied.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--accent").trim())).toBe("#0f6cbd");
    await page.screenshot({ path: new URL("../../test-results/worklist-page.png", import.meta.url).pathname, fullPage: true });
    await page.close();
  });

  it("opens the routed call, or a new call or email regarding the contact, with one click", async () => {
    const [first, second] = await worklist();
    if (first === undefined || second === undefined) throw new Error("worklist too short");
    const page = await openPage();
    await page.click("#worklist tbody tr:nth-child(1) button[data-action=phonecall]");
    await page.click("#worklist tbody tr:nth-child(2) button[data-action=email]");
    const opened = await page.evaluate(() => (window as unknown as { __opened: unknown[] }).__opened);
    expect(opened).toEqual([
      first.routedCallId !== null
        ? [{ entityName: "phonecall", entityId: first.routedCallId }, null]
        : [{ entityName: "phonecall", useQuickCreateForm: false }, { regardingobjectid: first.contactId, regardingobjectidname: first.name, regardingobjectidtype: "contact" }],
      [{ entityName: "email", useQuickCreateForm: false }, { regardingobjectid: second.contactId, regardingobjectidname: second.name, regardingobjectidtype: "contact" }],
    ]);
    await page.close();
  });

  it("shows a hostile contact name as plain text", async () => {
    const [first] = await worklist();
    if (first === undefined) throw new Error("empty worklist");
    const rename = (fullname: string): Promise<{ status: number }> =>
      host.request(`contacts(${first.contactId})`, { method: "PATCH", body: { fullname }, headers: { "If-Match": "*" } });
    expect((await rename(hostileName)).status).toBe(204);
    try {
      const page = await openPage();
      expect((await cells(page)).map((r) => r[0])).toContain(hostileName);
      expect(await page.$$eval("#worklist img", (imgs) => imgs.length)).toBe(0);
      expect(await page.$$eval("#worklist button[data-action=phonecall]", (b) => b.map((x) => x.getAttribute("aria-label")))).toContain(`Call ${hostileName}`);
      await page.close();
    } finally {
      await rename(first.name);
    }
  });

  it("moves between rows with the arrow keys and calls or emails the row in focus from the keyboard", async () => {
    const third = (await worklist())[2];
    const page = await openPage();
    await page.focus("#worklist tbody tr:nth-child(1)");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.querySelector("th")?.textContent)).toBe(third?.name);
    await page.keyboard.press("e");
    await page.keyboard.press("Home");
    await page.keyboard.press("c");
    const tabIndexes = await page.$$eval("#worklist tbody tr", (trs) => trs.map((r) => (r as HTMLElement).tabIndex));
    expect(tabIndexes[0]).toBe(0);
    expect(tabIndexes.slice(1).every((t) => t === -1)).toBe(true);
    const opened = await page.evaluate(() => (window as unknown as { __opened: [{ entityName: string }, unknown][] }).__opened.map((o) => o[0].entityName));
    expect(opened).toEqual(["email", "phonecall"]);
    await page.close();
  });

  it("speaks German for a German user, and says why when the Web API refuses the worklist", async () => {
    const { body: me } = await host.request("WhoAmI");
    const userId = String(me["UserId"]);
    const language = (id: number): Promise<{ status: number }> =>
      host.request(`usersettingscollection(${userId})`, { method: "PATCH", body: { uilanguageid: id }, headers: { "If-Match": "*" } });
    expect((await language(1031)).status).toBe(204);
    try {
      const de = await openPage();
      expect(await de.textContent("h1")).toBe("Meine Aufmerksamkeits-Arbeitsliste");
      expect(await de.textContent("#status")).toBe(`${(await worklist()).length} Kontakte, die Sie jetzt ansprechen können.`);
      await de.close();
    } finally {
      await language(1033);
    }
    // A refusal as the Web API words one (a missing privilege), injected in the browser's network layer.
    const page = await newPage();
    await page.route("**/api/data/v9.2/cat_GetWorklist*", (route) =>
      route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify({ error: { code: "0x80040220", message: "You do not have the privilege." } }) }));
    await page.goto(host.signIn(pagePath));
    await page.waitForSelector("main[data-state=error]");
    expect(await page.textContent("#status")).toBe("The worklist could not be loaded: You do not have the privilege.");
    expect(await cells(page)).toEqual([]);
    await page.close();
  });
});
