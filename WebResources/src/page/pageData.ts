import { EntitySets } from "../names";
import {
  OwnerOutcome,
  WeeklyDecisions,
  parseBands,
  parseCount,
  parseOwnerOutcomes,
  parseWeekly,
  responsePoints,
} from "./aggregates";
import { ResponseCurve, ResponsePoint, fitResponseCurve } from "./curveFit";
import { bandsFetch, ownerOutcomesFetch, pressureBucketFetch, pressureBuckets, weeklyDecisionsFetch } from "./fetchXml";
import { PageFilter } from "./filters";
import { AggregateClient } from "./webApiClient";

export interface PageData {
  points: ResponsePoint[];
  curve: ResponseCurve | null;
  bands: number[];
  weekly: WeeklyDecisions;
  owners: OwnerOutcome[];
}

/** Runs every aggregate query the four charts need for one filter, in parallel, and shapes the answers. */
export async function loadPageData(client: AggregateClient, filter: PageFilter): Promise<PageData> {
  const touched = Promise.all(
    pressureBuckets.map(async (b) => parseCount(await client.aggregate(EntitySets.contact, pressureBucketFetch(b, filter, false)))),
  );
  const answered = Promise.all(
    pressureBuckets.map(async (b) => parseCount(await client.aggregate(EntitySets.contact, pressureBucketFetch(b, filter, true)))),
  );
  const [touchedCounts, answeredCounts, bandRows, weeklyRows, ownerRows] = await Promise.all([
    touched,
    answered,
    client.aggregate(EntitySets.contact, bandsFetch(filter)),
    client.aggregate(EntitySets.attentionDecision, weeklyDecisionsFetch(filter)),
    client.aggregate(EntitySets.attentionDecision, ownerOutcomesFetch(filter)),
  ]);
  const points = responsePoints(pressureBuckets, touchedCounts, answeredCounts);
  return {
    points,
    curve: fitResponseCurve(points),
    bands: parseBands(bandRows),
    weekly: parseWeekly(weeklyRows),
    owners: parseOwnerOutcomes(ownerRows),
  };
}
