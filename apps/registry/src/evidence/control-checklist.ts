import type { Framework } from '@vigie/evidence';
import type { ControlStatementView } from './control-statements';

export type StatementStatus = 'written' | 'missing';

export interface ChecklistControl {
  id: string;
  title: string;
  /** Evidence items Vigie produces for the control (bundle manifest ids). */
  evidence: string[];
  /** The statement kept in Vigie, else the one of the framework file, else null. */
  statement: string | null;
  statementStatus: StatementStatus;
  updatedBy: string | null;
  updatedAt: string | null;
  attachments: number;
}

export interface ChecklistFramework {
  id: string;
  title: string;
  controls: number;
  written: number;
  sections: Array<{ id: string; title: string; controls: ChecklistControl[] }>;
}

/**
 * Every control of every framework with whether a statement has been written
 * for it: the checklist of what is left to write before an audit.
 */
export function controlChecklist(frameworks: Framework[], written: ControlStatementView[]): ChecklistFramework[] {
  const byKey = new Map(written.map((w) => [`${w.framework}|${w.control}`, w]));
  return frameworks.map((fw) => {
    let count = 0;
    let done = 0;
    const sections = fw.sections.map((s) => ({
      id: s.id,
      title: s.title,
      controls: s.controls.map((c): ChecklistControl => {
        const w = byKey.get(`${fw.id}|${c.id}`);
        const statement = w?.statement ?? c.statement ?? null;
        const status: StatementStatus = statement && statement.trim() ? 'written' : 'missing';
        count++;
        if (status === 'written') done++;
        return {
          id: c.id,
          title: c.title,
          evidence: [...c.evidence],
          statement,
          statementStatus: status,
          updatedBy: w?.updatedBy ?? null,
          updatedAt: w?.updatedAt ?? null,
          attachments: c.attachments.length + (w?.attachments.length ?? 0),
        };
      }),
    }));
    return { id: fw.id, title: fw.title, controls: count, written: done, sections };
  });
}
