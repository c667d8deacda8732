import { fold } from './reference';

export interface CatalogueRow {
  /** 1-based line number in the source text. */
  line: number;
  domain: string;
  function: string;
  software: string;
  vendor: string;
}

/** One application of the map: the rows with the same software, vendor and domain merged. */
export interface CatalogueApplication {
  /** Stable key for idempotent loading: folded `domain|software|vendor`. */
  key: string;
  name: string;
  vendor: string;
  domain: string;
  functions: string[];
  lines: number[];
}

export interface CatalogueParseResult {
  rows: CatalogueRow[];
  applications: CatalogueApplication[];
  warnings: string[];
}

const HEADER = /^\s*domaine\s*\t\s*fonctionnalit[eé]s\s*\t\s*nom du logiciel\s*\t\s*fournisseur\s*$/i;

/**
 * Cyrillic letters met in Latin words (copy-pasted or OCR'd text). Visual
 * look-alikes first, then the usual transliteration of the others.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'j', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'p', с: 'c', т: 't', у: 'y', ф: 'f', х: 'x', ц: 'ts', ч: 'tch', ш: 'ch', щ: 'ch', ы: 'y',
  э: 'e', ю: 'iou', я: 'ia', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ь: '', ъ: '',
};

/**
 * Words mixing Latin and Cyrillic letters are read as Latin (`Méloдие` →
 * `Mélodie`); the caller gets a warning naming the line.
 */
export function latinise(text: string): { text: string; changed: boolean } {
  let changed = false;
  const out = text.replace(/[\p{L}]+/gu, (word) => {
    const hasCyr = /\p{Script=Cyrillic}/u.test(word);
    const hasLat = /\p{Script=Latin}/u.test(word);
    if (!hasCyr || !hasLat) return word;
    changed = true;
    return [...word]
      .map((ch) => {
        const lower = ch.toLowerCase();
        const t = CYRILLIC[lower];
        if (t === undefined) return ch;
        return ch === lower ? t : t.toUpperCase();
      })
      .join('');
  });
  return { text: out, changed };
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Reads the consortium's application catalogue: tab-separated rows
 * (domain, function, software, vendor) under a "Domaine / Fonctionnalités /
 * Nom du logiciel / Fournisseur" header, which may repeat (page breaks).
 * Rows before the first header are ignored, so the whole activity report can
 * be given.
 */
export function parseCatalogue(text: string): CatalogueParseResult {
  const rows: CatalogueRow[] = [];
  const warnings: string[] = [];
  let inTable = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (HEADER.test(raw)) {
      inTable = true;
      return;
    }
    if (!inTable || !raw.includes('\t')) return;
    const cells = raw.split('\t').map(clean);
    if (cells.length !== 4 || cells.some((c) => !c)) {
      warnings.push(`line ${line}: expected 4 non-empty tab-separated cells, got ${cells.length}; skipped`);
      return;
    }
    const fixed = cells.map((c) => {
      const l = latinise(c);
      if (l.changed) warnings.push(`line ${line}: ${JSON.stringify(c)} mixes Latin and Cyrillic letters; read as ${JSON.stringify(l.text)}`);
      return l.text;
    });
    rows.push({ line, domain: fixed[0], function: fixed[1], software: fixed[2], vendor: fixed[3] });
  });
  const byKey = new Map<string, CatalogueApplication>();
  for (const r of rows) {
    const key = [r.domain, r.software, r.vendor.replace(/-/g, ' ')].map(fold).join('|');
    const app = byKey.get(key);
    if (app) {
      if (!app.functions.includes(r.function)) app.functions.push(r.function);
      app.lines.push(r.line);
    } else {
      byKey.set(key, { key, name: r.software, vendor: r.vendor, domain: r.domain, functions: [r.function], lines: [r.line] });
    }
  }
  return { rows, applications: [...byKey.values()], warnings };
}
