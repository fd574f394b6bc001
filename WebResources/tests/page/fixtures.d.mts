export interface FixtureOwner {
  id: string;
  name: string;
  type: "systemuser" | "team";
}
export interface FixtureContact {
  contactid: string;
  fullname: string;
  ownerid: string;
  cat_pressure: number;
  cat_band: number;
  cat_lasttouchon: string;
  cat_lastresponseon: string | null;
}
export interface FixtureDecision {
  cat_attentiondecisionid: string;
  cat_contactid: string;
  cat_decision: number;
  cat_evaluatedon: string;
  cat_pressure: number;
}
export const hostileName: string;
export const owners: FixtureOwner[];
export const periodStart: string;
export const periodEnd: string;
export const bandLabels: string[];
export const decisionLabels: string[];
export const contacts: FixtureContact[];
export const decisions: FixtureDecision[];
