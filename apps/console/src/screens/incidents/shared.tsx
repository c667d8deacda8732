import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { Member } from '../../api/responses';
import { fieldIssues } from '../../components/field-errors';
import { useAsync } from '../../components/use-async';
import type { IncidentStatus, Severity } from './types';

/** Badges keep their whole label (wrapped on the badge if need be): a state cut short would no longer say it. */
export const NO_TRUNCATION = {
  root: { height: 'auto', paddingBlock: 2, maxWidth: 'none' },
  label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip' },
} as const;

/** Background per severity; the text colour is picked for contrast (WCAG AA); the label says it in words. */
const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#8f1d1d',
  high: '#b43c0c',
  medium: '#f2c94c',
  low: '#cfe3ff',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOURS[severity]} autoContrast radius="sm" styles={NO_TRUNCATION}>
      {t(`incidents.severities.${severity}`)}
    </Badge>
  );
}

const STATUS_COLOURS: Record<IncidentStatus, string> = {
  new: '#1f3a8a',
  triage: '#5b3d99',
  investigating: '#8a3b12',
  contained: '#0b5e55',
  eradicated: '#245c1f',
  recovered: '#2f5d8a',
  closed: '#4b5563',
};

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} autoContrast variant="filled" radius="sm" styles={NO_TRUNCATION}>
      {t(`incidents.statuses.${status}`)}
    </Badge>
  );
}

/** The API's field problems of an error, by field name (first problem wins), each worded with its field. */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fieldIssues(e))
    // Validation problems already name their field ("title must be …"); domain ones do not.
    out[f.field] ??= f.problem.startsWith(`${f.field} `) ? f.problem : `${f.field} ${f.problem}`;
  return out;
}

/** `YYYY-MM-DDTHH:mm` in local time, for <input type="datetime-local">. */
export function toLocalInput(d: Date | string): string {
  const x = new Date(d);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${x.getFullYear()}-${p(x.getMonth() + 1)}-${p(x.getDate())}T${p(x.getHours())}:${p(x.getMinutes())}`;
}

/** The ISO instant of a datetime-local value, or undefined when empty. */
export function fromLocalInput(v: string): string | undefined {
  return v ? new Date(v).toISOString() : undefined;
}

export function today(): string {
  return toLocalInput(new Date()).slice(0, 10);
}

/** Members in the caller's scope, with a code → name lookup. */
export function useMembers() {
  const { data } = useAsync(() => call<Member[]>(api.GET('/api/v1/members')), []);
  const list = data ?? [];
  const name = (code: string) => list.find((m) => m.code === code)?.name ?? code;
  return { list, name };
}

/** The current time, refreshed every `everyMs`. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** Hours, minutes and seconds of a positive duration. */
export function split(ms: number): { h: number; m: number; s: number } {
  const total = Math.floor(Math.abs(ms) / 1000);
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}
