// Dataverse stores date-times in UTC and shows them in the user's personal time zone, which the
// client API exposes only as the current offset (userSettings.getTimeZoneOffsetMinutes()), not as an
// IANA zone. We therefore shift the UTC instant by that offset and format the result as UTC, the same
// way the platform's own date controls do for the current offset.

export function formatUserDateTime(utc: Date, offsetMinutes: number, locale: string): string {
  if (Number.isNaN(utc.getTime())) {
    throw new RangeError("Cannot format an invalid date.");
  }
  const shifted = new Date(utc.getTime() + offsetMinutes * 60_000);
  return new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(shifted);
}

export function formatNumber(value: number, locale: string, fractionDigits: number): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value);
}
