/*
 * The register's rules, run in the browser from the same plain-TypeScript
 * library the API uses (libs/gdpr): the DPIA verdict and the CNIL model's
 * completeness are shown live while a record is edited, and the workflow
 * buttons follow the same state machine. Each file is imported on its own so
 * that nothing but these rules enters the bundle.
 */
export { assessDpia } from '../../../../../libs/gdpr/src/dpia';
export { missingFields, EEA_COUNTRIES } from '../../../../../libs/gdpr/src/completeness';
export { ReferenceLookup } from '../../../../../libs/gdpr/src/reference';
export {
  ACTIVITY_STATUSES,
  DPIA_STATUSES,
  RETENTION_FATES,
  normaliseContent,
} from '../../../../../libs/gdpr/src/record';
export { nextStatus } from '../../../../../libs/gdpr/src/workflow';
