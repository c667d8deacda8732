import { checkNotification, decideBreach, missingContents } from './breach-decision';

describe('Art. 33 / 34 decisions', () => {
  it('no risk: register only', () => {
    expect(decideBreach('none')).toMatchObject({
      cnilNotificationRequired: false,
      subjectCommunication: 'not_required',
    });
  });
  it('risk: CNIL only', () => {
    expect(decideBreach('risk', { disproportionateEffort: true })).toMatchObject({
      cnilNotificationRequired: true,
      subjectCommunication: 'not_required',
    });
  });
  it('high risk: CNIL and data subjects, unless exempt', () => {
    expect(decideBreach('high')).toMatchObject({ cnilNotificationRequired: true, subjectCommunication: 'required' });
    expect(decideBreach('high', { encrypted: true }).subjectCommunication).toBe('exempt');
    expect(decideBreach('high', { mitigated: true }).reasons.join(' ')).toContain('34(3)(b)');
    expect(decideBreach('high', { disproportionateEffort: true }).subjectCommunication).toBe('public_communication');
  });

  it('requires every Art. 33(3) item in a complete notification only', () => {
    const partial = { nature: 'Ransomware on the HR file server', subjectsApprox: 300 };
    expect(missingContents(partial)).toEqual(['recordsApprox', 'dpoContact', 'consequences', 'measures']);
    expect(checkNotification('initial', partial, false, null)).toEqual([]);
    expect(checkNotification('complete', partial, false, null).map((p) => p.field)).toEqual([
      'recordsApprox',
      'dpoContact',
      'consequences',
      'measures',
    ]);
    expect(checkNotification('initial', {}, false, null).map((p) => p.field)).toEqual(['nature']);
  });

  it('requires reasons for a late notification', () => {
    expect(checkNotification('initial', { nature: 'x' }, true, ' ').map((p) => p.field)).toEqual(['lateJustification']);
    expect(checkNotification('initial', { nature: 'x' }, true, 'Controller reached only on Monday')).toEqual([]);
  });
});
