import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser.mjs";
import { contacts, decisions, hostileName, owners, periodEnd, periodStart } from "./fixtures.mjs";
import { StubDataverse, startStubDataverse } from "./stubDataverse.mjs";

// Runs the built page (dist/) in the Debian Chromium against a stub Web API on 127.0.0.1.
// The screenshot lands in test-results/ (git-ignored); docs/images/attention-page.png is a copy.

const preset = `?data=${encodeURIComponent(`from=${periodStart}&to=${periodEnd}`)}`;
const pagePath = "/WebResources/cat_/pages/attention.html";
const prefix = 742800000;

let english: StubDataverse;
let german: StubDataverse;
let limited: StubDataverse;
let browser: { context: BrowserContext; close(): Promise<void> };
const dialogs: string[] = [];

async function openPage(stub: StubDataverse, search = preset, state = "ready"): Promise<Page> {
  const page = await browser.context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${stub.origin}${pagePath}${search}`);
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

function inPeriod(iso: string | null, from = periodStart, to = periodEnd): boolean {
  return iso !== null && iso.slice(0, 10) >= from && iso.slice(0, 10) <= to;
}

function expectedBands(ownerId: string | null, from = periodStart, to = periodEnd): string[] {
  const counts = [0, 0, 0, 0];
  for (const c of contacts) {
    if (inPeriod(c.cat_lasttouchon, from, to) && (ownerId === null || c.ownerid === ownerId)) {
      counts[c.cat_band - prefix] = (counts[c.cat_band - prefix] ?? 0) + 1;
    }
  }
  return counts.map(String);
}

beforeAll(async () => {
  english = await startStubDataverse({ languageId: 1033 });
  german = await startStubDataverse({ languageId: 1031 });
  limited = await startStubDataverse({ languageId: 1033, aggregateLimit: 400 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await english?.close();
  await german?.close();
  await limited?.close();
});

describe("attention page in Chromium", () => {
  it("renders four charts from aggregate FetchXML and saves a screenshot", async () => {
    const page = await openPage(english);
    for (const id of ["chart-response", "chart-bands", "chart-weekly", "chart-owners"]) {
      expect(await paintedPixels(page, id), id).toBeGreaterThan(2000);
    }
    expect((await tableRows(page, "table-bands")).map((r) => r[1])).toEqual(expectedBands(null));
    const ownerRows = await tableRows(page, "table-owners");
    expect(ownerRows.map((r) => r[0]).sort()).toEqual(owners.map((o) => o.name).sort());
    expect(await page.textContent("#kpi-decisions")).toBe(String(decisions.filter((d) => inPeriod(d.cat_evaluatedon)).length).replace(/\B(?=(\d{3})+$)/g, ","));
    expect(await page.getAttribute("#chart-response", "aria-label")).toMatch(/^Response rate by pressure: 0–1: \d+%; 1–2: \d+%/);
    expect(await page.textContent("#note-response")).toMatch(/^Fitted: \d+% · e\^\(−0\.\d{3} · P\)$/);
    const apiCalls = english.requests.filter((r) => r.path.startsWith("/api/data/v9.2/"));
    expect(apiCalls.length).toBe(1 + 16 + 3);
    expect(apiCalls.every((r) => r.prefer === 'odata.include-annotations="*"' && r.search.startsWith("?fetchXml="))).toBe(true);
    await page.screenshot({ path: new URL("../../test-results/attention-page.png", import.meta.url).pathname, fullPage: true });
    await page.close();
  });

  it("redraws the charts for the owner and date range chosen in the filters", async () => {
    const page = await openPage(english);
    const alice = owners[0];
    if (alice === undefined) throw new Error("fixture owner missing");
    const allBands = await tableRows(page, "table-bands");
    await page.selectOption("#filter-owner", `systemuser:${alice.id}`);
    await applyFilters(page);
    const aliceBands = (await tableRows(page, "table-bands")).map((r) => r[1]);
    expect(aliceBands).toEqual(expectedBands(alice.id));
    expect(aliceBands).not.toEqual(allBands.map((r) => r[1]));
    expect((await tableRows(page, "table-owners")).map((r) => r[0])).toEqual([alice.name]);

    await page.fill("#filter-from", "2026-10-05");
    await applyFilters(page);
    expect((await tableRows(page, "table-weekly")).map((r) => r[0])).toEqual(["W41", "W42", "W43"]);
    expect((await tableRows(page, "table-bands")).map((r) => r[1])).toEqual(expectedBands(alice.id, "2026-10-05"));
    await page.close();
  });

  it("shows the hostile owner name as text and runs nothing from it", async () => {
    const page = await openPage(english);
    const optionTexts = await page.$$eval("#filter-owner option", (options) => options.map((o) => o.textContent ?? ""));
    expect(optionTexts.some((t) => t.startsWith(hostileName))).toBe(true);
    expect((await tableRows(page, "table-owners")).some((r) => r[0] === hostileName)).toBe(true);
    expect(await page.$$eval("img", (images) => images.length)).toBe(0);
    const hostile = owners.find((o) => o.name === hostileName);
    await page.selectOption("#filter-owner", `systemuser:${hostile?.id ?? ""}`);
    await applyFilters(page);
    expect((await tableRows(page, "table-owners")).map((r) => r[0])).toEqual([hostileName]);
    expect(await page.getAttribute("#chart-owners", "aria-label")).toContain(hostileName);
    expect(await page.$$eval("img", (images) => images.length)).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("speaks German to a German user", async () => {
    const page = await openPage(german);
    expect(await page.getAttribute("html", "lang")).toBe("de");
    expect(await page.textContent("h1")).toBe("Aufmerksamkeitsübersicht");
    expect(await page.textContent("#title-bands")).toBe("Kontakte nach Stufe");
    expect((await tableRows(page, "table-bands")).map((r) => r[0])).toEqual(["Aufnahmebereit", "Belastet", "Gesättigt", "Übersättigt"]);
    expect(await page.textContent("#status")).toBe("Diagramme aktualisiert.");
    await page.close();
  });

  it("refuses a date range that ends before it starts, without querying", async () => {
    const page = await openPage(english);
    const before = english.requests.length;
    await page.fill("#filter-from", "2026-10-20");
    await page.fill("#filter-to", "2026-10-01");
    await page.click("#filter-apply");
    expect(await page.textContent("#status")).toBe("The start date must be on or before the end date.");
    expect(await page.getAttribute("#status", "class")).toContain("error");
    expect(english.requests.length).toBe(before);
    await page.close();
  });

  it("explains the 50,000-row aggregate limit and recovers when the range is narrowed", async () => {
    const page = await openPage(limited, preset, "error");
    expect(await page.textContent("#status")).toBe(
      "This selection covers more than 50,000 rows, the most Dataverse aggregates at once. Narrow the date range or choose an owner.",
    );
    await page.fill("#filter-from", "2026-10-12");
    await applyFilters(page);
    expect((await tableRows(page, "table-weekly")).map((r) => r[0])).toEqual(["W42", "W43"]);
    await page.close();
  });

  it("can be used with the keyboard alone: the filters are reachable in order and Enter applies them", async () => {
    const page = await openPage(english);
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
    for (const id of ["filter-from", "filter-to", "filter-owner"]) {
      expect(await page.$eval(`label[for=${id}]`, (l) => (l.textContent ?? "").length)).toBeGreaterThan(0);
    }
    await page.close();
  });
});
