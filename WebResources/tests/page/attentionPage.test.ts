import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser.mjs";
import { DataverseClient, DataverseHost, connectDataverseHost, startDataverseHost } from "../support/dataverseHost.mjs";

// Runs the built page (dist/) in the Debian Chromium against `crm-attention serve`: the Dataverse Web API over
// a simulated org whose rows the CrmAttention plugins wrote. What the page shows from its aggregate FetchXML is
// checked against the same rows read with plain OData queries ($filter with the Dataverse query functions,
// $expand, paging), so the page's aggregation and the host's query paths must agree.
// The screenshot lands in test-results/ (git-ignored); docs/images/attention-page.png is a copy.

const periodStart = "2026-01-05";
const periodEnd = "2026-02-08";
const narrowFrom = "2026-01-26";
const preset = `?data=${encodeURIComponent(`from=${periodStart}&to=${periodEnd}`)}`;
const pagePath = "/WebResources/cat_/pages/attention.html";
const prefix = 742800000;
const suppress = prefix + 3;
const routeToHuman = prefix + 4;
const hostileName = "<img src=x onerror=alert(1)>";

let host: DataverseClient;
let browser: { context: BrowserContext; close(): Promise<void> };
const dialogs: string[] = [];
const apiRequests: { url: string; prefer: string | null }[] = [];

function inPeriod(property: string, from: string, to: string): string {
  return `Microsoft.Dynamics.CRM.OnOrAfter(PropertyName='${property}',PropertyValue='${from}') and ` +
    `Microsoft.Dynamics.CRM.OnOrBefore(PropertyName='${property}',PropertyValue='${to}')`;
}

async function expectedBands(ownerId: string | null, from = periodStart, to = periodEnd): Promise<string[]> {
  const owner = ownerId === null ? "" : ` and _ownerid_value eq ${ownerId}`;
  const rows = await host.all(`contacts?$select=cat_band&$filter=${inPeriod("cat_lasttouchon", from, to)} and cat_band ne null${owner}`);
  const counts = [0, 0, 0, 0];
  for (const row of rows) counts[Number(row["cat_band"]) - prefix] = (counts[Number(row["cat_band"]) - prefix] ?? 0) + 1;
  return counts.map(String);
}

async function decisionsInPeriod(from = periodStart, to = periodEnd): Promise<Record<string, unknown>[]> {
  return host.all(`cat_attentiondecisions?$select=cat_decision&$filter=${inPeriod("cat_evaluatedon", from, to)}&$expand=cat_contactid($select=_ownerid_value)`);
}

async function openPage(search = preset, state = "ready", on: DataverseClient = host): Promise<Page> {
  const page = await browser.context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (request) => {
    if (request.url().includes("/api/data/v9.2/")) apiRequests.push({ url: request.url(), prefer: request.headers()["prefer"] ?? null });
  });
  await page.goto(on.signIn(`${pagePath}${search}`));
  await page.waitForSelector(`main[data-state=${state}]`);
  return page;
}

/** Submits the filter form and waits until the charts show the new answer. */
async function applyFilters(page: Page): Promise<void> {
  await page.evaluate(() => document.getElementById("charts")?.removeAttribute("data-state"));
  await page.click("#filter-apply");
  await page.waitForSelector("main[data-state=ready]");
}

async function tableRows(page: Page, id: string): Promise<string[][]> {
  return page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent ?? "")));
}

/** How many pixels of a canvas are painted: a rendered chart paints thousands, an empty one none. */
async function paintedPixels(page: Page, id: string): Promise<number> {
  return page.$eval(`#${id}`, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) {
      if ((data[i] ?? 0) > 0) painted++;
    }
    return painted;
  });
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

async function userName(id: string): Promise<string> {
  const { body } = await host.request(`systemusers(${id})?$select=fullname`);
  return String(body["fullname"]);
}

beforeAll(async () => {
  const { origin, token } = inject("dataverseHost");
  host = connectDataverseHost(origin, token);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("attention page in Chromium against the Web API host", () => {
  it("renders four charts from aggregate FetchXML that agree with the org's rows, and saves a screenshot", async () => {
    const before = apiRequests.length;
    const page = await openPage();
    for (const id of ["chart-response", "chart-bands", "chart-weekly", "chart-owners"]) {
      expect(await paintedPixels(page, id), id).toBeGreaterThan(2000);
    }
    expect((await tableRows(page, "table-bands")).map((r) => r[1])).toEqual(await expectedBands(null));
    const decisions = await decisionsInPeriod();
    expect(decisions.length).toBeGreaterThan(100);
    expect(await page.textContent("#kpi-decisions")).toBe(formatCount(decisions.length));
    const protectedOwners = new Set(
      decisions
        .filter((d) => d["cat_decision"] === suppress || d["cat_decision"] === routeToHuman)
        .map((d) => String((d["cat_contactid"] as Record<string, unknown>)["_ownerid_value"])),
    );
    const ownerNames = await Promise.all([...protectedOwners].map(userName));
    expect((await tableRows(page, "table-owners")).map((r) => r[0]).sort()).toEqual(ownerNames.sort());
    expect(await page.getAttribute("#chart-response", "aria-label")).toMatch(/^Response rate by pressure: 0–1: \d+%; 1–2: \d+%/);
    const calls = apiRequests.slice(before);
    expect(calls.length).toBe(1 + 16 + 3);
    expect(calls.every((r) => r.prefer === 'odata.include-annotations="*"' && new URL(r.url).search.startsWith("?fetchXml="))).toBe(true);
    // The shared style sheet (cat_/styles/pages.css) loaded from the host and applied.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--accent").trim())).toBe("#0f6cbd");
    await page.screenshot({ path: new URL("../../test-results/attention-page.png", import.meta.url).pathname, fullPage: true });
    await page.close();
  });

  it("redraws the charts for the owner and date range chosen in the filters", async () => {
    const page = await openPage();
    const allBands = await tableRows(page, "table-bands");
    const values = await page.$$eval("#filter-owner option", (o) => o.map((x) => (x as HTMLOptionElement).value));
    const owner = values.find((value) => value.startsWith("systemuser:"));
    if (owner === undefined) throw new Error("no user in the owner filter");
    const ownerId = owner.slice("systemuser:".length);
    await page.selectOption("#filter-owner", owner);
    await applyFilters(page);
    const ownerBands = (await tableRows(page, "table-bands")).map((r) => r[1]);
    expect(ownerBands).toEqual(await expectedBands(ownerId));
    expect(ownerBands).not.toEqual(allBands.map((r) => r[1]));

    await page.fill("#filter-from", narrowFrom);
    await applyFilters(page);
    expect((await tableRows(page, "table-weekly")).length).toBeLessThanOrEqual(3);
    expect((await tableRows(page, "table-bands")).map((r) => r[1])).toEqual(await expectedBands(ownerId, narrowFrom));
    await page.close();
  });

  it("shows a hostile owner name as text and runs nothing from it", async () => {
    const { body: owners } = await host.request("systemusers?$select=fullname&$filter=fullname eq 'Rosa Ivanova' or startswith(fullname,'A')&$top=1");
    const renamed = (owners.value ?? [])[0];
    if (renamed === undefined) throw new Error("no seller to rename");
    const id = String(renamed["systemuserid"]);
    const original = String(renamed["fullname"]);
    expect((await host.request(`systemusers(${id})`, { method: "PATCH", body: { fullname: hostileName }, headers: { "If-Match": "*" } })).status).toBe(204);
    try {
      const page = await openPage();
      const optionTexts = await page.$$eval("#filter-owner option", (o) => o.map((x) => x.textContent ?? ""));
      expect(optionTexts.some((t) => t.startsWith(hostileName))).toBe(true);
      expect(await page.$$eval("img", (images) => images.length)).toBe(0);
      await page.selectOption("#filter-owner", `systemuser:${id}`);
      await applyFilters(page);
      expect(await page.$$eval("img", (images) => images.length)).toBe(0);
      expect(dialogs).toEqual([]);
      await page.close();
    } finally {
      await host.request(`systemusers(${id})`, { method: "PATCH", body: { fullname: original }, headers: { "If-Match": "*" } });
    }
  });

  it("speaks German to a user whose settings say German", async () => {
    const { body: me } = await host.request("WhoAmI");
    const userId = String(me["UserId"]);
    expect((await host.request(`usersettingscollection(${userId})`, { method: "PATCH", body: { uilanguageid: 1031 }, headers: { "If-Match": "*" } })).status).toBe(204);
    try {
      const page = await openPage();
      expect(await page.getAttribute("html", "lang")).toBe("de");
      expect(await page.textContent("h1")).toBe("Aufmerksamkeitsübersicht");
      expect(await page.textContent("#title-bands")).toBe("Kontakte nach Stufe");
      expect((await tableRows(page, "table-bands")).map((r) => r[0])).toEqual(["Aufnahmebereit", "Belastet", "Gesättigt", "Übersättigt"]);
      expect(await page.textContent("#status")).toBe("Diagramme aktualisiert.");
      await page.close();
    } finally {
      await host.request(`usersettingscollection(${userId})`, { method: "PATCH", body: { uilanguageid: 1033 }, headers: { "If-Match": "*" } });
    }
  });

  it("refuses a date range that ends before it starts, without querying", async () => {
    const page = await openPage();
    const before = apiRequests.length;
    await page.fill("#filter-from", "2026-02-05");
    await page.fill("#filter-to", "2026-01-20");
    await page.click("#filter-apply");
    expect(await page.textContent("#status")).toBe("The start date must be on or before the end date.");
    expect(await page.getAttribute("#status", "class")).toContain("error");
    expect(apiRequests.length).toBe(before);
    await page.close();
  });

  it("can be used with the keyboard alone: the filters are reachable in order and Enter applies them", async () => {
    const page = await openPage();
    await page.focus("#filter-from");
    // Tab also walks through the month, day and year parts of a date input: record each new element.
    const order: string[] = ["filter-from"];
    for (let i = 0; i < 12 && order[order.length - 1] !== "filter-apply"; i++) {
      await page.keyboard.press("Tab");
      const id = await page.evaluate(() => document.activeElement?.id ?? "");
      if (id !== order[order.length - 1]) order.push(id);
    }
    expect(order).toEqual(["filter-from", "filter-to", "filter-owner", "filter-apply"]);
    await page.evaluate(() => document.getElementById("charts")?.removeAttribute("data-state"));
    await page.keyboard.press("Enter");
    await page.waitForSelector("main[data-state=ready]");
    expect(await page.textContent("#status")).toBe("Charts updated.");
    await page.close();
  });
});

describe("attention page at the aggregate limit", () => {
  // A longer-run org whose aggregate limit lies just above its contacts: the owner list and the contact charts
  // fit, the decisions of the whole range do not, those of a narrower range do.
  const longEnd = "2026-03-15";
  let limited: DataverseHost;
  let limit = 0;
  let narrow = "";

  beforeAll(async () => {
    const contacts = (await host.all("contacts?$select=contactid")).length;
    limit = contacts + 1;
    limited = await startDataverseHost({ days: 70, aggregateLimit: limit });
    const decisions = await limited.all(`cat_attentiondecisions?$select=cat_evaluatedon&$filter=${inPeriod("cat_evaluatedon", periodStart, longEnd)}`);
    expect(decisions.length).toBeGreaterThan(limit);
    const days = decisions.map((d) => String(d["cat_evaluatedon"]).slice(0, 10)).sort();
    // The earliest start day whose decisions up to the end fit under the limit.
    narrow = nextDay(days[days.length - limit] ?? periodStart);
    const fitting = days.filter((d) => d >= narrow).length;
    expect(fitting).toBeLessThan(limit);
    expect(narrow <= longEnd).toBe(true);
  });

  afterAll(async () => {
    await limited?.close();
  });

  it("explains the 50,000-row aggregate limit and recovers when the range is narrowed", async () => {
    const page = await openPage(`?data=${encodeURIComponent(`from=${periodStart}&to=${longEnd}`)}`, "error", limited);
    expect(await page.textContent("#status")).toBe(
      "This selection covers more than 50,000 rows, the most Dataverse aggregates at once. Narrow the date range or choose an owner.",
    );
    await page.fill("#filter-from", narrow);
    await applyFilters(page);
    expect(await page.textContent("#status")).toBe("Charts updated.");
    expect((await tableRows(page, "table-weekly")).length).toBeGreaterThan(0);
    await page.close();
  });
});

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
