// The "My attention worklist" page: the caller's cat_GetWorklist rows in a table, one-click Call and
// Email per row, keyboard navigable (arrow keys move between rows, C/E act on the row in focus).
// Every value from Dataverse is set as text, never parsed as HTML.
import { byId, setText } from "../page/dom";
import { Language } from "../shared/localization";
import { ActivityOpener, WorklistClient } from "./worklistClient";
import { ActivityKind, WorklistRow, activityTarget, formatScore, formatValue } from "./worklistRows";
import { bandText, channelText, shortcutKeys, worklistText } from "./worklistText";

export interface WorklistPageOptions {
  document: Document;
  client: WorklistClient;
  opener: ActivityOpener;
  language: Language;
  locale: string;
  count?: number;
}

export interface WorklistPage {
  rows: WorklistRow[];
  refresh(): Promise<void>;
}

export async function startWorklistPage(options: WorklistPageOptions): Promise<WorklistPage> {
  const { document: doc, language } = options;
  const t = (key: Parameters<typeof worklistText>[1], values?: Record<string, string>): string => worklistText(language, key, values);
  doc.documentElement.lang = language;
  doc.title = t("title");
  setText(doc, "page-title", t("title"));
  setText(doc, "page-subtitle", t("subtitle"));
  setText(doc, "keyboard-help", t("keyboardHelp"));
  setText(doc, "refresh", t("refresh"));
  const page: WorklistPage = { rows: [], refresh };
  byId<HTMLButtonElement>(doc, "refresh").addEventListener("click", () => {
    void refresh();
  });
  byId<HTMLTableElement>(doc, "worklist").addEventListener("keydown", (event) => onKey(event));
  await refresh();
  return page;

  async function refresh(): Promise<void> {
    const main = byId(doc, "worklist-main");
    main.setAttribute("aria-busy", "true");
    delete main.dataset["state"];
    status(t("loading"), false);
    try {
      page.rows = await options.client.getWorklist(options.count ?? 25);
      render(page.rows);
      status(page.rows.length === 0 ? t("empty") : page.rows.length === 1 ? t("countOne") : t("count", { count: String(page.rows.length) }), false);
      main.dataset["state"] = "ready";
    } catch (error: unknown) {
      render([]);
      status(t("error", { message: error instanceof Error ? error.message : String(error) }), true);
      main.dataset["state"] = "error";
    } finally {
      main.setAttribute("aria-busy", "false");
    }
  }

  function status(message: string, isError: boolean): void {
    const element = byId(doc, "status");
    element.textContent = message;
    element.classList.toggle("error", isError);
  }

  function render(rows: WorklistRow[]): void {
    const table = byId<HTMLTableElement>(doc, "worklist");
    table.replaceChildren();
    const caption = doc.createElement("caption");
    caption.className = "visually-hidden";
    caption.textContent = t("tableCaption");
    table.appendChild(caption);
    const head = doc.createElement("thead");
    const headRow = doc.createElement("tr");
    for (const [key, numeric] of [["headContact", false], ["headAccount", false], ["headWhy", false], ["headChannel", false], ["headValue", true], ["headScore", true], ["headActions", false]] as const) {
      const th = doc.createElement("th");
      th.scope = "col";
      th.textContent = t(key);
      if (numeric) th.className = "num";
      headRow.appendChild(th);
    }
    head.appendChild(headRow);
    table.appendChild(head);
    const body = doc.createElement("tbody");
    rows.forEach((row, index) => body.appendChild(rowElement(row, index)));
    table.appendChild(body);
  }

  function rowElement(row: WorklistRow, index: number): HTMLTableRowElement {
    const tr = doc.createElement("tr");
    // Roving tab index: one row is in the tab order, the arrow keys move between rows.
    tr.tabIndex = index === 0 ? 0 : -1;
    tr.dataset["index"] = String(index);
    if (row.routedCallId !== null) tr.className = "routed";
    const name = doc.createElement("th");
    name.scope = "row";
    name.textContent = row.contactName;
    tr.appendChild(name);
    cell(tr, row.accountName ?? "");
    const why = cell(tr, row.reasonLine);
    if (row.routedCallId !== null) {
      const badge = doc.createElement("span");
      badge.className = "badge";
      badge.textContent = t("routed");
      why.prepend(badge, " ");
    }
    cell(tr, channelText(language, row.bestChannel));
    cell(tr, formatValue(row.expectedValue, options.locale), true);
    cell(tr, `${formatScore(row.score, options.locale)} · ${bandText(language, row.band)}`, true);
    const actions = cell(tr, "");
    actions.className = "actions";
    actions.append(button(row, "phonecall"), button(row, "email"));
    return tr;
  }

  function cell(tr: HTMLTableRowElement, text: string, numeric = false): HTMLTableCellElement {
    const td = doc.createElement("td");
    td.textContent = text;
    if (numeric) td.className = "num";
    tr.appendChild(td);
    return td;
  }

  function button(row: WorklistRow, kind: ActivityKind): HTMLButtonElement {
    const b = doc.createElement("button");
    b.type = "button";
    b.dataset["action"] = kind;
    b.textContent = kind === "phonecall" ? t("call") : t("email");
    const label = kind === "email" ? "emailLabel" : row.routedCallId !== null ? "openRoutedCallLabel" : "callLabel";
    b.setAttribute("aria-label", t(label, { name: row.contactName }));
    if (kind === "phonecall" && row.bestChannel !== 1 && row.routedCallId === null) b.classList.add("secondary");
    if (kind === "email" && (row.bestChannel !== 0 || row.routedCallId !== null)) b.classList.add("secondary");
    b.addEventListener("click", () => {
      void open(row, kind);
    });
    return b;
  }

  async function open(row: WorklistRow, kind: ActivityKind): Promise<void> {
    try {
      await options.opener.open(activityTarget(row, kind));
    } catch (error: unknown) {
      status(t("openError", { message: error instanceof Error ? error.message : String(error) }), true);
    }
  }

  function onKey(event: KeyboardEvent): void {
    const target = event.target;
    if (!(target instanceof doc.defaultView!.HTMLTableRowElement) || target.dataset["index"] === undefined) return;
    const index = Number(target.dataset["index"]);
    const rows = Array.from(byId<HTMLTableElement>(doc, "worklist").tBodies[0]?.rows ?? []);
    const keys = shortcutKeys(language);
    let next: number | null = null;
    switch (event.key) {
      case "ArrowDown": next = Math.min(rows.length - 1, index + 1); break;
      case "ArrowUp": next = Math.max(0, index - 1); break;
      case "Home": next = 0; break;
      case "End": next = rows.length - 1; break;
      default: {
        const key = event.key.toLowerCase();
        const row = page.rows[index];
        if (row !== undefined && (key === keys.call || key === keys.email)) {
          event.preventDefault();
          void open(row, key === keys.call ? "phonecall" : "email");
        }
        return;
      }
    }
    event.preventDefault();
    rows.forEach((r, i) => (r.tabIndex = i === next ? 0 : -1));
    rows[next]?.focus();
  }
}
