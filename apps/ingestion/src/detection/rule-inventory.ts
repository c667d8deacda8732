import { parseAllDocuments } from 'yaml';
import type { CompiledRule, LoadedDocument, RuleMeta, RuleSource } from '@vigie/sigma';

/** One Sigma document as the rule state table (`vigie_rules`) and the rules API see it. */
export interface RuleInventoryEntry {
  /** The id alerts carry: the rule's `id`, else its `name`, else its title, else `path#document`. */
  id: string;
  title: string;
  kind: LoadedDocument['kind'];
  level: string | null;
  tags: string[];
  sourcePath: string;
  status: 'ok' | 'unsupported' | 'invalid';
  /** The unsupported feature or the reason the rule is invalid. */
  reason: string | null;
}

export interface RuleInventory {
  entries: RuleInventoryEntry[];
  /** Documents whose id an earlier document already had (first ok one kept). */
  duplicates: Array<{ id: string; sourcePath: string }>;
}

/** The id alerts carry for a rule (as `ruleRef` in alert-builder.ts). */
export function ruleIdOf(rule: Pick<RuleMeta, 'id' | 'name' | 'title'>): string {
  return rule.id ?? rule.name ?? rule.title;
}

const RANK = { ok: 0, unsupported: 1, invalid: 2 } as const;

function metadataOf(sources: Map<string, RuleSource>, doc: LoadedDocument): { level?: string; tags: string[] } {
  const src = sources.get(doc.origin.path);
  if (!src) return { tags: [] };
  try {
    const parsed: unknown = parseAllDocuments(src.text)[doc.origin.document]?.toJS();
    if (typeof parsed !== 'object' || parsed === null) return { tags: [] };
    const { level, tags } = parsed as { level?: unknown; tags?: unknown };
    return {
      level: typeof level === 'string' ? level : undefined,
      tags: Array.isArray(tags)
        ? tags.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase())
        : [],
    };
  } catch {
    return { tags: [] };
  }
}

/**
 * The inventory of a loaded rule pack: one entry per document (filters included), keyed by the id alerts carry.
 * When several documents share an id, the best one is kept (ok before unsupported before invalid, then the first).
 */
export function buildRuleInventory(
  documents: readonly LoadedDocument[],
  rules: readonly CompiledRule[],
  sources: readonly RuleSource[] = [],
): RuleInventory {
  const compiled = new Map(rules.map((r) => [r.uid, r]));
  const byPath = new Map(sources.map((s) => [s.path, s]));
  const byId = new Map<string, RuleInventoryEntry>();
  const duplicates: RuleInventory['duplicates'] = [];
  for (const d of documents) {
    const uid = `${d.origin.path}#${d.origin.document}`;
    const rule = compiled.get(uid);
    const id = d.id ?? d.name ?? d.title ?? uid;
    const meta = rule ? { level: rule.level, tags: rule.tags.map((t) => t.toLowerCase()) } : metadataOf(byPath, d);
    const entry: RuleInventoryEntry = {
      id,
      title: d.title ?? rule?.title ?? id,
      kind: d.kind,
      level: meta.level ?? null,
      tags: [...new Set(meta.tags)],
      sourcePath: d.origin.path,
      status: d.result.status,
      reason:
        d.result.status === 'unsupported' ? d.result.feature : d.result.status === 'invalid' ? d.result.reason : null,
    };
    const prior = byId.get(id);
    if (!prior) {
      byId.set(id, entry);
      continue;
    }
    if (RANK[entry.status] < RANK[prior.status]) {
      byId.set(id, entry);
      duplicates.push({ id, sourcePath: prior.sourcePath });
    } else duplicates.push({ id, sourcePath: entry.sourcePath });
  }
  return { entries: [...byId.values()], duplicates };
}
