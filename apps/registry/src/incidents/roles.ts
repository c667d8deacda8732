import { Role } from '@vigie/auth';

/** Who writes incidents (the security team). */
export const INCIDENT_WRITERS: Role[] = ['admin', 'rssi'];
/** Who adds to an incident's timeline and evidence (the DPO records communications too). */
export const TIMELINE_WRITERS: Role[] = ['admin', 'rssi', 'dpo'];
