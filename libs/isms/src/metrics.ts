/** Response times of the incident log (ISO 27001 A 5.27: learning from incidents). */
export interface IncidentTimes {
  reference: string;
  category: string;
  members: string[];
  occurredAt: string | null;
  detectedAt: string;
  containedAt: string | null;
  closedAt: string | null;
  /** False for events closed at triage: they are not counted as incidents. */
  isIncident: boolean;
}

export interface MeanDuration {
  /** Mean in hours, null without data. */
  hours: number | null;
  count: number;
}

export interface IncidentMetrics {
  /** Mean time to detect: occurrence → detection. */
  mttd: MeanDuration;
  /** Mean time to contain: detection → containment. */
  mttc: MeanDuration;
  /** Mean time to close (resolve): detection → closure. */
  mttr: MeanDuration;
  /** `YYYY-MM` → category → count. */
  perMonthByCategory: Record<string, Record<string, number>>;
  /** `YYYY-MM` → member → count (an incident affecting two members counts for each). */
  perMonthByMember: Record<string, Record<string, number>>;
  total: number;
}

function mean(pairs: Array<[string | null, string | null]>): MeanDuration {
  const spans = pairs
    .filter((p): p is [string, string] => !!p[0] && !!p[1])
    .map(([a, b]) => new Date(b).getTime() - new Date(a).getTime())
    .filter((ms) => ms >= 0);
  if (!spans.length) return { hours: null, count: 0 };
  return {
    hours: Math.round((spans.reduce((s, v) => s + v, 0) / spans.length / 3_600_000) * 100) / 100,
    count: spans.length,
  };
}

function bump(t: Record<string, Record<string, number>>, month: string, key: string): void {
  const row = (t[month] ??= {});
  row[key] = (row[key] ?? 0) + 1;
}

export function incidentMetrics(list: IncidentTimes[]): IncidentMetrics {
  const incidents = list.filter((i) => i.isIncident);
  const perMonthByCategory: Record<string, Record<string, number>> = {};
  const perMonthByMember: Record<string, Record<string, number>> = {};
  for (const i of incidents) {
    const month = new Date(i.detectedAt).toISOString().slice(0, 7);
    bump(perMonthByCategory, month, i.category);
    for (const m of i.members.length ? i.members : ['(none)']) bump(perMonthByMember, month, m);
  }
  return {
    mttd: mean(incidents.map((i) => [i.occurredAt, i.detectedAt])),
    mttc: mean(incidents.map((i) => [i.detectedAt, i.containedAt])),
    mttr: mean(incidents.map((i) => [i.detectedAt, i.closedAt])),
    perMonthByCategory,
    perMonthByMember,
    total: incidents.length,
  };
}
