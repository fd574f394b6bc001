// Small DOM helpers that only ever set text: every value from Dataverse (names above all) is
// untrusted input, so nothing here parses HTML.

export function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const element = doc.getElementById(id);
  if (element === null) {
    throw new Error(`The page has no element #${id}.`);
  }
  return element as T;
}

export function setText(doc: Document, id: string, value: string): void {
  byId(doc, id).textContent = value;
}

export interface TableCell {
  text: string;
  numeric?: boolean;
}

/** Replaces a table's content with a header row and body rows, all as text nodes. */
export function fillTable(table: HTMLTableElement, caption: string, headers: readonly TableCell[], rows: readonly TableCell[][]): void {
  const doc = table.ownerDocument;
  table.replaceChildren();
  const cap = doc.createElement("caption");
  cap.textContent = caption;
  cap.className = "visually-hidden";
  table.appendChild(cap);
  const head = doc.createElement("thead");
  const headRow = doc.createElement("tr");
  for (const h of headers) {
    const th = doc.createElement("th");
    th.scope = "col";
    th.textContent = h.text;
    if (h.numeric === true) {
      th.className = "num";
    }
    headRow.appendChild(th);
  }
  head.appendChild(headRow);
  table.appendChild(head);
  const body = doc.createElement("tbody");
  for (const row of rows) {
    const tr = doc.createElement("tr");
    row.forEach((cell, i) => {
      const td = doc.createElement(i === 0 ? "th" : "td");
      if (i === 0) {
        td.scope = "row";
      }
      td.textContent = cell.text;
      if (cell.numeric === true) {
        td.className = "num";
      }
      tr.appendChild(td);
    });
    body.appendChild(tr);
  }
  table.appendChild(body);
}
