import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, VigieConfig } from './config';

export type Profile = 'embedded' | 'scale-out';

/** Flatten `{a: {b: 1}}` into `{'a.b': 1}`; arrays are values. */
export function flatten(obj: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
      else out[key] = v;
    }
  }
  return out;
}

function readYaml(file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError([`${file}: not valid YAML: ${(e as Error).message}`]);
  }
  return { ...flatten(doc ?? {}), __origin: file };
}

/** The folder holding default.yaml, found from the working directory or the code's location. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VIGIE_CONFIG_DIR) return resolve(env.VIGIE_CONFIG_DIR);
  const candidates = [resolve(process.cwd(), 'config'), resolve(__dirname, '../../../config'), resolve(__dirname, '../../../../config')];
  return candidates.find((d) => existsSync(join(d, 'default.yaml'))) ?? candidates[0];
}

/**
 * Layers, last wins: `config/default.yaml`, `config/<profile>.yaml`, the file
 * named by VIGIE_CONFIG, then VIGIE_* variables.
 */
export function loadConfig(options: { profile?: Profile; env?: NodeJS.ProcessEnv; overrides?: Record<string, unknown> } = {}): VigieConfig {
  const env = options.env ?? process.env;
  const dir = configDir(env);
  const layers = [readYaml(join(dir, 'default.yaml'))];
  const profile = (env.VIGIE_PROFILE as Profile | undefined) ?? options.profile ?? 'embedded';
  if (profile !== 'embedded' && profile !== 'scale-out') {
    throw new ConfigError([`VIGIE_PROFILE: must be embedded or scale-out, got ${JSON.stringify(profile)}`]);
  }
  const profileFile = join(dir, `${profile}.yaml`);
  if (existsSync(profileFile)) layers.push(readYaml(profileFile));
  layers.push({ profile, __origin: 'profile' });
  if (env.VIGIE_CONFIG) {
    if (!existsSync(env.VIGIE_CONFIG)) throw new ConfigError([`VIGIE_CONFIG: file ${env.VIGIE_CONFIG} does not exist`]);
    layers.push(readYaml(env.VIGIE_CONFIG));
  }
  if (options.overrides) layers.push({ ...options.overrides, __origin: 'overrides' });
  return VigieConfig.from(layers, env);
}
