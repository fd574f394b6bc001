import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from "chart.js";
import { Band, DecisionKind, EntitySets, Tables } from "../names";
import { formatNumber, formatPercent } from "../shared/formatting";
import { Language, TextKey, bandLabel, decisionLabel, text } from "../shared/localization";
import { OwnerOption, bucketLabel, parseOwners } from "./aggregates";
import { evaluateCurve } from "./curveFit";
import { byId, fillTable, setText } from "./dom";
import { ownersFetch, pressureBuckets } from "./fetchXml";
import { PageFilter, encodeOwner, validateFilter } from "./filters";
import { PageData, loadPageData } from "./pageData";
import { AggregateClient, isAggregateLimitError } from "./webApiClient";

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);

export interface AttentionPageOptions {
  document: Document;
  client: AggregateClient;
  language: Language;
  locale: string;
  initialFilter: PageFilter;
}

const fontFamily = '"Segoe UI", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", Arial, sans-serif';

// Colours meet 3:1 against white for graphics (WCAG 1.4.11) and stay apart for common colour blindness.
const bandColours = ["#2e7d32", "#0f6cbd", "#c75300", "#a4262c"];
const decisionColours: Record<number, string> = {
  [DecisionKind.Allow]: "#8a8886",
  [DecisionKind.Warn]: "#c75300",
  [DecisionKind.Block]: "#a4262c",
  [DecisionKind.Suppress]: "#5c2e91",
  [DecisionKind.RouteToHuman]: "#0f6cbd",
  [DecisionKind.Exempt]: "#2e7d32",
};

const maxChartedOwners = 12;

interface Charts {
  response: Chart<"bar" | "line", (number | null)[], string>;
  bands: Chart<"doughnut", number[], string>;
  weekly: Chart<"bar", number[], string>;
  owners: Chart<"bar", number[], string>;
}

export interface AttentionPage {
  /** Loads the charts for a filter; resolves once they show the new data (or the error). */
  apply(filter: PageFilter): Promise<void>;
}

function localise(doc: Document, language: Language): void {
  const t = (key: TextKey): string => text(language, key);
  doc.documentElement.lang = language;
  doc.title = t("pageTitle");
  const labels: [string, TextKey][] = [
    ["page-title", "pageTitle"],
    ["page-subtitle", "pageSubtitle"],
    ["filters-legend", "filtersLegend"],
    ["label-from", "filterFrom"],
    ["label-to", "filterTo"],
    ["label-owner", "filterOwner"],
    ["filter-apply", "filterApply"],
    ["title-response", "chartResponseTitle"],
    ["description-response", "chartResponseDescription"],
    ["title-bands", "chartBandsTitle"],
    ["description-bands", "chartBandsDescription"],
    ["title-weekly", "chartWeeklyTitle"],
    ["description-weekly", "chartWeeklyDescription"],
    ["title-owners", "chartOwnersTitle"],
    ["kpis-title", "kpisTitle"],
    ["kpi-touched-label", "kpiTouched"],
    ["kpi-rate-label", "kpiRate"],
    ["kpi-decisions-label", "kpiDecisions"],
    ["kpi-protected-label", "kpiProtected"],
    ["description-owners", "chartOwnersDescription"],
  ];
  for (const [id, key] of labels) {
    setText(doc, id, t(key));
  }
  doc.querySelectorAll("summary").forEach((summary) => (summary.textContent = t("showTable")));
}

function fillOwners(select: HTMLSelectElement, owners: readonly OwnerOption[], language: Language, locale: string): void {
  const doc = select.ownerDocument;
  select.replaceChildren(new Option(text(language, "filterAllOwners"), ""));
  const groups: [string, TextKey][] = [
    [Tables.systemuser, "filterUsers"],
    [Tables.team, "filterTeams"],
  ];
  for (const [type, key] of groups) {
    const members = owners.filter((o) => o.type === type);
    if (members.length === 0) {
      continue;
    }
    const group = doc.createElement("optgroup");
    group.label = text(language, key);
    for (const owner of members) {
      // new Option(text, value) sets text content: a hostile name stays a name.
      group.appendChild(new Option(`${owner.name} (${formatNumber(owner.contacts, locale, 0)})`, encodeOwner(owner)));
    }
    select.appendChild(group);
  }
}

// Animation off: the charts are data, not decoration, and users with reduced motion get a still page.
const common = { responsive: true, maintainAspectRatio: false, animation: false } as const;
const bottomLegend = { position: "bottom", labels: { boxWidth: 12, font: { family: fontFamily, size: 12 } } } as const;

function createCharts(doc: Document, language: Language, locale: string): Charts {
  Chart.defaults.font.family = fontFamily;
  Chart.defaults.color = "#424242";
  const canvas = (id: string): HTMLCanvasElement => byId<HTMLCanvasElement>(doc, id);
  const percentAxis = {
    beginAtZero: true,
    title: { display: true, text: text(language, "axisResponseRate") },
    ticks: { callback: (value: number | string) => formatPercent(Number(value), locale) },
  };
  const response = new Chart<"bar" | "line", (number | null)[], string>(canvas("chart-response"), {
    type: "bar",
    data: { labels: [], datasets: [] },
    options: {
      ...common,
      // The line is drawn over the bars (lower order) but listed after them in the legend.
      plugins: { legend: { ...bottomLegend, reverse: true } },
      scales: {
        x: { title: { display: true, text: text(language, "axisPressure") }, grid: { display: false } },
        y: percentAxis,
      },
    },
  });
  const bands = new Chart<"doughnut", number[], string>(canvas("chart-bands"), {
    type: "doughnut",
    data: { labels: [], datasets: [] },
    options: { ...common, cutout: "55%", plugins: { legend: { position: "right", labels: { boxWidth: 12, font: { family: fontFamily, size: 12 } } } } },
  });
  const weekly = new Chart<"bar", number[], string>(canvas("chart-weekly"), {
    type: "bar",
    data: { labels: [], datasets: [] },
    options: {
      ...common,
      plugins: { legend: bottomLegend },
      scales: {
        x: { stacked: true, title: { display: true, text: text(language, "axisWeek") }, grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: text(language, "axisDecisions") }, ticks: { precision: 0 } },
      },
    },
  });
  const owners = new Chart<"bar", number[], string>(canvas("chart-owners"), {
    type: "bar",
    data: { labels: [], datasets: [] },
    options: {
      ...common,
      plugins: { legend: bottomLegend },
      indexAxis: "y",
      scales: {
        x: { stacked: true, beginAtZero: true, title: { display: true, text: text(language, "axisDecisions") }, ticks: { precision: 0 } },
        y: { stacked: true, title: { display: true, text: text(language, "axisOwner") }, grid: { display: false } },
      },
    },
  });
  return { response, bands, weekly, owners };
}

function describeCanvas(doc: Document, id: string, title: string, parts: string[], language: Language): void {
  const summary = parts.length === 0 ? text(language, "noData") : parts.join("; ");
  byId(doc, id).setAttribute("aria-label", `${title}: ${summary}`);
}

function render(doc: Document, charts: Charts, data: PageData, language: Language, locale: string): void {
  const n = (value: number): string => formatNumber(value, locale, 0);

  // Key figures.
  const touchedTotal = data.points.reduce((sum, p) => sum + p.touched, 0);
  const answeredTotal = data.points.reduce((sum, p) => sum + p.answered, 0);
  setText(doc, "kpi-touched", n(touchedTotal));
  setText(doc, "kpi-rate", touchedTotal === 0 ? "–" : formatPercent(answeredTotal / touchedTotal, locale));
  setText(doc, "kpi-decisions", n(data.weekly.counts.flat().reduce((a, b) => a + b, 0)));
  setText(doc, "kpi-protected", n(data.owners.reduce((sum, o) => sum + o.suppressed + o.routed, 0)));

  // 1. Response rate by pressure, with the fitted curve.
  const labels = pressureBuckets.map((b) => bucketLabel(b, locale));
  const rates = data.points.map((p) => (p.touched === 0 ? null : p.answered / p.touched));
  const curve = data.curve;
  charts.response.data = {
    labels,
    datasets: [
      { type: "bar", label: text(language, "seriesObserved"), data: rates, backgroundColor: "#9cc3e6", borderColor: "#0f6cbd", borderWidth: 1, order: 2 },
      {
        type: "line",
        label: text(language, "seriesFitted"),
        data: curve === null ? [] : data.points.map((p) => evaluateCurve(curve, p.pressure)),
        borderColor: "#a4262c",
        backgroundColor: "#a4262c",
        borderWidth: 2,
        pointRadius: 3,
        tension: 0.3,
        order: 1,
      },
    ],
  };
  charts.response.update();
  setText(
    doc,
    "note-response",
    curve === null
      ? text(language, "fitUnavailable")
      : text(language, "fittedFormula", { p0: formatPercent(curve.p0, locale), alpha: formatNumber(curve.alpha, locale, 3) }),
  );
  fillTable(
    byId<HTMLTableElement>(doc, "table-response"),
    text(language, "chartResponseTitle"),
    [{ text: text(language, "axisPressure") }, { text: text(language, "columnContacts"), numeric: true }, { text: text(language, "columnResponded"), numeric: true }, { text: text(language, "axisResponseRate"), numeric: true }],
    data.points.map((p, i) => [
      { text: labels[i] ?? "" },
      { text: n(p.touched), numeric: true },
      { text: n(p.answered), numeric: true },
      { text: p.touched === 0 ? "–" : formatPercent(p.answered / p.touched, locale), numeric: true },
    ]),
  );
  describeCanvas(
    doc,
    "chart-response",
    text(language, "chartResponseTitle"),
    data.points.flatMap((p, i) => (p.touched === 0 ? [] : [`${labels[i] ?? ""}: ${formatPercent(p.answered / p.touched, locale)}`])),
    language,
  );

  // 2. Contacts by band.
  const bandNames = Object.values(Band).map((code) => bandLabel(language, code));
  charts.bands.data = {
    labels: bandNames,
    datasets: [{ data: data.bands, backgroundColor: bandColours, borderColor: "#ffffff", borderWidth: 2 }],
  };
  charts.bands.update();
  const totalContacts = data.bands.reduce((a, b) => a + b, 0);
  setText(doc, "note-bands", totalContacts === 0 ? text(language, "noData") : `${text(language, "axisContacts")}: ${n(totalContacts)}`);
  fillTable(
    byId<HTMLTableElement>(doc, "table-bands"),
    text(language, "chartBandsTitle"),
    [{ text: text(language, "chartBandsTitle") }, { text: text(language, "axisContacts"), numeric: true }],
    bandNames.map((name, i) => [{ text: name }, { text: n(data.bands[i] ?? 0), numeric: true }]),
  );
  describeCanvas(doc, "chart-bands", text(language, "chartBandsTitle"), totalContacts === 0 ? [] : bandNames.map((name, i) => `${name} ${n(data.bands[i] ?? 0)}`), language);

  // 3. Decisions per week by kind.
  // The year only matters when the range crosses a year end.
  const weekKey: TextKey = new Set(data.weekly.weeks.map((w) => w.year)).size > 1 ? "weekLabelWithYear" : "weekLabel";
  const weekLabels = data.weekly.weeks.map((w) => text(language, weekKey, { year: w.year, week: w.week }));
  const kinds = Object.values(DecisionKind);
  charts.weekly.data = {
    labels: weekLabels,
    datasets: kinds.map((kind) => ({
      label: decisionLabel(language, kind),
      data: data.weekly.counts[kind] ?? [],
      backgroundColor: decisionColours[kind],
    })),
  };
  charts.weekly.update();
  const totalDecisions = data.weekly.counts.flat().reduce((a, b) => a + b, 0);
  setText(doc, "note-weekly", totalDecisions === 0 ? text(language, "noData") : `${text(language, "axisDecisions")}: ${n(totalDecisions)}`);
  fillTable(
    byId<HTMLTableElement>(doc, "table-weekly"),
    text(language, "chartWeeklyTitle"),
    [{ text: text(language, "axisWeek") }, ...kinds.map((k) => ({ text: decisionLabel(language, k), numeric: true }))],
    weekLabels.map((label, i) => [{ text: label }, ...kinds.map((k) => ({ text: n(data.weekly.counts[k]?.[i] ?? 0), numeric: true }))]),
  );
  describeCanvas(
    doc,
    "chart-weekly",
    text(language, "chartWeeklyTitle"),
    weekLabels.map((label, i) => `${label} ${n(kinds.reduce<number>((sum, k) => sum + (data.weekly.counts[k]?.[i] ?? 0), 0))}`),
    language,
  );

  // 4. Suppressed and routed per owner. Owner names reach the canvas and the table only as text.
  // The chart keeps to the busiest owners so bars stay readable; the table lists every owner.
  const charted = data.owners.slice(0, maxChartedOwners);
  charts.owners.data = {
    labels: charted.map((o) => o.owner.name),
    datasets: [
      { label: decisionLabel(language, DecisionKind.Suppress), data: charted.map((o) => o.suppressed), backgroundColor: decisionColours[DecisionKind.Suppress] },
      { label: decisionLabel(language, DecisionKind.RouteToHuman), data: charted.map((o) => o.routed), backgroundColor: decisionColours[DecisionKind.RouteToHuman] },
    ],
  };
  charts.owners.update();
  setText(
    doc,
    "note-owners",
    data.owners.length === 0
      ? text(language, "noData")
      : data.owners.length > charted.length
        ? text(language, "ownersTruncated", { shown: charted.length, total: data.owners.length })
        : "",
  );
  fillTable(
    byId<HTMLTableElement>(doc, "table-owners"),
    text(language, "chartOwnersTitle"),
    [
      { text: text(language, "axisOwner") },
      { text: decisionLabel(language, DecisionKind.Suppress), numeric: true },
      { text: decisionLabel(language, DecisionKind.RouteToHuman), numeric: true },
    ],
    data.owners.map((o) => [{ text: o.owner.name }, { text: n(o.suppressed), numeric: true }, { text: n(o.routed), numeric: true }]),
  );
  describeCanvas(
    doc,
    "chart-owners",
    text(language, "chartOwnersTitle"),
    data.owners.map((o) => `${o.owner.name} ${n(o.suppressed)} / ${n(o.routed)}`),
    language,
  );
}

function setStatus(doc: Document, message: string, isError: boolean): void {
  const status = byId(doc, "status");
  status.textContent = message;
  status.classList.toggle("error", isError);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Wires the attention page: localises it, fills the owner filter, draws the charts for the initial filter. */
export async function startAttentionPage(options: AttentionPageOptions): Promise<AttentionPage> {
  const { document: doc, client, language, locale } = options;
  localise(doc, language);
  const form = byId<HTMLFormElement>(doc, "filters");
  const from = byId<HTMLInputElement>(doc, "filter-from");
  const to = byId<HTMLInputElement>(doc, "filter-to");
  const owner = byId<HTMLSelectElement>(doc, "filter-owner");
  const main = byId(doc, "charts");
  const charts = createCharts(doc, language, locale);
  let latest = 0;

  async function apply(filter: PageFilter): Promise<void> {
    const request = ++latest;
    main.setAttribute("aria-busy", "true");
    main.dataset["state"] = "loading";
    setStatus(doc, text(language, "loading"), false);
    try {
      const data = await loadPageData(client, filter);
      if (request !== latest) {
        return;
      }
      render(doc, charts, data, language, locale);
      main.dataset["state"] = "ready";
      setStatus(doc, text(language, "loaded"), false);
    } catch (error: unknown) {
      if (request !== latest) {
        return;
      }
      main.dataset["state"] = "error";
      setStatus(doc, isAggregateLimitError(error) ? text(language, "tooManyRows") : text(language, "loadFailed", { message: errorText(error) }), true);
    } finally {
      if (request === latest) {
        main.setAttribute("aria-busy", "false");
      }
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    let filter: PageFilter;
    try {
      filter = validateFilter(from.value, to.value, owner.value);
    } catch (error: unknown) {
      setStatus(doc, error instanceof RangeError ? text(language, "filterInvalidRange") : errorText(error), true);
      return;
    }
    void apply(filter);
  });

  from.value = options.initialFilter.from;
  to.value = options.initialFilter.to;
  try {
    fillOwners(owner, parseOwners(await client.aggregate(EntitySets.contact, ownersFetch())), language, locale);
  } catch (error: unknown) {
    fillOwners(owner, [], language, locale);
    setStatus(doc, text(language, "loadFailed", { message: errorText(error) }), true);
  }
  owner.value = encodeOwner(options.initialFilter.owner);
  await apply(options.initialFilter);
  return { apply };
}
