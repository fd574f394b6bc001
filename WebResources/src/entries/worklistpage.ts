// Script of the HTML web resource cat_/pages/worklist.html (web resource cat_/scripts/worklistpage.js,
// global CrmAttention.WorklistPage). ClientGlobalContext.js.aspx gives the page its org URL and the
// user's language; the app's Xrm (the parent frame's, when the page is hosted in the app) opens forms.
import { WebApiWorklistClient, XrmActivityOpener, XrmNavigationLike } from "../worklist/worklistClient";
import { startWorklistPage } from "../worklist/worklistPage";
import { languageFromLcid, localeFromLcid } from "../shared/localization";

function navigation(): XrmNavigationLike {
  const host = (window.parent as unknown as { Xrm?: typeof Xrm }).Xrm ?? (window as unknown as { Xrm?: typeof Xrm }).Xrm;
  if (host === undefined) {
    throw new Error("The worklist page must run inside a model-driven app (Xrm is not available).");
  }
  return host.Navigation;
}

/** Starts the page in the current window; called on DOMContentLoaded. */
export function start(): Promise<unknown> {
  const context = GetGlobalContext();
  const lcid = context.userSettings.languageId;
  return startWorklistPage({
    document,
    client: new WebApiWorklistClient(context.getClientUrl(), (input, init) => window.fetch(input, init)),
    opener: { open: (target) => new XrmActivityOpener(navigation()).open(target) },
    language: languageFromLcid(lcid),
    locale: localeFromLcid(lcid),
  });
}

document.addEventListener("DOMContentLoaded", () => {
  void start();
});
