// A stand-in for the Dataverse endpoints the attention page touches, on 127.0.0.1 only:
//  - /WebResources/… serves the built page and script from dist/ at their web resource paths;
//  - /WebResources/ClientGlobalContext.js.aspx gives the page its global context (org URL, language);
//  - /api/data/v9.2/<set>?fetchXml=… answers aggregate FetchXML over the fixture rows, with the
//    formatted-value and lookup annotations the real Web API adds when asked for them.
// The FetchXML evaluator handles exactly the shapes the page sends and answers 400 naming anything
// else, so a query the page should not send fails the test instead of matching silently.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { bandLabels, contacts, decisionLabels, decisions, owners } from "./fixtures.mjs";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));
const prefix = 742800000;

const files = {
  "/WebResources/cat_/pages/attention.html": ["attention.html", "text/html; charset=utf-8"],
  "/WebResources/cat_/scripts/attentionpage.js": ["attentionpage.js", "text/javascript; charset=utf-8"],
};

const tables = {
  contacts: { logicalName: "contact", rows: contacts },
  cat_attentiondecisions: { logicalName: "cat_attentiondecision", rows: decisions },
};

class Unsupported extends Error {}

class AggregateLimitExceeded extends Error {}

function attributesOf(tag) {
  const result = {};
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) {
    result[m[1]] = m[2].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  }
  return result;
}

function parseBlock(xml) {
  const attributes = [...xml.matchAll(/<attribute ([^>]*?)\/>/g)].map((m) => attributesOf(m[1]));
  const conditions = [...xml.matchAll(/<condition ([^>]*?)(?:\/>|>([\s\S]*?)<\/condition>)/g)].map((m) => ({
    ...attributesOf(m[1]),
    values: m[2] === undefined ? [] : [...m[2].matchAll(/<value>([^<]*)<\/value>/g)].map((v) => v[1]),
  }));
  return { attributes, conditions };
}

function parseFetch(xml) {
  if (!/^<fetch aggregate="true">/.test(xml)) {
    throw new Unsupported("only aggregate fetches are supported by the stub");
  }
  const linkMatch = /<link-entity ([^>]*)>([\s\S]*?)<\/link-entity>/.exec(xml);
  const main = parseBlock(linkMatch === null ? xml : xml.replace(linkMatch[0], ""));
  const entity = /<entity name="([^"]+)">/.exec(xml)?.[1];
  let link = null;
  if (linkMatch !== null) {
    const a = attributesOf(linkMatch[1]);
    if (a.name !== "contact" || a.from !== "contactid" || a["link-type"] !== "inner") {
      throw new Unsupported(`link-entity ${linkMatch[1]}`);
    }
    link = { ...a, ...parseBlock(linkMatch[2]) };
  }
  return { entity, main, link };
}

function day(iso) {
  return iso.slice(0, 10);
}

function matches(row, c) {
  const v = row[c.attribute];
  switch (c.operator) {
    case "on-or-after":
      return v !== null && v !== undefined && day(v) >= c.value;
    case "on-or-before":
      return v !== null && v !== undefined && day(v) <= c.value;
    case "ge":
      return v !== null && v >= Number(c.value);
    case "lt":
      return v !== null && v < Number(c.value);
    case "eq":
      return String(v).toLowerCase() === c.value.toLowerCase();
    case "not-null":
      return v !== null && v !== undefined;
    case "in":
      return c.values.map(Number).includes(v);
    default:
      throw new Unsupported(`condition operator ${c.operator}`);
  }
}

function isoWeek(iso) {
  // ISO 8601: the week belongs to the year of its Thursday.
  const d = new Date(`${day(iso)}T00:00:00Z`);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return { year: d.getUTCFullYear(), week: Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

function groupValue(row, attribute) {
  const v = row[attribute.name];
  if (attribute.dategrouping === "year") return isoWeek(v).year;
  if (attribute.dategrouping === "week") return isoWeek(v).week;
  if (attribute.dategrouping !== undefined) throw new Unsupported(`dategrouping ${attribute.dategrouping}`);
  return v;
}

function annotate(out, alias, attribute, value) {
  out[alias] = value;
  if (attribute.name === "ownerid") {
    const owner = owners.find((o) => o.id === value);
    out[`${alias}@OData.Community.Display.V1.FormattedValue`] = owner.name;
    out[`${alias}@Microsoft.Dynamics.CRM.lookuplogicalname`] = owner.type;
  } else if (attribute.name === "cat_band") {
    out[`${alias}@OData.Community.Display.V1.FormattedValue`] = bandLabels[value - prefix];
  } else if (attribute.name === "cat_decision") {
    out[`${alias}@OData.Community.Display.V1.FormattedValue`] = decisionLabels[value - prefix];
  }
}

export function evaluateFetch(setName, xml, aggregateLimit = 50_000) {
  const table = tables[setName];
  if (table === undefined) throw new Unsupported(`entity set ${setName}`);
  const { entity, main, link } = parseFetch(xml);
  if (entity !== table.logicalName) throw new Unsupported(`entity ${entity} on set ${setName}`);
  let rows = table.rows.map((row) => ({ row, contact: null }));
  if (link !== null) {
    rows = rows
      .map(({ row }) => ({ row, contact: contacts.find((c) => c.contactid === row[link.to]) }))
      .filter(({ contact }) => contact !== undefined && link.conditions.every((c) => matches(contact, c)));
  }
  rows = rows.filter(({ row }) => main.conditions.every((c) => matches(row, c)));
  if (rows.length > aggregateLimit) {
    // Dataverse refuses an aggregate over more rows than its limit (50,000) with 0x8004E023.
    throw new AggregateLimitExceeded("AggregateQueryRecordLimit exceeded. Cannot perform this operation.");
  }
  const groupings = [
    ...main.attributes.filter((a) => a.groupby === "true").map((a) => ({ a, from: "row" })),
    ...(link?.attributes ?? []).filter((a) => a.groupby === "true").map((a) => ({ a, from: "contact" })),
  ];
  const counts = main.attributes.filter((a) => a.aggregate !== undefined);
  for (const c of counts) {
    if (c.aggregate !== "count") throw new Unsupported(`aggregate ${c.aggregate}`);
  }
  const groups = new Map();
  for (const r of rows) {
    const key = groupings.map(({ a, from }) => groupValue(r[from], a));
    const k = JSON.stringify(key);
    const g = groups.get(k) ?? { key, count: 0 };
    g.count++;
    groups.set(k, g);
  }
  if (groupings.length === 0 && groups.size === 0) {
    groups.set("[]", { key: [], count: 0 });
  }
  return [...groups.values()].map(({ key, count }) => {
    const out = {};
    groupings.forEach(({ a }, i) => annotate(out, a.alias, a, key[i]));
    for (const c of counts) out[c.alias] = count;
    return out;
  });
}

/**
 * Starts the stub on an ephemeral 127.0.0.1 port. languageId is what the user's settings say;
 * aggregateLimit stands in for Dataverse's 50,000-row aggregate limit so a test can hit it.
 */
export async function startStubDataverse({ languageId, aggregateLimit = 50_000 }) {
  const requests = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    requests.push({ path: url.pathname, search: url.search, prefer: request.headers.prefer ?? null });
    const send = (status, type, body) => {
      response.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
      response.end(body);
    };
    if (url.pathname === "/WebResources/ClientGlobalContext.js.aspx") {
      const origin = `http://127.0.0.1:${server.address().port}`;
      send(200, "text/javascript; charset=utf-8",
        `function GetGlobalContext() { return { getClientUrl: function () { return ${JSON.stringify(origin)}; }, userSettings: { languageId: ${Number(languageId)} } }; }`);
      return;
    }
    const file = files[url.pathname];
    if (file !== undefined) {
      readFile(dist + file[0]).then(
        (body) => send(200, file[1], body),
        (error) => send(500, "text/plain", `Build the web resources first (npm run build): ${error.message}`),
      );
      return;
    }
    const api = /^\/api\/data\/v9\.2\/(\w+)$/.exec(url.pathname);
    if (api !== null && url.searchParams.has("fetchXml")) {
      try {
        const value = evaluateFetch(api[1], url.searchParams.get("fetchXml"), aggregateLimit);
        send(200, "application/json; odata.metadata=minimal", JSON.stringify({ "@odata.context": "$metadata", value }));
      } catch (error) {
        if (error instanceof AggregateLimitExceeded) {
          send(400, "application/json", JSON.stringify({ error: { code: "0x8004E023", message: error.message } }));
          return;
        }
        if (!(error instanceof Unsupported)) throw error;
        send(400, "application/json", JSON.stringify({ error: { code: "0x80040203", message: `Stub does not support ${error.message}` } }));
      }
      return;
    }
    if (url.pathname === "/favicon.ico") {
      send(204, "image/x-icon", "");
      return;
    }
    send(404, "text/plain", "not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
