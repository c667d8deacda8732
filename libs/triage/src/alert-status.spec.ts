import { checkTransition, statusTimestamps } from './alert-status';

describe('alert workflow', () => {
  it('allows forward steps, skipping allowed', () => {
    expect(checkTransition({ from: 'open', to: 'acknowledged' })).toEqual([]);
    expect(checkTransition({ from: 'acknowledged', to: 'in_progress' })).toEqual([]);
    expect(checkTransition({ from: 'open', to: 'in_progress' })).toEqual([]);
    expect(
      checkTransition({ from: 'in_progress', to: 'closed', closeReason: 'true_positive', comment: 'done' }),
    ).toEqual([]);
  });

  it('refuses going back except to open', () => {
    expect(checkTransition({ from: 'in_progress', to: 'acknowledged' })[0].code).toBe('invalid_transition');
    expect(checkTransition({ from: 'closed', to: 'in_progress' })[0].code).toBe('invalid_transition');
    expect(checkTransition({ from: 'closed', to: 'open' })).toEqual([]);
    expect(checkTransition({ from: 'in_progress', to: 'open' })).toEqual([]);
  });

  it('needs a known reason and a comment to close', () => {
    expect(checkTransition({ from: 'open', to: 'closed' }).map((p) => p.code)).toEqual([
      'close_reason_required',
      'comment_required',
    ]);
    expect(checkTransition({ from: 'open', to: 'closed', closeReason: 'bogus', comment: 'x' })).toEqual([
      expect.objectContaining({ code: 'invalid_close_reason', field: 'closeReason' }),
    ]);
    expect(checkTransition({ from: 'open', to: 'closed', closeReason: 'false_positive', comment: '  ' })).toEqual([
      expect.objectContaining({ code: 'comment_required', field: 'comment' }),
    ]);
  });

  it('stamps the first acknowledgement and the closing', () => {
    const now = '2026-01-01T10:00:00.000Z';
    expect(statusTimestamps({ acknowledgedAt: null, closedAt: null }, 'in_progress', now)).toEqual({
      acknowledgedAt: now,
      closedAt: null,
    });
    expect(statusTimestamps({ acknowledgedAt: 'earlier', closedAt: null }, 'closed', now)).toEqual({
      acknowledgedAt: 'earlier',
      closedAt: now,
    });
    expect(statusTimestamps({ acknowledgedAt: 'earlier', closedAt: now }, 'open', now)).toEqual({
      acknowledgedAt: 'earlier',
      closedAt: null,
    });
  });
});
