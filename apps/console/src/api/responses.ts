/*
 * Response types. The OpenAPI document declares requests (paths, query
 * parameters, bodies: see schema.d.ts) but not yet the response bodies, so
 * these are taken from the server's own return types by type-only imports:
 * erased at build time, checked by `tsc -p apps/console`, never copied.
 */
import type { AuthService } from '../../../registry/src/auth/auth.service';
import type { AuthController } from '../../../registry/src/auth/auth.controller';
import type { Alert, AlertHistoryEntry } from '../../../registry/src/alerts/alert.types';
import type { AlertsService } from '../../../registry/src/alerts/alerts.service';
import type { EventsService } from '../../../registry/src/events/events.service';
import type { User } from '../../../registry/src/users/users.service';
import type { Member } from '../../../registry/src/members/members.repository';
import type { ApiKeyInfo } from '../../../registry/src/api-keys/api-keys.service';
import type { components } from './schema';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type Tokens = Result<AuthService['login']>;
export type Me = ReturnType<AuthController['me']>;
export type { Alert, AlertHistoryEntry, User, Member, ApiKeyInfo };
export type AlertList = Result<AlertsService['list']>;
export type AlertDetail = Result<AlertsService['get']>;
export type BulkResult = Result<AlertsService['bulk']>;
export type EventSearch = Result<EventsService['search']>;
export type Histogram = Result<EventsService['histogram']>;
export type TopValues = Result<EventsService['top']>;
export type CreatedApiKey = ApiKeyInfo & { key: string };

export type Schemas = components['schemas'];
export type AlertStatus = NonNullable<Schemas['UpdateAlertDto']['status']>;
export type CloseReason = NonNullable<Schemas['UpdateAlertDto']['closeReason']>;
export type AlertLevel = NonNullable<Schemas['BulkFilterDto']['level']>[number];
export type Role = Schemas['CreateUserDto']['roles'][number];
export type MemberType = Schemas['CreateMemberDto']['type'];

/** The error body every route answers with (libs/core/src/http/error-shape.ts). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: Array<{ field: string; problem: string }>;
  /** invalid_query: 0-based offset of the KQL syntax error and what the parser expected there. */
  position?: number;
  expected?: string[];
}

import type { ProcessingActivity } from '../../../registry/src/processing-activities/processing-activity';
export type { ProcessingActivity };
