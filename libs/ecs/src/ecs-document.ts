/** ECS 8.x document produced by the normaliser: nested objects, real ECS field names. */

export interface EcsEvent {
  id: string;
  kind: 'event' | 'alert' | 'metric' | 'state' | 'pipeline_error' | 'signal';
  category?: string[];
  type?: string[];
  action?: string;
  outcome?: 'success' | 'failure' | 'unknown';
  code?: string;
  dataset: string;
  module: string;
  provider?: string;
  reason?: string;
  severity?: number;
  created: string;
  ingested: string;
  original?: string;
  timezone?: string;
}

export interface EcsUserRef {
  name?: string;
  domain?: string;
  id?: string;
  email?: string;
  full_name?: string;
  group?: EcsGroup;
}

export interface EcsUser extends EcsUserRef {
  target?: EcsUserRef;
  effective?: EcsUserRef;
  changes?: EcsUserRef;
}

export interface EcsGroup {
  name?: string;
  domain?: string;
  id?: string;
}

export interface EcsEndpoint {
  ip?: string;
  port?: number;
  address?: string;
  domain?: string;
  mac?: string;
  bytes?: number;
  packets?: number;
  user?: EcsUserRef;
  nat?: { ip?: string; port?: number };
  geo?: { country_iso_code?: string; country_name?: string };
}

export interface EcsProcess {
  name?: string;
  pid?: number;
  executable?: string;
  command_line?: string;
  working_directory?: string;
  parent?: { name?: string; pid?: number; executable?: string };
}

export interface EcsLog {
  level?: string;
  logger?: string;
  syslog?: {
    facility?: { code?: number; name?: string };
    severity?: { code?: number; name?: string };
    priority?: number;
    appname?: string;
    procid?: string;
    msgid?: string;
    hostname?: string;
    version?: string;
    structured_data?: Record<string, Record<string, string | string[]>>;
  };
}

export interface EcsInterface {
  interface?: { name?: string; alias?: string };
  zone?: string;
}

export interface EcsObserver {
  vendor?: string;
  product?: string;
  hostname?: string;
  name?: string;
  serial_number?: string;
  type?: string;
  version?: string;
  ip?: string[];
  ingress?: EcsInterface;
  egress?: EcsInterface;
}

export interface EcsNetwork {
  transport?: string;
  protocol?: string;
  direction?: string;
  iana_number?: string;
  type?: string;
  bytes?: number;
  packets?: number;
  application?: string;
}

export interface EcsWinlog {
  event_id?: string;
  channel?: string;
  provider_name?: string;
  computer_name?: string;
  record_id?: string;
  task?: string;
  keywords?: string[];
  logon?: { type?: string; id?: string };
  event_data?: Record<string, string>;
  process?: { pid?: number; thread?: { id?: number } };
}

export interface EcsDocument {
  '@timestamp': string;
  message?: string;
  tags: string[];
  event: EcsEvent;
  organization?: { id?: string; name?: string };
  host?: { hostname?: string; name?: string; ip?: string[] };
  source?: EcsEndpoint;
  destination?: EcsEndpoint;
  user?: EcsUser;
  group?: EcsGroup;
  process?: EcsProcess;
  log?: EcsLog;
  observer?: EcsObserver;
  network?: EcsNetwork;
  rule?: { id?: string; name?: string; uuid?: string; category?: string; ruleset?: string };
  http?: {
    version?: string;
    request?: { method?: string; referrer?: string; bytes?: number };
    response?: { status_code?: number; bytes?: number; body?: { bytes?: number } };
  };
  url?: { original?: string; path?: string; query?: string; domain?: string; scheme?: string; port?: number };
  user_agent?: { original?: string };
  service?: { name?: string; type?: string };
  file?: { name?: string; path?: string; hash?: { md5?: string; sha1?: string; sha256?: string } };
  winlog?: EcsWinlog;
  related?: { ip?: string[]; user?: string[]; hosts?: string[] };
  vigie?: { application?: { id?: string; name?: string }; personal_data?: boolean };
  /** Vendor namespaces (kept as parsed; mapped as keyword by the store templates). */
  cef?: { name?: string; version?: string; device?: { event_class_id?: string }; extensions?: Record<string, string> };
  leef?: { version?: string; event_id?: string; attributes?: Record<string, string> };
  stormshield?: Record<string, string>;
  fortinet?: { firewall?: Record<string, string> };
  pfsense?: Record<string, string>;
  iptables?: Record<string, string>;
  system?: { auth?: Record<string, Record<string, string>> };
  cisco?: { ios?: { facility?: string; message_code?: string; sequence?: string } };
  json?: unknown;
}

/** What a decoder adds on top of the syslog fields. */
export type DecodedFields = Partial<Omit<EcsDocument, 'event' | 'tags' | '@timestamp'>> & {
  event?: Partial<EcsEvent>;
  tags?: string[];
  /** Event time read from the payload; used when the syslog header had none. */
  timestamp?: Date;
};

/** Returned by the `enrich` hook for a host. */
export interface Enrichment {
  applicationId?: string;
  applicationName?: string;
  personalData?: boolean;
}
