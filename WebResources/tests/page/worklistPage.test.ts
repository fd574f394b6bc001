import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser } from "./browser.mjs";
import { WorklistStub, startWorklistStub } from "./worklistStub.mjs";

// Runs the built worklist page (dist/) in the Debian Chromium against a stub of the Web API function.
// Xrm.Navigation is a recorder installed before the page loads, standing in for the app's form navigation.

const pagePath = "/WebResources/cat_/pages/worklist.html";
const hostileName = "<img src=x onerror=alert(1)>";

function row(n: number, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cat_contact: { "@odata.type": "#Microsoft.Dynamics.CRM.contact", contactid: `00000000-0000-0000-0000-0000000000${String(n).padStart(2, "0")}` },
    cat_contactname: name,
    cat_account: { "@odata.type": "#Microsoft.Dynamics.CRM.account", accountid: "00000000-0000-0000-0000-0000000000a1" },
    cat_accountname: "Contoso",
    cat_bestchannel: 1,
    cat_expectedvalue: 9000 - n * 100,
    cat_score: 90 - n,
    cat_band: 0,
    cat_reason: 4,
    cat_reasonline: `receptive, last touch ${String(n)} days ago`,
    ...extra,
  };
}

const rows = [
  row(1, "Rita Routed", { cat_reason: 0, cat_reasonline: "routed from a suppressed sequence email", cat_routedcall: { phonecallid: "00000000-0000-0000-0000-0000000000f1" }, cat_routedcalldueon: "2026-11-26T09:00:00Z" }),
  row(2, hostileName, { cat_accountname: hostileName, cat_reasonline: `replied 2 days ago ${hostileName}` }),
  row(3, "Ella Email", { cat_bestchannel: 0 }),
];

let english: WorklistStub;
let german: WorklistStub;
let failing: WorklistStub;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

async function openPage(stub: WorklistStub, state = "ready"): Promise<Page> {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __opened: unknown[]; __xss?: number; Xrm: unknown };
    w.__opened = [];
    w.Xrm = { Navigation: { openForm: (options: unknown, parameters: unknown) => { w.__opened.push([options, parameters ?? null]); return Promise.resolve({}); } } };
  });
  await page.goto(`${stub.origin}${pagePath}`);
  await page.waitForSelector(`main[data-state=${state}]`);
  return page;
}

async function cells(page: Page): Promise<string[][]> {
  return page.$$eval("#worklist tbody tr", (trs) => trs.map((r) => Array.from(r.children, (c) => c.textContent ?? "")));
}

beforeAll(async () => {
  english = await startWorklistStub({ languageId: 1033, rows });
  german = await startWorklistStub({ languageId: 1031, rows });
  failing = await startWorklistStub({ languageId: 1033, rows, failWith: "You do not have the privilege." });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await english?.close();
  await german?.close();
  await failing?.close();
});

describe("worklist page in Chromium", () => {
  it("lists the worklist in the API's order, a hostile contact name as plain text, and saves a screenshot", async () => {
    const page = await openPage(english);
    const table = await cells(page);
    expect(table.map((r) => r[0])).toEqual(["Rita Routed", hostileName, "Ella Email"]);
    expect(table[0]?.[2]).toBe("Routed call routed from a suppressed sequence email");
    expect(table[1]?.[1]).toBe(hostileName);
    expect(table[1]?.[4]).toBe("8,800");
    expect(table[2]?.[3]).toBe("Email");
    expect(await page.textContent("#status")).toBe("3 contacts to touch now.");
    expect(await page.$$eval("#worklist img", (imgs) => imgs.length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.getAttribute("#worklist tbody tr:nth-child(2) button[data-action=phonecall]", "aria-label")).toBe(`Call ${hostileName}`);
    expect(english.requests.filter((r) => r.path.startsWith("/api/")).map((r) => decodeURIComponent(r.path + r.search))).toEqual(["/api/data/v9.2/cat_GetWorklist(cat_Count=@count)?@count=25"]);
    await page.screenshot({ path: new URL("../../test-results/worklist-page.png", import.meta.url).pathname, fullPage: true });
    await page.close();
  });

  it("opens the routed call, or a new call or email regarding the contact, with one click", async () => {
    const page = await openPage(english);
    await page.click("#worklist tbody tr:nth-child(1) button[data-action=phonecall]");
    await page.click("#worklist tbody tr:nth-child(3) button[data-action=email]");
    await page.click("#worklist tbody tr:nth-child(2) button[data-action=phonecall]");
    const opened = await page.evaluate(() => (window as unknown as { __opened: unknown[] }).__opened);
    expect(opened).toEqual([
      [{ entityName: "phonecall", entityId: "00000000-0000-0000-0000-0000000000f1" }, null],
      [{ entityName: "email", useQuickCreateForm: false }, { regardingobjectid: "00000000-0000-0000-0000-000000000003", regardingobjectidname: "Ella Email", regardingobjectidtype: "contact" }],
      [{ entityName: "phonecall", useQuickCreateForm: false }, { regardingobjectid: "00000000-0000-0000-0000-000000000002", regardingobjectidname: hostileName, regardingobjectidtype: "contact" }],
    ]);
    await page.close();
  });

  it("moves between rows with the arrow keys and calls or emails the row in focus from the keyboard", async () => {
    const page = await openPage(english);
    await page.focus("#worklist tbody tr:nth-child(1)");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.querySelector("th")?.textContent)).toBe("Ella Email");
    await page.keyboard.press("e");
    await page.keyboard.press("Home");
    await page.keyboard.press("c");
    expect(await page.$$eval("#worklist tbody tr", (trs) => trs.map((r) => (r as HTMLElement).tabIndex))).toEqual([0, -1, -1]);
    const opened = await page.evaluate(() => (window as unknown as { __opened: [{ entityName: string }, unknown][] }).__opened.map((o) => o[0].entityName));
    expect(opened).toEqual(["email", "phonecall"]);
    await page.close();
  });

  it("speaks German for a German user and says why when the worklist cannot be loaded", async () => {
    const de = await openPage(german);
    expect(await de.textContent("h1")).toBe("Meine Aufmerksamkeits-Arbeitsliste");
    expect(await de.textContent("#status")).toBe("3 Kontakte, die Sie jetzt ansprechen können.");
    expect((await cells(de))[2]?.[3]).toBe("E-Mail");
    await de.close();
    const page = await openPage(failing, "error");
    expect(await page.textContent("#status")).toBe("The worklist could not be loaded: You do not have the privilege.");
    expect(await cells(page)).toEqual([]);
    await page.close();
  });
});
