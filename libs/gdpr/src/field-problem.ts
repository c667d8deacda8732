/** A field at fault, named by its dotted path (`dataCategories[2].retentionPeriod`). */
export interface FieldIssue {
  field: string;
  problem: string;
}
