import type { Framework } from '@vigie/evidence';
import { controlChecklist } from './control-checklist';

const fw: Framework = {
  id: 'anssi-hygiene',
  title: 'ANSSI',
  sections: [
    {
      id: 'S1',
      title: 'Awareness',
      controls: [
        { id: '1', title: 'Train', evidence: [], statement: null, attachments: [] },
        { id: '2', title: 'Raise', evidence: ['audit-trail'], statement: 'From the file', attachments: ['a.pdf'] },
        { id: '3', title: 'Outsourcing', evidence: ['processor-register'], statement: null, attachments: [] },
      ],
    },
  ],
};

describe('control checklist', () => {
  it('marks each control written or missing, the statement kept in Vigie first', () => {
    const [out] = controlChecklist(
      [fw],
      [
        {
          framework: 'anssi-hygiene',
          control: '3',
          statement: 'Written in Vigie',
          updatedBy: 'rssi',
          updatedAt: '2026-01-01T00:00:00.000Z',
          attachments: [],
        },
        { framework: 'other', control: '1', statement: 'x', updatedBy: 'a', updatedAt: null, attachments: [] },
        {
          framework: 'anssi-hygiene',
          control: '1',
          statement: null,
          updatedBy: null,
          updatedAt: null,
          attachments: [
            {
              id: 'x',
              filename: 'p.pdf',
              sha256: 'h',
              size: 1,
              uploadedBy: 'rssi',
              uploadedAt: '2026-01-01T00:00:00Z',
            },
          ],
        },
      ],
    );
    expect([out!.controls, out!.written]).toEqual([3, 2]);
    expect(out!.sections[0]!.controls.map((c) => [c.id, c.statementStatus, c.statement, c.attachments])).toEqual([
      ['1', 'missing', null, 1],
      ['2', 'written', 'From the file', 1],
      ['3', 'written', 'Written in Vigie', 0],
    ]);
    expect(out!.sections[0]!.controls[2]).toMatchObject({ updatedBy: 'rssi', evidence: ['processor-register'] });
  });
});
