import type { ExportRow } from './evidence-exports.repository';
import { STALE_AFTER_MS, view } from './evidence-exports.service';

const row = (over: Partial<ExportRow> = {}): ExportRow => ({
  id: '7d1c0b8e-1f7a-4b55-9a53-0b8c5f6f4a10',
  owner: 'user:1',
  createdBy: 'auditor1',
  member: 'ivry',
  period: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
  status: 'running',
  progress: { done: 2, total: 8, step: 'alert-stats', percent: 25 },
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:05.000Z',
  finishedAt: null,
  size: null,
  sha256: null,
  error: null,
  ...over,
});

describe('evidence export view', () => {
  const updated = Date.parse('2026-03-01T10:00:05.000Z');

  it('shows a running export as running while its process reports', () => {
    const v = view(row(), updated + STALE_AFTER_MS);
    expect(v).toMatchObject({ status: 'running', error: null, download: null, finishedAt: null });
  });

  it('shows an export silent for too long as failed, interrupted, at its last report', () => {
    const v = view(row(), updated + STALE_AFTER_MS + 1);
    expect(v).toMatchObject({
      status: 'failed',
      error: { code: 'export_interrupted' },
      finishedAt: '2026-03-01T10:00:05.000Z',
      download: null,
    });
  });

  it('links a finished export to its download, however old', () => {
    const v = view(row({ status: 'done', size: 10, sha256: 'ab', finishedAt: '2026-03-01T10:01:00.000Z' }), 9e15);
    expect(v).toMatchObject({ status: 'done', download: `/api/v1/evidence/exports/${row().id}/download` });
  });
});
