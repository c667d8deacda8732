/** Kinds of reference data stored in `vigie_gdpr_reference`. */
export const REFERENCE_KINDS = [
  'data-categories',
  'data-subject-categories',
  'legal-bases',
  'art9-conditions',
  'recipient-types',
  'transfer-safeguards',
  'security-measures',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export interface ReferenceItem {
  kind: ReferenceKind;
  code: string;
  label: string;
  description: string | null;
  /** GDPR article, e.g. `6(1)(e)`, `9(1)`, `10`. */
  article: string | null;
  /** Art. 9 special category or Art. 10 criminal data. */
  sensitive: boolean;
  /** Subject to specific rules (the NIR). */
  regulated: boolean;
  /** Vulnerable data subjects (EDPB WP248 criterion 7). */
  vulnerable: boolean;
  /** The CNIL model's data category group: `common`, `sensitive`, `criminal`, `nir`. */
  group: string | null;
  position: number;
}

/** Reference data indexed by kind and code, for the rules below. */
export class ReferenceLookup {
  private readonly byKind = new Map<string, Map<string, ReferenceItem>>();

  constructor(items: ReferenceItem[]) {
    for (const i of items) {
      if (!this.byKind.has(i.kind)) this.byKind.set(i.kind, new Map());
      this.byKind.get(i.kind)!.set(i.code, i);
    }
  }

  get(kind: ReferenceKind, code: string): ReferenceItem | undefined {
    return this.byKind.get(kind)?.get(code);
  }

  has(kind: ReferenceKind, code: string): boolean {
    return !!this.get(kind, code);
  }

  codes(kind: ReferenceKind): string[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])];
  }

  label(kind: ReferenceKind, code: string): string {
    return this.get(kind, code)?.label ?? code;
  }

  /** Find a code from a label or a code, ignoring case and accents (for imports). */
  resolve(kind: ReferenceKind, text: string): string | undefined {
    const want = fold(text);
    for (const item of this.byKind.get(kind)?.values() ?? []) {
      if (fold(item.code) === want || fold(item.label) === want) return item.code;
    }
    return undefined;
  }
}

/** Lower case, no accents, single spaces: for matching labels and search. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
