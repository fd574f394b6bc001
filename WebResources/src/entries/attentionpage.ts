// Script of the HTML web resource cat_/pages/attention.html (web resource cat_/scripts/attentionpage.js,
// global CrmAttention.AttentionPage). The page loads ClientGlobalContext.js.aspx first, which gives an
// HTML web resource its global context (org URL, user language) without reaching into the parent frame.
import { startAttentionPage } from "../page/attentionPage";
import { defaultFilter, filterFromDataParameter } from "../page/filters";
import { WebApiAggregateClient } from "../page/webApiClient";
import { languageFromLcid, localeFromLcid } from "../shared/localization";

/** Starts the page in the current window; called on DOMContentLoaded. */
export function start(): Promise<unknown> {
  const context = GetGlobalContext();
  const lcid = context.userSettings.languageId;
  // The composition root is the one place that reads the clock: the default range ends today.
  const fallback = defaultFilter(new Date());
  let initialFilter = fallback;
  try {
    initialFilter = filterFromDataParameter(window.location.search, fallback);
  } catch (error: unknown) {
    // A malformed preset in the dashboard's custom parameter must not cost the user the page.
    initialFilter = fallback;
    document.documentElement.dataset["presetError"] = error instanceof Error ? error.message : String(error);
  }
  return startAttentionPage({
    document,
    client: new WebApiAggregateClient(context.getClientUrl(), (input, init) => window.fetch(input, init)),
    language: languageFromLcid(lcid),
    locale: localeFromLcid(lcid),
    initialFilter,
  });
}

document.addEventListener("DOMContentLoaded", () => {
  void start();
});
