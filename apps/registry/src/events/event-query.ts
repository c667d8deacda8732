import { DomainError } from '@vigie/contracts';
import { ECS_DYNAMIC_KEYWORD_PREFIXES, ECS_FIELD_TYPES } from '@vigie/ecs';
import type { Filter } from '@vigie/event-store';
import { KqlFieldType, KqlSyntaxError, parseKql } from '@vigie/kql';

/** The type of an ECS field as the index template maps it; undefined for a field it does not list. */
export function ecsFieldType(field: string): KqlFieldType | undefined {
  if (Object.hasOwn(ECS_FIELD_TYPES, field)) return ECS_FIELD_TYPES[field];
  if (ECS_DYNAMIC_KEYWORD_PREFIXES.some((prefix) => field.startsWith(prefix))) return 'keyword';
  return undefined;
}

/**
 * Parses the `q` parameter (a KQL subset) into a filter; undefined for a blank
 * query or `*`. An invalid query is a 400 `invalid_query` carrying the 0-based
 * `position` of the error and the tokens the parser `expected` there.
 */
export function parseEventQuery(q: string | undefined, now: Date): Filter | undefined {
  if (q === undefined) return undefined;
  try {
    return parseKql(q, { now, fieldTypes: ecsFieldType });
  } catch (err) {
    if (!(err instanceof KqlSyntaxError)) throw err;
    throw new DomainError(
      'invalid',
      'invalid_query',
      `Invalid query: ${err.message}`,
      [{ field: 'q', problem: err.message }],
      { position: err.position, expected: err.expected ?? [] },
    );
  }
}

/** A field name for aggregations: dotted ECS path. */
const FIELD_NAME = /^@?[A-Za-z0-9_][A-Za-z0-9_.@-]{0,199}$/;

/** A field `top` can count: named plainly and not full text. */
export function checkAggregatableField(field: string): void {
  if (!FIELD_NAME.test(field) || field.includes('..') || field.endsWith('.')) {
    throw new DomainError('invalid', 'invalid_field', `${JSON.stringify(field)} is not a field name`, [
      { field: 'field', problem: 'must be a dotted ECS field name, e.g. source.ip' },
    ]);
  }
  if (ecsFieldType(field) === 'text') {
    throw new DomainError('invalid', 'field_not_aggregatable', `${field} is full text and cannot be counted by value`, [
      { field: 'field', problem: 'is a text field; count a keyword field instead' },
    ]);
  }
}
