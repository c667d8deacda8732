/** `INC-2026-0001`: the year of detection and a per-year sequence number. */
export function formatIncidentReference(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year ${year} is not a 4-digit year`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence ${seq} must be a positive integer`);
  return `INC-${year}-${String(seq).padStart(4, '0')}`;
}

export const INCIDENT_REFERENCE = /^INC-(\d{4})-(\d{4,})$/;

export function parseIncidentReference(ref: string): { year: number; seq: number } | undefined {
  const m = INCIDENT_REFERENCE.exec(ref);
  return m ? { year: Number(m[1]), seq: Number(m[2]) } : undefined;
}
