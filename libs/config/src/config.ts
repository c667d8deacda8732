import { SETTINGS, SettingKey, SettingSpec, envName } from './schema';

type ValueOf<K extends SettingKey> = (typeof SETTINGS)[K]['type'] extends 'int' | 'duration'
  ? number
  : (typeof SETTINGS)[K]['type'] extends 'bool'
    ? boolean
    : (typeof SETTINGS)[K]['type'] extends 'list'
      ? string[]
      : string;

/** A setting is missing or invalid. The message names the setting and its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Validated, typed, read-only configuration. */
export class VigieConfig {
  private constructor(private readonly values: ReadonlyMap<string, unknown>) {}

  get<K extends SettingKey>(key: K): ValueOf<K> {
    return this.values.get(key) as ValueOf<K>;
  }

  /** Optional setting: `undefined` when unset or empty. */
  maybe<K extends SettingKey>(key: K): ValueOf<K> | undefined {
    const v = this.values.get(key);
    return v === '' || v === null ? undefined : (v as ValueOf<K> | undefined);
  }

  /** For logs and banners: every setting, secrets masked. */
  describe(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this.values) {
      const spec: SettingSpec = SETTINGS[k as SettingKey];
      out[k] = spec.secret && v ? '***' : v;
    }
    return out;
  }

  /**
   * Build from flattened layers (defaults first) and the environment.
   * Every problem is collected, then thrown at once.
   */
  static from(layers: Array<Record<string, unknown>>, env: NodeJS.ProcessEnv): VigieConfig {
    const problems: string[] = [];
    const merged = new Map<string, { value: unknown; origin: string }>();
    for (const layer of layers) {
      for (const [k, v] of Object.entries(layer)) {
        if (k.startsWith('__origin')) continue;
        if (!(k in SETTINGS)) {
          problems.push(`${k}: unknown setting (in ${String(layer.__origin ?? 'config')})`);
          continue;
        }
        merged.set(k, { value: v, origin: String(layer.__origin ?? 'config') });
      }
    }
    for (const key of Object.keys(SETTINGS)) {
      const name = envName(key);
      if (env[name] !== undefined) merged.set(key, { value: env[name], origin: name });
    }
    const known = new Set(Object.keys(SETTINGS).map(envName));
    for (const name of Object.keys(env)) {
      if (name.startsWith('VIGIE_') && !known.has(name) && !NON_SETTING_ENV.has(name)) {
        problems.push(`${name}: unknown variable (no such setting)`);
      }
    }
    const values = new Map<string, unknown>();
    for (const [key, spec] of Object.entries(SETTINGS) as Array<[SettingKey, SettingSpec]>) {
      const entry = merged.get(key);
      const where = entry?.origin?.startsWith('VIGIE_') ? entry.origin : `${key} (${envName(key)})`;
      const result = coerce(spec, entry?.value);
      if ('error' in result) problems.push(`${where}: ${result.error}`);
      else values.set(key, result.value);
    }
    if (values.get('database.driver') === 'postgres' && !values.get('database.url')) {
      problems.push(`database.url (${envName('database.url')}): required when database.driver is postgres`);
    }
    if (problems.length) throw new ConfigError(problems);
    return new VigieConfig(values);
  }
}

/** Environment variables read elsewhere, not settings. */
const NON_SETTING_ENV = new Set(['VIGIE_CONFIG', 'VIGIE_PROFILE', 'VIGIE_ADMIN_PASSWORD', 'VIGIE_CONFIG_DIR', 'VIGIE_SEED_DEMO', 'VIGIE_TEST_DATABASE_URL', 'VIGIE_NO_LOSS_N', 'VIGIE_SERVICES_DIR']);

function coerce(spec: SettingSpec, raw: unknown): { value: unknown } | { error: string } {
  const empty = raw === undefined || raw === null || raw === '';
  if (empty) {
    if (spec.optional) return { value: spec.type === 'list' ? [] : undefined };
    if (spec.type === 'list' && Array.isArray(raw)) return { value: [] };
    return { error: 'is required but not set' };
  }
  switch (spec.type) {
    case 'string':
      return typeof raw === 'string' ? { value: raw } : { error: `must be a string, got ${JSON.stringify(raw)}` };
    case 'url': {
      const s = String(raw);
      try {
        new URL(s);
        return { value: s };
      } catch {
        return { error: `must be a URL, got ${JSON.stringify(s)}` };
      }
    }
    case 'int':
    case 'duration': {
      const s = String(raw).trim();
      if (!/^-?\d+$/.test(s)) return { error: `must be a whole number, got ${JSON.stringify(raw)}` };
      const n = Number(s);
      if (spec.min !== undefined && n < spec.min) return { error: `must be at least ${spec.min}, got ${n}` };
      if (spec.max !== undefined && n > spec.max) return { error: `must be at most ${spec.max}, got ${n}` };
      return { value: n };
    }
    case 'bool': {
      if (typeof raw === 'boolean') return { value: raw };
      const s = String(raw).toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(s)) return { value: true };
      if (['false', '0', 'no', 'off'].includes(s)) return { value: false };
      return { error: `must be true or false, got ${JSON.stringify(raw)}` };
    }
    case 'enum': {
      const s = String(raw);
      return spec.values?.includes(s)
        ? { value: s }
        : { error: `must be one of ${spec.values?.join(', ')}, got ${JSON.stringify(s)}` };
    }
    case 'list': {
      const items = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
      return { value: items.map((s) => s.trim()).filter(Boolean) };
    }
  }
}
