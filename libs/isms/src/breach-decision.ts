/** Risk to the rights and freedoms of natural persons (Art. 33(1), Art. 34(1) GDPR). */
export const RISK_LEVELS = ['none', 'risk', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Art. 34(3) conditions under which data subjects need not be told individually. */
export interface Art34Exemptions {
  /** (a) the data were unintelligible to anyone not authorised, e.g. encrypted with a key not compromised. */
  encrypted?: boolean;
  /** (b) subsequent measures ensure the high risk is no longer likely to materialise. */
  mitigated?: boolean;
  /** (c) individual communication would involve disproportionate effort: a public communication instead. */
  disproportionateEffort?: boolean;
}

export type SubjectCommunication = 'not_required' | 'required' | 'exempt' | 'public_communication';

export interface BreachDecision {
  risk: RiskLevel;
  /** Art. 33(1): the CNIL must be notified unless the breach is unlikely to result in a risk. */
  cnilNotificationRequired: boolean;
  /** Art. 34: how data subjects are to be told. */
  subjectCommunication: SubjectCommunication;
  /** Plain-language reasons, citing the article. */
  reasons: string[];
}

/** The Art. 33 / Art. 34 consequences of a risk assessment. */
export function decideBreach(risk: RiskLevel, exemptions: Art34Exemptions = {}): BreachDecision {
  const reasons: string[] = [];
  if (risk === 'none') {
    reasons.push(
      'Art. 33(1): unlikely to result in a risk to the rights and freedoms of natural persons: no notification to the CNIL; recorded in the breach register (Art. 33(5))',
    );
    return { risk, cnilNotificationRequired: false, subjectCommunication: 'not_required', reasons };
  }
  reasons.push('Art. 33(1): likely to result in a risk: notify the CNIL within 72 hours of awareness');
  if (risk === 'risk') {
    reasons.push('Art. 34(1): not a high risk: data subjects need not be told');
    return { risk, cnilNotificationRequired: true, subjectCommunication: 'not_required', reasons };
  }
  if (exemptions.encrypted) {
    reasons.push(
      'Art. 34(3)(a): the data were unintelligible to unauthorised persons (e.g. encryption): no communication to data subjects',
    );
    return { risk, cnilNotificationRequired: true, subjectCommunication: 'exempt', reasons };
  }
  if (exemptions.mitigated) {
    reasons.push(
      'Art. 34(3)(b): subsequent measures ensure the high risk is no longer likely to materialise: no communication to data subjects',
    );
    return { risk, cnilNotificationRequired: true, subjectCommunication: 'exempt', reasons };
  }
  if (exemptions.disproportionateEffort) {
    reasons.push(
      'Art. 34(3)(c): individual communication would involve disproportionate effort: public communication instead',
    );
    return { risk, cnilNotificationRequired: true, subjectCommunication: 'public_communication', reasons };
  }
  reasons.push('Art. 34(1): high risk: communicate the breach to data subjects without undue delay');
  return { risk, cnilNotificationRequired: true, subjectCommunication: 'required', reasons };
}

/** Phases of a notification: Art. 33(4) lets information be provided in phases. */
export const NOTIFICATION_PHASES = ['initial', 'additional', 'complete'] as const;
export type NotificationPhase = (typeof NOTIFICATION_PHASES)[number];

/** The Art. 33(3) contents of a notification. */
export interface NotificationContents {
  /** (a) nature of the breach, including categories of data subjects and records where possible. */
  nature?: string | null;
  /** (a) approximate number of data subjects concerned. */
  subjectsApprox?: number | null;
  /** (a) approximate number of personal data records concerned. */
  recordsApprox?: number | null;
  /** (b) name and contact details of the DPO or other contact point. */
  dpoContact?: string | null;
  /** (c) likely consequences. */
  consequences?: string | null;
  /** (d) measures taken or proposed, including mitigation. */
  measures?: string | null;
}

export const ART_33_3_FIELDS: Array<keyof NotificationContents> = [
  'nature',
  'subjectsApprox',
  'recordsApprox',
  'dpoContact',
  'consequences',
  'measures',
];

/** Art. 33(3) contents still missing. */
export function missingContents(c: NotificationContents): Array<keyof NotificationContents> {
  return ART_33_3_FIELDS.filter((f) => {
    const v = c[f];
    return v === undefined || v === null || (typeof v === 'string' && !v.trim());
  });
}

export interface NotificationProblem {
  field: string;
  problem: string;
}

/**
 * What is wrong with a notification: a complete one must carry every Art.
 * 33(3) item (a phased, initial or additional one may leave some for later,
 * but must say what the breach is); a late one must give the reasons for the
 * delay (Art. 33(1)).
 */
export function checkNotification(
  phase: NotificationPhase,
  contents: NotificationContents,
  late: boolean,
  lateJustification: string | null | undefined,
): NotificationProblem[] {
  const problems: NotificationProblem[] = [];
  const missing = missingContents(contents);
  if (phase === 'complete') {
    for (const f of missing)
      problems.push({ field: f, problem: 'is required in a complete notification (Art. 33(3))' });
  } else if (missing.includes('nature')) {
    problems.push({
      field: 'nature',
      problem: 'the nature of the breach is required even in a phased notification (Art. 33(3)(a), 33(4))',
    });
  }
  if (late && (!lateJustification || !lateJustification.trim()))
    problems.push({
      field: 'lateJustification',
      problem: 'is required: the notification is sent after the 72 hour deadline (Art. 33(1))',
    });
  return problems;
}
