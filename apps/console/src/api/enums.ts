import type { AlertLevel, AlertStatus, CloseReason, MemberType, Role } from './responses';

/**
 * Runtime lists of the API's enumerations, for selects. `exhaustive` makes the
 * type check fail when the OpenAPI document gains or loses a value.
 */
type Exhaustive<T extends string, L extends readonly T[]> = [T] extends [L[number]] ? L : never;
const exhaustive =
  <T extends string>() =>
  <const L extends readonly T[]>(list: Exhaustive<T, L>): L =>
    list;

export const ALERT_STATUSES = exhaustive<AlertStatus>()(['open', 'acknowledged', 'in_progress', 'closed']);
export const ALERT_LEVELS = exhaustive<AlertLevel>()(['critical', 'high', 'medium', 'low', 'informational']);
export const CLOSE_REASONS = exhaustive<CloseReason>()([
  'false_positive',
  'true_positive',
  'benign_positive',
  'duplicate',
  'other',
]);
export const ROLES = exhaustive<Role>()(['admin', 'rssi', 'dpo', 'referent', 'auditor']);
export const MEMBER_TYPES = exhaustive<MemberType>()([
  'city',
  'territorial_body',
  'housing_office',
  'public_body',
  'theatre',
  'consortium',
  'other',
]);
