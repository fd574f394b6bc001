import { describe, expect, it } from "vitest";
import { bandsFetch, escapeXml, ownerOutcomesFetch, ownersFetch, pressureBucketFetch, weeklyDecisionsFetch } from "../../src/page/fetchXml";
import { PageFilter } from "../../src/page/filters";

const all: PageFilter = { from: "2026-08-03", to: "2026-10-25", owner: null };
const team: PageFilter = { ...all, owner: { type: "team", id: "00000000-0000-0000-0000-0000000000f1" } };

describe("aggregate FetchXML", () => {
  it("escapes every XML special character", () => {
    expect(escapeXml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  });

  it("lists contact owners grouped by owner", () => {
    expect(ownersFetch()).toBe(
      '<fetch aggregate="true"><entity name="contact"><attribute name="contactid" alias="count" aggregate="count" />' +
        '<attribute name="ownerid" alias="owner" groupby="true" /></entity></fetch>',
    );
  });

  it("counts a pressure bucket's answered contacts in the period for one owner", () => {
    expect(pressureBucketFetch({ lower: 2, upper: 3 }, team, true)).toBe(
      '<fetch aggregate="true"><entity name="contact"><attribute name="contactid" alias="count" aggregate="count" /><filter type="and">' +
        '<condition attribute="cat_lasttouchon" operator="on-or-after" value="2026-08-03" />' +
        '<condition attribute="cat_lasttouchon" operator="on-or-before" value="2026-10-25" />' +
        '<condition attribute="cat_pressure" operator="ge" value="2" />' +
        '<condition attribute="cat_pressure" operator="lt" value="3" />' +
        '<condition attribute="cat_lastresponseon" operator="on-or-after" value="2026-08-03" />' +
        '<condition attribute="cat_lastresponseon" operator="on-or-before" value="2026-10-25" />' +
        '<condition attribute="ownerid" operator="eq" value="00000000-0000-0000-0000-0000000000f1" />' +
        "</filter></entity></fetch>",
    );
  });

  it("leaves the open-ended bucket without an upper bound", () => {
    expect(pressureBucketFetch({ lower: 12, upper: null }, all, false)).not.toContain('operator="lt"');
  });

  it("groups bands of touched contacts", () => {
    const xml = bandsFetch(all);
    expect(xml).toContain('<attribute name="cat_band" alias="band" groupby="true" />');
    expect(xml).toContain('<condition attribute="cat_band" operator="not-null" />');
  });

  it("groups decisions by year, week and kind, filtering the owner through the contact", () => {
    const xml = weeklyDecisionsFetch(team);
    expect(xml).toContain('<entity name="cat_attentiondecision">');
    expect(xml).toContain('alias="year" groupby="true" dategrouping="year"');
    expect(xml).toContain('alias="week" groupby="true" dategrouping="week"');
    expect(xml).toContain(
      '<link-entity name="contact" from="contactid" to="cat_contactid" alias="c" link-type="inner"><filter type="and">' +
        '<condition attribute="ownerid" operator="eq" value="00000000-0000-0000-0000-0000000000f1" /></filter></link-entity>',
    );
    expect(weeklyDecisionsFetch(all)).not.toContain("link-entity");
  });

  it("selects suppressed and routed decisions grouped by the contact's owner", () => {
    const xml = ownerOutcomesFetch(all);
    expect(xml).toContain('<condition attribute="cat_decision" operator="in"><value>742800003</value><value>742800004</value></condition>');
    expect(xml).toContain('<attribute name="ownerid" alias="owner" groupby="true" />');
  });
});
