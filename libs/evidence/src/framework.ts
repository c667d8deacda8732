import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ItemStatus } from './manifest';

export interface FrameworkControl {
  id: string;
  title: string;
  /** Ids of the evidence items Vigie produces for this control. */
  evidence: string[];
  /** A statement written by a person in charge (kept in Vigie), or null. */
  statement: string | null;
  attachments: string[];
}

export interface Framework {
  id: string;
  title: string;
  sections: Array<{ id: string; title: string; controls: FrameworkControl[] }>;
}

export type ControlStatus = 'present' | 'partial' | 'missing';

export class FrameworkError extends Error {}

/** Parses and checks one framework file. */
export function parseFramework(text: string, source = 'framework'): Framework {
  const doc = parse(text) as Partial<Framework> | null;
  if (!doc || typeof doc.id !== 'string' || typeof doc.title !== 'string' || !Array.isArray(doc.sections))
    throw new FrameworkError(`${source}: needs id, title and sections`);
  const seen = new Set<string>();
  for (const s of doc.sections) {
    if (!s || typeof s.id !== 'string' || !Array.isArray(s.controls))
      throw new FrameworkError(`${source}: every section needs an id and controls`);
    for (const c of s.controls) {
      if (!c || typeof c.id !== 'string' || typeof c.title !== 'string' || !Array.isArray(c.evidence))
        throw new FrameworkError(`${source}: section ${s.id}: every control needs id, title and evidence`);
      if (seen.has(c.id)) throw new FrameworkError(`${source}: control ${c.id} appears twice`);
      seen.add(c.id);
      c.statement ??= null;
      c.attachments ??= [];
    }
  }
  return doc as Framework;
}

/** Every `*.yaml` framework in a directory, in file-name order. */
export function loadFrameworks(dir: string): Framework[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => parseFramework(readFileSync(join(dir, f), 'utf8'), f));
}

/**
 * A control's status: present when every listed item has data (or a manual
 * statement covers a control without automatic evidence), partial when some do,
 * missing otherwise.
 */
export function controlStatus(c: FrameworkControl, items: ReadonlyMap<string, ItemStatus>): ControlStatus {
  const have = c.evidence.filter((id) => items.get(id) === 'present').length;
  if (c.evidence.length === 0) return c.statement ? 'present' : 'missing';
  if (have === c.evidence.length) return 'present';
  return have > 0 || c.statement ? 'partial' : 'missing';
}
