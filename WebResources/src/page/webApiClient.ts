import { AggregateRow } from "./aggregates";

/** The page's seam to Dataverse: aggregate FetchXML in, rows out. Tests and the stub server plug in here. */
export interface AggregateClient {
  aggregate(entitySetName: string, fetchXml: string): Promise<AggregateRow[]>;
}

/** A failed Web API call, with the Dataverse error code (e.g. "0x8004e023") when the server sent one. */
export class WebApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "WebApiError";
  }
}

/** 0x8004E023 AggregateQueryRecordLimit: an aggregate query may look at 50,000 rows at most. */
export function isAggregateLimitError(error: unknown): boolean {
  return error instanceof WebApiError && error.code !== null && error.code.toLowerCase() === "0x8004e023";
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
      const error = errorOf(body);
      throw new WebApiError(error.message ?? `The Web API answered HTTP ${response.status}.`, response.status, error.code);
    }
    if (body === null || typeof body !== "object" || !Array.isArray((body as Record<string, unknown>)["value"])) {
      throw new Error("The Web API answer has no value array.");
    }
    return (body as { value: AggregateRow[] }).value;
  }
}

function errorOf(body: unknown): { message: string | null; code: string | null } {
  if (body !== null && typeof body === "object") {
    const error = (body as Record<string, unknown>)["error"];
    if (error !== null && typeof error === "object") {
      const e = error as Record<string, unknown>;
      return {
        message: typeof e["message"] === "string" ? e["message"] : null,
        code: typeof e["code"] === "string" ? e["code"] : null,
      };
    }
  }
  return { message: null, code: null };
}
