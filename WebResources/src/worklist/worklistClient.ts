// The worklist page's seams to Dataverse: the Web API function behind WorklistClient, the app's
// form navigation behind ActivityOpener. Tests plug in their own.
import { ActivityTarget, WorklistRow, parseWorklist, worklistUrl } from "./worklistRows";

export interface WorklistClient {
  getWorklist(count: number): Promise<WorklistRow[]>;
}

export interface ActivityOpener {
  open(target: ActivityTarget): Promise<void>;
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** cat_GetWorklist over the Web API, as the calling user. */
export class WebApiWorklistClient implements WorklistClient {
  constructor(
    private readonly clientUrl: string,
    private readonly fetchFn: FetchFunction,
  ) {}

  async getWorklist(count: number): Promise<WorklistRow[]> {
    const response = await this.fetchFn(worklistUrl(this.clientUrl, count), {
      method: "GET",
      credentials: "same-origin",
      headers: { Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" },
    });
    const body: unknown = await response.json();
    if (!response.ok) {
      const error = (body as { error?: { message?: unknown } } | null)?.error?.message;
      throw new Error(typeof error === "string" ? error : `The Web API answered HTTP ${String(response.status)}.`);
    }
    return parseWorklist(body);
  }
}

/** The subset of Xrm.Navigation the page uses. */
export interface XrmNavigationLike {
  openForm(options: Xrm.Navigation.EntityFormOptions, parameters?: Xrm.Utility.OpenParameters): Xrm.Async.PromiseLike<Xrm.Navigation.OpenFormResult>;
}

/**
 * Opens the activity form in the app: the routed call itself, or a new phone call or email whose
 * Regarding is the contact (lookup form parameters: id, name and table).
 */
export class XrmActivityOpener implements ActivityOpener {
  constructor(private readonly navigation: XrmNavigationLike) {}

  async open(target: ActivityTarget): Promise<void> {
    if (target.existingId !== null) {
      await this.navigation.openForm({ entityName: target.kind, entityId: target.existingId });
      return;
    }
    await this.navigation.openForm(
      { entityName: target.kind, useQuickCreateForm: false },
      {
        regardingobjectid: target.regarding.id,
        regardingobjectidname: target.regarding.name,
        regardingobjectidtype: target.regarding.table,
      },
    );
  }
}
