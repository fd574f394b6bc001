// Fixture org for the attention page test: owners (one with a hostile name), contacts with pressure,
// band and touch/response dates, and attention decisions over twelve weeks. Generated from a fixed
// seed so every run sees the same rows.

export const hostileName = "<img src=x onerror=alert(1)>";

export const owners = [
  { id: "00000000-0000-0000-0000-0000000000a1", name: "Alice Winter", type: "systemuser" },
  { id: "00000000-0000-0000-0000-0000000000a2", name: hostileName, type: "systemuser" },
  { id: "00000000-0000-0000-0000-0000000000a3", name: "Jonas Müller", type: "systemuser" },
  { id: "00000000-0000-0000-0000-0000000000f1", name: "Inside Sales", type: "team" },
];

export const periodStart = "2026-08-03";
export const periodEnd = "2026-10-25";

const prefix = 742800000;
export const bandLabels = ["Receptive", "Loaded", "Saturated", "Oversaturated"];
export const decisionLabels = ["Allow", "Warn", "Block", "Suppress", "RouteToHuman", "Exempt"];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guid(n, kind) {
  return `${kind}0000000-0000-0000-0000-${n.toString(16).padStart(12, "0")}`;
}

function dayOffset(day, days, random) {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000 + Math.floor(random() * 86_400_000);
  return new Date(t).toISOString();
}

function bandOf(pressure) {
  const score = 100 * Math.exp(-0.35 * pressure);
  return score >= 60 ? 0 : score >= 35 ? 1 : score >= 15 ? 2 : 3;
}

function build() {
  const random = mulberry32(20261125);
  const ownerWeights = [0.35, 0.25, 0.25, 0.15];
  const pickOwner = () => {
    let r = random();
    for (let i = 0; i < owners.length; i++) {
      r -= ownerWeights[i];
      if (r <= 0) return owners[i];
    }
    return owners[owners.length - 1];
  };
  const contacts = [];
  for (let i = 1; i <= 320; i++) {
    const owner = pickOwner();
    const pressure = Math.round(Math.pow(random(), 2.2) * 14 * 100) / 100;
    // 90 % were touched inside the period, the rest before it.
    const touchedDay = random() < 0.9 ? Math.floor(random() * 84) : -20 - Math.floor(random() * 40);
    const answers = random() < 0.7 * Math.exp(-0.22 * pressure);
    contacts.push({
      contactid: guid(i, "c"),
      fullname: i === 7 ? hostileName : `Contact ${i}`,
      ownerid: owner.id,
      cat_pressure: pressure,
      cat_band: prefix + bandOf(pressure),
      cat_lasttouchon: dayOffset(periodStart, touchedDay, random),
      cat_lastresponseon: answers ? dayOffset(periodStart, Math.max(touchedDay, 0) + Math.floor(random() * 5), random) : null,
    });
  }
  const kindWeights = [0.5, 0.16, 0.08, 0.14, 0.09, 0.03];
  const pickKind = () => {
    let r = random();
    for (let k = 0; k < kindWeights.length; k++) {
      r -= kindWeights[k];
      if (r <= 0) return k;
    }
    return 0;
  };
  const decisions = [];
  for (let i = 1; i <= 1100; i++) {
    const contact = contacts[Math.floor(random() * contacts.length)];
    // Volume grows over the period, as it does when automation ramps up.
    const day = Math.floor(Math.sqrt(random()) * 84);
    decisions.push({
      cat_attentiondecisionid: guid(i, "d"),
      cat_contactid: contact.contactid,
      cat_decision: prefix + pickKind(),
      cat_evaluatedon: dayOffset(periodStart, day, random),
      cat_pressure: contact.cat_pressure,
    });
  }
  return { contacts, decisions };
}

export const { contacts, decisions } = build();
