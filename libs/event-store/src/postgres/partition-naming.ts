import { createHash } from 'node:crypto';

export const EVENTS_TABLE = 'vigie_events';
const MAX_IDENTIFIER = 63;
const DAY_SUFFIX = '_yyyymmdd'.length;
const MAX_MEMBER_TABLE = MAX_IDENTIFIER - DAY_SUFFIX;

const shortHash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 8);

/**
 * Table name for a member's partition: `vigie_events_<member>` with `-` as `_`.
 * Too long a code, or a clash with another member's table (`a-b` and `a_b`),
 * gets a short hash of the code instead. The catalogue (the partition bound)
 * is the mapping from member to table; the name is only a readable label.
 */
export function memberTableName(member: string, hashed = false): string {
  const base = member.replace(/-/g, '_').replace(/[^a-z0-9_]/g, '');
  const plain = `${EVENTS_TABLE}_${base}`;
  if (!hashed && base === member.replace(/-/g, '_') && plain.length <= MAX_MEMBER_TABLE) return plain;
  return `${EVENTS_TABLE}_${base.slice(0, MAX_MEMBER_TABLE - EVENTS_TABLE.length - 10)}_${shortHash(member)}`;
}

export function dayTableName(memberTable: string, day: string): string {
  return `${memberTable}_${day.replace(/-/g, '')}`;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;
