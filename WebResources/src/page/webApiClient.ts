import { AggregateRow } from "./aggregates";

/** The page's seam to Dataverse: aggregate FetchXML in, rows out. Tests and the stub server plug in here. */
export interface AggregateClient {
  aggregate(entitySetName: string, fetchXml: string): Promise<AggregateRow[]>;
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/**
 * AggregateClient over the Dataverse Web API (GET <set>?fetchXml=…). The formatted-value and
 * lookup annotations carry owner names and types for grouped lookups, so we ask for all of them.
 */
export class WebApiAggregateClient implements AggregateClient {
  constructor(
    private readonly clientUrl: string,
    private readonly fetchFn: FetchFunction,
    private readonly apiVersion = "9.2",
  ) {}

  async aggregate(entitySetName: string, fetchXml: string): Promise<AggregateRow[]> {
    const url = `${this.clientUrl.replace(/\/$/, "")}/api/data/v${this.apiVersion}/${entitySetName}?fetchXml=${encodeURIComponent(fetchXml)}`;
    const response = await this.fetchFn(url, {
      method: "GET",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "OData-MaxVersion": "4.0",
        "OData-Version": "4.0",
        Prefer: 'odata.include-annotations="*"',
      },
    });
    const body: unknown = await response.json();
    if (!response.ok) {
      throw new Error(errorMessage(body) ?? `The Web API answered HTTP ${response.status}.`);
    }
    if (body === null || typeof body !== "object" || !Array.isArray((body as Record<string, unknown>)["value"])) {
      throw new Error("The Web API answer has no value array.");
    }
    return (body as { value: AggregateRow[] }).value;
  }
}

function errorMessage(body: unknown): string | null {
  if (body !== null && typeof body === "object") {
    const error = (body as Record<string, unknown>)["error"];
    if (error !== null && typeof error === "object") {
      const message = (error as Record<string, unknown>)["message"];
      if (typeof message === "string") {
        return message;
      }
    }
  }
  return null;
}
