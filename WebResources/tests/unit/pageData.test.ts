import { describe, expect, it } from "vitest";
import { AggregateRow } from "../../src/page/aggregates";
import { loadPageData } from "../../src/page/pageData";
import { AggregateClient, FetchFunction, WebApiAggregateClient, isAggregateLimitError } from "../../src/page/webApiClient";

/** Answers by looking at the query: enough to check what the page asks and how it shapes answers. */
class ScriptedClient implements AggregateClient {
  readonly queries: { set: string; xml: string }[] = [];
  aggregate(entitySetName: string, fetchXml: string): Promise<AggregateRow[]> {
    this.queries.push({ set: entitySetName, xml: fetchXml });
    if (fetchXml.includes('alias="band"')) {
      return Promise.resolve([{ band: 742800001, count: 6 }]);
    }
    if (fetchXml.includes('alias="week"')) {
      return Promise.resolve([{ year: 2026, week: 40, decision: 742800002, count: 3 }]);
    }
    if (fetchXml.includes('alias="owner"')) {
      return Promise.resolve([{ owner: "U1", "owner@OData.Community.Display.V1.FormattedValue": "Alice", decision: 742800003, count: 2 }]);
    }
    const answered = fetchXml.includes("cat_lastresponseon");
    const low = fetchXml.includes('operator="ge" value="0"');
    return Promise.resolve([{ count: low ? (answered ? 40 : 100) : answered ? 10 : 100 }]);
  }
}

describe("loadPageData", () => {
  it("asks two counts per pressure bucket plus bands, weeks and owners, and fits the curve", async () => {
    const client = new ScriptedClient();
    const data = await loadPageData(client, { from: "2026-08-03", to: "2026-10-25", owner: null });
    expect(client.queries).toHaveLength(8 * 2 + 3);
    expect(client.queries.filter((q) => q.set === "cat_attentiondecisions")).toHaveLength(2);
    expect(data.points[0]).toEqual({ pressure: 0.5, touched: 100, answered: 40 });
    expect(data.points[7]).toEqual({ pressure: 15, touched: 100, answered: 10 });
    expect(data.bands).toEqual([0, 6, 0, 0]);
    expect(data.weekly.counts[2]).toEqual([3]);
    expect(data.owners[0]?.suppressed).toBe(2);
    expect(data.curve?.alpha).toBeGreaterThan(0);
  });
});

describe("WebApiAggregateClient", () => {
  it("sends the FetchXML encoded to the entity set with annotations requested", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchFn: FetchFunction = (url, init) => {
      calls.push({ url, init });
      return Promise.resolve(new Response(JSON.stringify({ value: [{ count: 1 }] }), { status: 200 }));
    };
    const rows = await new WebApiAggregateClient("https://org.example/", fetchFn).aggregate("contacts", '<fetch a="1"/>');
    expect(rows).toEqual([{ count: 1 }]);
    expect(calls[0]?.url).toBe("https://org.example/api/data/v9.2/contacts?fetchXml=%3Cfetch%20a%3D%221%22%2F%3E");
    expect((calls[0]?.init.headers as Record<string, string>)["Prefer"]).toBe('odata.include-annotations="*"');
  });

  it("passes the Web API's own error message and code on", async () => {
    const fetchFn: FetchFunction = () =>
      Promise.resolve(new Response(JSON.stringify({ error: { code: "0x8004E023", message: "AggregateQueryRecordLimit exceeded. Cannot perform this operation." } }), { status: 400 }));
    const failure = new WebApiAggregateClient("https://org.example", fetchFn).aggregate("contacts", "<fetch/>");
    await expect(failure).rejects.toThrow("AggregateQueryRecordLimit exceeded");
    const error: unknown = await failure.catch((e: unknown) => e);
    expect(isAggregateLimitError(error)).toBe(true);
  });

  it("reports the HTTP status when the error body carries no message", async () => {
    const fetchFn: FetchFunction = () => Promise.resolve(new Response(JSON.stringify({}), { status: 503 }));
    const error: unknown = await new WebApiAggregateClient("https://org.example", fetchFn).aggregate("contacts", "<fetch/>").catch((e: unknown) => e);
    expect((error as Error).message).toBe("The Web API answered HTTP 503.");
    expect(isAggregateLimitError(error)).toBe(false);
  });
});
