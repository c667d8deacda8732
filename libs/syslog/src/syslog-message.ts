/** Wire format a syslog line was recognised as. */
export type SyslogFormat = 'rfc5424' | 'rfc3164' | 'unknown';

/** RFC 5424 structured data: SD-ID → param name → value (several values for a repeated name). */
export type StructuredData = Record<string, Record<string, string | string[]>>;

/** A syslog line split into its header fields and its payload. */
export interface SyslogMessage {
  format: SyslogFormat;
  pri?: number;
  facility?: number;
  severity?: number;
  /** RFC 5424 VERSION. */
  version?: number;
  timestamp?: Date;
  hostname?: string;
  appName?: string;
  procId?: string;
  msgId?: string;
  structuredData?: StructuredData;
  /** The payload (MSG / CONTENT), never undefined. */
  message: string;
  /** Parse remarks such as `_no_pri`, `_no_timestamp`, `_invalid_timestamp`. */
  tags: string[];
}

export interface SyslogParseContext {
  /** When the receiver got the message: anchors year inference for RFC 3164 timestamps. */
  receivedAt: Date;
  /** IANA zone used to read timestamps that carry no offset. Default `Europe/Paris`. */
  timeZone?: string;
}

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** Tags added by the header parser. */
export const SyslogTags = {
  noPri: '_no_pri',
  invalidPri: '_invalid_pri',
  noTimestamp: '_no_timestamp',
  invalidTimestamp: '_invalid_timestamp',
  invalidStructuredData: '_invalid_structured_data',
  invalidTimeZone: '_invalid_timezone',
  unsynchronisedClock: '_clock_unsynchronised',
} as const;
