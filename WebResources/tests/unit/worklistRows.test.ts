import { describe, expect, it } from "vitest";
import { readRepoFile } from "./repoFile.mjs";
import {
  WorklistColumns,
  activityTarget,
  formatScore,
  formatValue,
  lookupId,
  parseWorklist,
  suggestedKind,
  worklistUrl,
} from "../../src/worklist/worklistRows";
import { XrmActivityOpener } from "../../src/worklist/worklistClient";
import { bandText, channelText, shortcutKeys, worklistText } from "../../src/worklist/worklistText";

const anna = {
  cat_contact: { "@odata.type": "#Microsoft.Dynamics.CRM.contact", contactid: "00000000-0000-0000-0000-0000000000c1" },
  cat_contactname: "Anna Berg",
  cat_account: { "@odata.type": "#Microsoft.Dynamics.CRM.account", accountid: "00000000-0000-0000-0000-0000000000a1" },
  cat_accountname: "Contoso",
  cat_bestchannel: 1,
  cat_expectedvalue: 7485.5,
  cat_score: 100,
  cat_band: 0,
  cat_reason: 2,
  cat_reasonline: "high value, never touched",
};

describe("worklist rows", () => {
  it("asks the function for the caller with the count as a parameter alias", () => {
    expect(worklistUrl("https://org.example/", 25)).toBe("https://org.example/api/data/v9.2/cat_GetWorklist(cat_Count=@count)?@count=25");
    expect(() => worklistUrl("https://org.example", 0)).toThrow(RangeError);
    expect(() => worklistUrl("https://org.example", 251)).toThrow("between 1 and 250");
  });

  it("parses the rows in their order, lookups from nested entities or _value columns", () => {
    const routed = {
      _cat_contact_value: "00000000-0000-0000-0000-0000000000c2",
      cat_contactname: "Ben Vogel",
      cat_bestchannel: "1",
      cat_expectedvalue: "120",
      cat_score: 64.5,
      cat_band: 1,
      cat_reason: 0,
      cat_reasonline: "routed from a suppressed sequence email",
      cat_routedcall: { phonecallid: "00000000-0000-0000-0000-0000000000f1" },
      cat_routedcalldueon: "2026-11-26T09:00:00Z",
    };
    const rows = parseWorklist({ cat_Rows: [routed, anna] });

    expect(rows.map((r) => r.contactName)).toEqual(["Ben Vogel", "Anna Berg"]);
    expect(rows[0]).toMatchObject({ contactId: "00000000-0000-0000-0000-0000000000c2", accountId: null, routedCallId: "00000000-0000-0000-0000-0000000000f1", expectedValue: 120, bestChannel: 1 });
    expect(rows[1]).toMatchObject({ accountId: "00000000-0000-0000-0000-0000000000a1", accountName: "Contoso", routedCallId: null, routedCallDueOn: null, score: 100 });
  });

  it("refuses an answer without rows and a row without a contact or a number", () => {
    expect(() => parseWorklist({ value: [] })).toThrow("no cat_Rows array");
    expect(() => parseWorklist({ cat_Rows: [{ cat_contactname: "Nobody" }] })).toThrow("no contact");
    expect(() => parseWorklist({ cat_Rows: [{ ...anna, cat_score: "high" }] })).toThrow("cat_score");
    expect(lookupId({ x: 5 }, "x", "contact")).toBeNull();
  });

  it("opens the routed call itself, otherwise a new activity regarding the contact", () => {
    const [row] = parseWorklist({ cat_Rows: [{ ...anna, cat_routedcall: { phonecallid: "f1" } }] });
    if (row === undefined) throw new Error("no row");
    expect(activityTarget(row, "phonecall")).toEqual({ kind: "phonecall", existingId: "f1", regarding: { id: row.contactId, name: "Anna Berg", table: "contact" } });
    expect(activityTarget(row, "email").existingId).toBeNull();
    expect(suggestedKind(row)).toBe("phonecall");
    expect(suggestedKind({ ...row, routedCallId: null, bestChannel: 0 })).toBe("email");
  });

  it("hands the regarding contact to Xrm.Navigation.openForm as lookup form parameters", async () => {
    const calls: unknown[] = [];
    const opener = new XrmActivityOpener({
      openForm: (options, parameters) => {
        calls.push([options, parameters]);
        return Promise.resolve({ savedEntityReference: [] }) as unknown as Xrm.Async.PromiseLike<Xrm.Navigation.OpenFormResult>;
      },
    });
    const [row] = parseWorklist({ cat_Rows: [anna] });
    if (row === undefined) throw new Error("no row");
    await opener.open(activityTarget(row, "email"));
    await opener.open({ ...activityTarget(row, "phonecall"), existingId: "f9" });
    expect(calls).toEqual([
      [{ entityName: "email", useQuickCreateForm: false }, { regardingobjectid: row.contactId, regardingobjectidname: "Anna Berg", regardingobjectidtype: "contact" }],
      [{ entityName: "phonecall", entityId: "f9" }, undefined],
    ]);
  });

  it("formats value and score in the user's locale", () => {
    expect(formatValue(7485.5, "en-US")).toBe("7,486");
    expect(formatValue(7485.5, "de-DE")).toBe("7.486");
    expect(formatScore(101, "en-US")).toBe("100");
  });

  it("uses the plugin's row column names", () => {
    const source = readRepoFile("Plugins/CrmAttention.Plugins/Api/GetWorklistApi.cs");
    const inCSharp = [...source.matchAll(/public const string \w+ = "(cat_[a-z]+)";/g)].map((m) => m[1]).sort();
    expect(Object.values(WorklistColumns).sort()).toEqual(inCSharp);
  });
});

describe("worklist texts", () => {
  it("speaks English and German, with shortcut keys that match the button labels", () => {
    expect(worklistText("en", "title")).toBe("My attention worklist");
    expect(worklistText("de", "title")).toBe("Meine Aufmerksamkeits-Arbeitsliste");
    expect(worklistText("de", "count", { count: "3" })).toBe("3 Kontakte, die Sie jetzt ansprechen können.");
    expect(worklistText("en", "callLabel", { name: "Anna" })).toBe("Call Anna");
    expect(bandText("de", 2)).toBe("Gesättigt");
    expect(channelText("en", 1)).toBe("Phone");
    for (const language of ["en", "de"] as const) {
      const keys = shortcutKeys(language);
      expect(worklistText(language, "call").toLowerCase().startsWith(keys.call)).toBe(true);
      expect(worklistText(language, "email").toLowerCase().startsWith(keys.email)).toBe(true);
    }
  });
});
