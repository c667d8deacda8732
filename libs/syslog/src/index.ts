export * from './syslog-message';
export * from './facility-severity';
export { parseSyslog, DEFAULT_PRI } from './parse-syslog';
export { parseStructuredData } from './structured-data-parser';
export { parseRfc3339 } from './timestamp-parser';
export { zonedToUtc, zoneOffsetMs, isValidTimeZone } from './zoned-time';
export * from './syslog-framer';
