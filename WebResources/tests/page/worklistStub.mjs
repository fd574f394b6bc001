// A stand-in for the Dataverse endpoints the worklist page touches, on 127.0.0.1 only: the built page
// and script at their web resource paths, ClientGlobalContext.js.aspx, and the function
// GET /api/data/v9.2/cat_GetWorklist(cat_Count=@count)?@count=N answering the given rows. Anything
// else is a 404, so a request the page should not send fails the test.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));

const files = {
  "/WebResources/cat_/pages/worklist.html": ["worklist.html", "text/html; charset=utf-8"],
  "/WebResources/cat_/scripts/worklistpage.js": ["worklistpage.js", "text/javascript; charset=utf-8"],
};

export async function startWorklistStub({ languageId, rows, failWith = null }) {
  const requests = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    requests.push({ path: url.pathname, search: url.search });
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
    if (decodeURIComponent(url.pathname) === "/api/data/v9.2/cat_GetWorklist(cat_Count=@count)") {
      const count = Number(url.searchParams.get("@count"));
      if (failWith !== null) {
        send(500, "application/json", JSON.stringify({ error: { code: "0x80040265", message: failWith } }));
        return;
      }
      send(200, "application/json; odata.metadata=minimal",
        JSON.stringify({ "@odata.context": "$metadata#Microsoft.Dynamics.CRM.cat_GetWorklistResponse", cat_Rows: rows.slice(0, count) }));
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
