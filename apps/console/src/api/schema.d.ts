/* Generated from the Vigie OpenAPI document by apps/console/scripts/generate-api-types.js. Do not edit. */
export interface paths {
  '/api/v1/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The alert queue in my scope: filters, level then recency, pages, counts per status */
    get: operations['AlertsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/alerts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An alert with its history and its related events */
    get: operations['AlertsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Status (closing needs a reason and a comment), assignee, tags; recorded in the history */
    patch: operations['AlertsController_update'];
    trace?: never;
  };
  '/api/v1/alerts/{id}/comments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Comment on an alert (history and audit trail) */
    post: operations['AlertsController_comment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/alerts/{id}/escalate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an ISMS incident from the alert, or attach it to an existing one */
    post: operations['AlertsController_escalate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/alerts/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Related events of an alert, oldest first, in pages: its sample events and the events with its group values within its time window (± 5 min) */
    get: operations['AlertsController_events'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/alerts/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Apply one change to a selection of alerts or to those matching a filter (at most 1000) */
    post: operations['AlertsController_bulk'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/alerts/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Alerts per day by level, rule and member; TTA/TTC p50 and p90; false-positive rate per rule */
    get: operations['AlertsController_stats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** API keys in my scope (metadata only) */
    get: operations['ApiKeysController_list'];
    put?: never;
    /** Create an API key for a member; the key is shown once */
    post: operations['ApiKeysController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an API key */
    delete: operations['ApiKeysController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/applications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The application map (applications used by my members); ?q= full text, ?member=, ?domain= */
    get: operations['ApplicationsController_list'];
    put?: never;
    /** Add an application to the map */
    post: operations['ApplicationsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/applications/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ApplicationsController_get'];
    put?: never;
    post?: never;
    delete: operations['ApplicationsController_delete'];
    options?: never;
    head?: never;
    patch: operations['ApplicationsController_update'];
    trace?: never;
  };
  '/api/v1/applications/{id}/confirm-suggestions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm suggested data categories and subjects (DPO) */
    post: operations['ApplicationsController_confirm'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/applications/{id}/impact': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What a compromised application affects */
    get: operations['ApplicationsController_impact'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/applications/hosts/{host}/impact': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What a compromised host (name or IP) affects: applications, members, activities, data categories and subjects */
    get: operations['ApplicationsController_impactOfHost'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/applications/matrix': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Application × data category matrix */
    get: operations['ApplicationsController_matrix'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit trail, oldest first, filtered and limited to my members */
    get: operations['AuditController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in: returns a short-lived access token and a refresh token */
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke the access token and the refresh tokens */
    post: operations['AuthController_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who am I: roles and member scope */
    get: operations['AuthController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change my password (signs out every session) */
    post: operations['AuthController_changePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Exchange a refresh token for a new token pair (the old one stops working) */
    post: operations['AuthController_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/corrective-actions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Corrective actions in my scope, earliest due first */
    get: operations['CorrectiveActionsController_list'];
    put?: never;
    /** Record a nonconformity and its corrective action (linked to an incident, or standalone) */
    post: operations['CorrectiveActionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/corrective-actions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CorrectiveActionsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['CorrectiveActionsController_update'];
    trace?: never;
  };
  '/api/v1/corrective-actions/{id}/review': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Effectiveness review: date, method, result, reviewer (required to close) */
    post: operations['CorrectiveActionsController_review'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/corrective-actions/{id}/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** open → in_progress → implemented → closed (closing needs an effective review: 422) */
    post: operations['CorrectiveActionsController_transition'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/corrective-actions/overdue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Actions past their due date and not closed */
    get: operations['CorrectiveActionsController_overdue'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search events of my members with a KQL query; newest first, paged by cursor */
    get: operations['EventsController_search'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events/count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Count the events matching a KQL query */
    get: operations['EventsController_count'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events/histogram': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Events per time bucket (interval 1m, 1h, 1d... or auto) */
    get: operations['EventsController_histogram'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events/retention': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Per member: retention setting, oldest and newest day held */
    get: operations['EventsController_retention'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events/top': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Most frequent values of a field among the matching events */
    get: operations['EventsController_top'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evidence/controls': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Statements and attachments written for framework controls */
    get: operations['ControlStatementsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evidence/controls/{framework}/{control}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Write the statement of a control (audited) */
    put: operations['ControlStatementsController_set'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evidence/controls/{framework}/{control}/attachments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Attach a file to a control (audited; kept with its SHA-256) */
    post: operations['ControlStatementsController_attach'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evidence/controls/checklist': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every framework control with its evidence items and whether its statement is written (no member data) */
    get: operations['ControlStatementsController_checklist'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evidence/exports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The evidence exports of this instance the caller may see (their own; all for an admin), newest first */
    get: operations['EvidenceController_list'];
    put?: never;
    /** Start a signed evidence bundle for a period and one member or all in scope; answers with a job to poll */
    post: operations['EvidenceController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evidence/exports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Progress of an evidence export */
    get: operations['EvidenceController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evidence/exports/{id}/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The bundle ZIP, once the export is done */
    get: operations['EvidenceController_download'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/exceptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Alert exceptions in my scope, with what each suppressed */
    get: operations['ExceptionsController_list'];
    put?: never;
    /** Create an exception (from an alert or not): rule or every rule, scope, reason, expiry */
    post: operations['ExceptionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/exceptions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An exception, its suppression counts and the latest suppressed alerts */
    get: operations['ExceptionsController_get'];
    put?: never;
    post?: never;
    /** Revoke an exception; it stays listed with its counts */
    delete: operations['ExceptionsController_revoke'];
    options?: never;
    head?: never;
    /** Edit an exception (reason, expiry, scope) */
    patch: operations['ExceptionsController_update'];
    trace?: never;
  };
  '/api/v1/incident-reports/log': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Incident log export, CSV or XLSX, with the list filters */
    get: operations['IncidentReportsController_log'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incident-reports/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** MTTD, MTTC, MTTR; incidents per month by category and member; overdue actions */
    get: operations['IncidentReportsController_metrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Incidents affecting my members, most recently detected first */
    get: operations['IncidentsController_list'];
    put?: never;
    /** Record an incident (reference INC-YYYY-NNNN, severity from impact × urgency) */
    post: operations['IncidentsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An incident, by id or reference */
    get: operations['IncidentsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Update the description, times, classification or impact (not the status) */
    patch: operations['IncidentsController_update'];
    trace?: never;
  };
  '/api/v1/incidents/{id}/breach': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The breach record: awareness, controllers, deadlines, risk, notices and notifications */
    get: operations['BreachesController_get'];
    put?: never;
    /** Open the personal data breach workflow: when the consortium became aware, the nature */
    post: operations['BreachesController_open'];
    delete?: never;
    options?: never;
    head?: never;
    /** Correct the consortium’s awareness time, the nature or the numbers */
    patch: operations['BreachesController_update'];
    trace?: never;
  };
  '/api/v1/incidents/{id}/breach/controllers/{member}/awareness': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** When this controller became aware: its CNIL deadline is 72 h later */
    put: operations['BreachesController_awareness'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/breach/controllers/{member}/subject-communication': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record the communication to data subjects (Art. 34) */
    post: operations['BreachesController_subjects'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/breach/notices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record a processor → controller notice (Art. 33(2)): member, when, by whom, content */
    post: operations['BreachesController_notice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/breach/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record a CNIL notification with the Art. 33(3) contents (phased allowed; reasons required when late) */
    post: operations['BreachesController_notify'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/breach/risk-assessment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** No risk / risk / high risk, with the Art. 34(3) exemptions: decides CNIL notification and data-subject communication */
    post: operations['BreachesController_assess'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record the event-vs-incident decision: who, when, why */
    post: operations['IncidentsController_decide'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/evidence': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Evidence files: name, size, SHA-256, uploader and time */
    get: operations['TimelineController_listEvidence'];
    put?: never;
    /** Upload evidence (multipart `file`, or JSON base64); over 10485760 bytes: 413 */
    post: operations['TimelineController_upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/evidence/{evidenceId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Evidence metadata */
    get: operations['TimelineController_getEvidence'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/evidence/{evidenceId}/content': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The evidence file, checked against its SHA-256 (download audited) */
    get: operations['TimelineController_content'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/impact': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Controllers, processing activities, data and subject categories at stake, from the GDPR registry */
    get: operations['IncidentsController_impact'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/impact/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Derive the affected members again after the registry changed */
    post: operations['IncidentsController_refreshImpact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Affected members, applications, hosts and related alerts */
    get: operations['IncidentsController_links'];
    put?: never;
    /** Link members, applications, hosts or alerts; the impact is derived again */
    post: operations['IncidentsController_addLinks'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/links/{kind}/{ref}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a link (kind: members, applications, hosts, alerts) */
    delete: operations['IncidentsController_removeLink'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Incident report (JSON): record, impact, timeline by phase, evidence, notifications, actions */
    get: operations['IncidentReportsController_json'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/report/pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Incident report (PDF); its SHA-256 is returned in X-Content-SHA256 and audited */
    get: operations['IncidentReportsController_pdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Move along the lifecycle; 409 names the allowed next states, closing needs root cause and lessons (422) */
    post: operations['IncidentsController_transition'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The timeline, in order */
    get: operations['TimelineController_list'];
    put?: never;
    /** Append an entry; entries are never edited or deleted: a correction is a new entry naming the one it corrects */
    post: operations['TimelineController_append'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/incidents/breaches/deadlines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every controller’s 72 h CNIL deadline in my scope, with countdown: overdue first */
    get: operations['BreachesController_deadlines'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ingest': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send log lines (member API key in x-api-key)
     * @description `text/plain`: one syslog message a line. `application/x-ndjson`: one JSON object a line, either `{"message", "host"?, "timestamp"?}` or an event object kept verbatim. `application/json`: an object or an array. The member is the API key's. The body is accepted whole or refused whole (400 names the lines at fault). 503 with Retry-After while the bus is saturated; 413 above http.bodyLimit.
     */
    post: operations['IngestController_ingest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Members in my scope */
    get: operations['MembersController_list'];
    put?: never;
    /** Create a member (admin) */
    post: operations['MembersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MembersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Update a member: name, networks, time zone, retention (admin) */
    patch: operations['MembersController_update'];
    trace?: never;
  };
  '/api/v1/members/{member}/breach-register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The member’s breach register (Art. 33(5)): every breach, notified or not, with the reason */
    get: operations['BreachRegisterController_register'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A member’s Art. 30(1) records; ?q= full text, ?status=, ?includeArchived=true */
    get: operations['ProcessingActivitiesController_list'];
    put?: never;
    /** Create a record (saved as a draft, complete or not) */
    post: operations['ProcessingActivitiesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ProcessingActivitiesController_get'];
    put?: never;
    post?: never;
    /** Delete a draft that was never validated (archive the others) */
    delete: operations['ProcessingActivitiesController_delete'];
    options?: never;
    head?: never;
    /** Edit a record; a validated record goes back to review */
    patch: operations['ProcessingActivitiesController_update'];
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ProcessingActivitiesController_archive'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/{id}/completeness': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Fields the CNIL model still needs */
    get: operations['ProcessingActivitiesController_completeness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/{id}/diff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Field-level diff between two versions (?from=&to=; default previous → current) */
    get: operations['ProcessingActivitiesController_diff'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every version: who, when, what kind of change, which fields */
    get: operations['ProcessingActivitiesController_history'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/{id}/pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The record as a PDF fiche (CNIL model fields, completeness aside) */
    get: operations['ProcessingActivitiesController_pdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/{id}/reopen': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Archived → draft */
    post: operations['ProcessingActivitiesController_reopen'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/{id}/submit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Draft → in review (422 with the missing fields if incomplete) */
    post: operations['ProcessingActivitiesController_submit'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/{id}/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Validate (DPO): 422 listing the missing fields when incomplete */
    post: operations['ProcessingActivitiesController_validate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/{id}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ProcessingActivitiesController_versionOf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/processing-activities/drafts-from-applications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Draft records from the applications the member uses (one per application not yet covered) */
    post: operations['ProcessingActivitiesController_drafts'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A member’s whole Art. 30(1) register, with its version and summary */
    get: operations['RegisterController_register'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/register/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Export the register: csv (UTF-8 with BOM), xlsx (one sheet per record type), json, pdf */
    get: operations['RegisterController_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{member}/register/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import an XLSX in the export layout: all rows validated, errors by row and column, nothing imported on error (?dryRun=true validates only) */
    post: operations['RegisterController_import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notification-channels': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Notification channels (webhooks, email), from the API and the settings; secrets masked */
    get: operations['NotificationChannelsController_list'];
    put?: never;
    /** Add a webhook or email channel; a generated webhook secret is shown once */
    post: operations['NotificationChannelsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notification-channels/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['NotificationChannelsController_get'];
    put?: never;
    post?: never;
    delete: operations['NotificationChannelsController_delete'];
    options?: never;
    head?: never;
    patch: operations['NotificationChannelsController_update'];
    trace?: never;
  };
  '/api/v1/processing-activities': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Records of every member in scope; ?q= full text */
    get: operations['ActivityDashboardController_search'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/processing-activities/dpia-missing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Records that need a DPIA and have none planned, in progress or done */
    get: operations['ActivityDashboardController_dpiaMissing'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/processing-activities/overdue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Records past their next review date */
    get: operations['ActivityDashboardController_overdue'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/processor-register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The consortium’s Art. 30(2) register: one per member in scope, derived live */
    get: operations['ProcessorRegisterController_all'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/processor-register/{member}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The Art. 30(2) register for one member (controller) */
    get: operations['ProcessorRegisterController_forMember'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/processor-register/{member}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Export one member’s Art. 30(2) register: csv, xlsx, json, pdf */
    get: operations['ProcessorRegisterController_exportOne'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/processor-register/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Export the Art. 30(2) registers in scope: csv, xlsx, json, pdf */
    get: operations['ProcessorRegisterController_exportAll'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The kinds of reference data */
    get: operations['ReferenceDataController_kinds'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference/art9-conditions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Art. 9(2)(a)-(j) */
    get: operations['ReferenceDataController_art9Conditions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference/data-categories': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** CNIL data categories, Art. 9 special categories (sensitive), Art. 10, the NIR (regulated) */
    get: operations['ReferenceDataController_dataCategories'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference/data-subject-categories': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReferenceDataController_dataSubjectCategories'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference/dpia-criteria': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The nine EDPB criteria (WP248 rev.01) */
    get: operations['ReferenceDataController_dpiaCriteria'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference/dpia-processing-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The CNIL list of processing types that require a DPIA */
    get: operations['ReferenceDataController_dpiaProcessingTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference/legal-bases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Art. 6(1)(a)-(f) */
    get: operations['ReferenceDataController_legalBases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference/recipient-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReferenceDataController_recipientTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference/retention-fates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReferenceDataController_retentionFates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference/security-measures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReferenceDataController_securityMeasures'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reference/transfer-safeguards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReferenceDataController_transferSafeguards'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Sigma rules loaded by the detectors, with status, enabled flag and hit counts */
    get: operations['RulesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rules/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One rule */
    get: operations['RulesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Enable or disable a rule (rssi, admin; audited) */
    patch: operations['RulesController_update'];
    trace?: never;
  };
  '/api/v1/rules/coverage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** ATT&CK techniques covered by the enabled, loaded rules, grouped by tactic */
    get: operations['RulesController_coverage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rules/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Run a Sigma rule (or a correlation and its rules) over sample events */
    post: operations['RulesController_test'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sources': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Per member, each sending host with first seen, last seen and event count; flags silent hosts */
    get: operations['SourcesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** All accounts (admin) */
    get: operations['UsersController_list'];
    put?: never;
    /** Create an account with roles and member scopes (admin) */
    post: operations['UsersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['UsersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change roles, scopes, or disable an account (admin) */
    patch: operations['UsersController_update'];
    trace?: never;
  };
  '/api/v1/users/{id}/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new password for an account (admin); signs it out everywhere */
    post: operations['UsersController_reset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ActionStatusDto: {
      /** @enum {string} */
      status: 'open' | 'in_progress' | 'implemented' | 'closed' | 'cancelled';
    };
    ActivitySecurityMeasureDto: {
      /** @example Comptes nominatifs, profils par service */
      description: string;
      /** @example access_control */
      type: string;
    };
    ActivityTransitionDto: {
      /** @example Relu avec la DRH */
      comment?: string;
    };
    ApplicationDataDto: {
      /**
       * @description Reference code (data category or data subject category)
       * @example health
       */
      code: string;
      /** @description A suggestion awaiting the DPO’s confirmation */
      toConfirm?: boolean;
      /** @example 12 000 dossiers */
      volume?: string;
    };
    AwarenessDto: {
      /** @description When the controller became aware: its 72 h start then */
      awareAt: string;
    };
    BulkAlertsDto: {
      /** @description The change applied to each alert */
      change: components['schemas']['UpdateAlertDto'];
      /** @description Every alert matching (at most 1000), instead of ids */
      filter?: components['schemas']['BulkFilterDto'];
      /** @description A selection of alert ids (or give a filter) */
      ids?: string[];
    };
    BulkFilterDto: {
      level?: ('informational' | 'low' | 'medium' | 'high' | 'critical')[];
      member?: unknown[][];
      rule?: unknown[][];
      status?: ('open' | 'acknowledged' | 'in_progress' | 'closed')[];
    };
    ChangePasswordDto: {
      currentPassword: string;
      newPassword: string;
    };
    CommentDto: {
      /** @example Checked with the Ivry network team: scanner run */
      text: string;
    };
    ConfirmSuggestionsDto: {
      /**
       * @description Data categories to confirm; all when omitted
       * @example [
       *       "health"
       *     ]
       */
      dataCategories?: string[];
      /**
       * @description Data subject categories to confirm; all when omitted
       * @example [
       *       "patients"
       *     ]
       */
      dataSubjects?: string[];
    };
    ControlAttachmentDto: {
      /** @description The file, base64-encoded */
      contentBase64: string;
      /** @example procedure-journalisation.pdf */
      filename: string;
    };
    ControlStatementDto: {
      /** @example Les journaux des pare-feu et des contrôleurs de domaine sont centralisés dans Vigie depuis 2026. */
      statement: string;
    };
    CreateActivityDto: {
      /** @description Applications used (ids from /api/v1/applications) */
      applicationIds?: string[];
      /** @example health_social_care */
      art9Condition?: string | null;
      automatedDecision?: boolean | null;
      automatedDecisionDetails?: string | null;
      collectionMandatory?: boolean | null;
      dataCategories?: components['schemas']['DataCategoryDto'][];
      /** @example Collectées auprès de l’agent et de son employeur précédent */
      dataSource?: string | null;
      dataSubjects?: components['schemas']['DataSubjectDto'][];
      dpia?: components['schemas']['DpiaDto'];
      dpo?: components['schemas']['PartyDto'] | null;
      jointControllers?: components['schemas']['PartyDto'][];
      /** @example public_task */
      legalBasis?: string | null;
      /** @example Code général de la fonction publique */
      legalBasisJustification?: string | null;
      /** @example Gestion de la paie */
      name: string;
      /** @example 2026-01-31 */
      nextReviewDate?: string | null;
      /**
       * @example [
       *       "Gestion de la paie des agents"
       *     ]
       */
      purposes?: string[];
      recipients?: components['schemas']['RecipientDto'][];
      /** @example ivry-T001 */
      reference?: string;
      /** @example Auprès du DPO : dpo@siim94.net, ou par courrier */
      rightsExercise?: string | null;
      securityMeasures?: components['schemas']['ActivitySecurityMeasureDto'][];
      transfers?: components['schemas']['TransferDto'][];
    };
    CreateApiKeyDto: {
      /** @example ivry */
      member: string;
      /** @example nxlog-dc01 */
      name: string;
    };
    CreateApplicationDto: {
      dataCategories?: components['schemas']['ApplicationDataDto'][];
      /**
       * @description Country where the data is stored (ISO 3166-1 alpha-2)
       * @example FR
       */
      dataLocation?: string;
      dataSubjects?: components['schemas']['ApplicationDataDto'][];
      /** @example RH */
      domain?: string;
      /** @example Contrat 2021-045, avenant RGPD du 12/03/2021 */
      dpaReference?: string;
      /**
       * @example [
       *       "Cœur RH"
       *     ]
       */
      functions?: string[];
      /** @enum {string} */
      hosting?: 'consortium' | 'member' | 'saas';
      hosts?: components['schemas']['HostDto'][];
      /**
       * @description Members using the application
       * @example [
       *       "ivry",
       *       "vitry"
       *     ]
       */
      members?: string[];
      /** @example SEDIT WEB2 */
      name: string;
      notes?: string;
      securityMeasures?: components['schemas']['SecurityMeasureDto'][];
      /** @example BERGER-LEVRAULT */
      vendor?: string;
      /** @enum {string} */
      vendorRole?: 'processor' | 'sub_processor' | 'none';
    };
    CreateChannelDto: {
      /** @description 0: one email per alert; N: one digest every N minutes (kind email) */
      digestMinutes?: number;
      enabled?: boolean;
      /** @description Also email the referents of the alert’s members (kind email) */
      includeReferents?: boolean;
      /** @enum {string} */
      kind: 'webhook' | 'email';
      /**
       * @description Only these members’ alerts; empty = every member
       * @example [
       *       "ivry"
       *     ]
       */
      members?: string[];
      /** @enum {string|null} */
      minLevel?: 'informational' | 'low' | 'medium' | 'high' | 'critical' | null;
      /** @example SOC webhook */
      name: string;
      /**
       * @example [
       *       "rssi@example.org"
       *     ]
       */
      recipients?: string[];
      /** @description HMAC-SHA256 signing key (16+ characters); generated and shown once when absent */
      secret?: string;
      /**
       * @description Webhook URL (kind webhook)
       * @example https://soc.example.org/hooks/vigie
       */
      url?: string;
    };
    CreateCorrectiveActionDto: {
      /** @description The corrective action (10.2 c) */
      action: string;
      /** @description Immediate correction (10.2 a) */
      correction?: string;
      /** @example 2026-06-30 */
      dueDate?: string;
      /** @description Incident id or reference (required when the source is an incident) */
      incident?: string;
      /** @description Member concerned (e.g. by an audit finding) */
      member?: string;
      /** @description The nonconformity */
      nonconformity: string;
      /** @example DSI - pôle infrastructure */
      owner: string;
      /** @description Root cause (10.2 b) */
      rootCause?: string;
      /** @enum {string} */
      source: 'incident' | 'audit' | 'review' | 'other';
      /** @example Enforce MFA on webmail */
      title: string;
    };
    CreateEvidenceExportDto: {
      /**
       * @description Start of the period (inclusive), ISO 8601, UTC unless an offset is given
       * @example 2025-01-01
       */
      from: string;
      /**
       * @description One member; every member in your scope when omitted
       * @example ivry
       */
      member?: string;
      /**
       * @description End of the period (exclusive)
       * @example 2026-01-01
       */
      to: string;
    };
    CreateExceptionDto: {
      /**
       * @description Mandatory; at most a year ahead
       * @example 2026-06-30T00:00:00Z
       */
      expiresAt: string;
      /** @description Create from this alert: its rule (unless ruleId is given) and, unless given, its member */
      fromAlertId?: string;
      /** @example srv-backup-01 */
      host?: string | null;
      /**
       * @description Sigma-selection-like match on the alert’s group values and rule.id, rule.title, organization.id, host.name, user.name, source.ip, application.name: fields AND, values OR, * and ? wildcards, modifiers contains, startswith, endswith, cidr, all
       * @example {
       *       "Hostname|startswith": "scan-",
       *       "source.ip|cidr": [
       *         "10.9.0.0/16"
       *       ]
       *     }
       */
      match?: Record<string, never> | null;
      /** @example ivry */
      member?: string | null;
      /** @example Authorised vulnerability scanner (ticket 4521) */
      reason: string;
      /** @description Rule id; null = every rule (then a scope is required) */
      ruleId?: string | null;
      /**
       * @description Sigma filter expression (YAML), evaluated on the event(s) that make the alert: a detection block (search identifiers and condition, as in a rule’s detection section) suppressing the events it matches, or a Sigma Filters document (filter: rules, selection…, condition) applied as the detector’s detection.filterMode says. Checked at creation (400, field sigmaFilter, with the parser’s message).
       * @example selection:
       *       user.name|startswith: svc-
       *     filter_lab:
       *       source.ip|cidr: 10.0.0.0/8
       *     condition: selection and not filter_lab
       */
      sigmaFilter?: string | null;
      /**
       * @description An address or a CIDR block
       * @example 10.20.0.0/16
       */
      sourceIp?: string | null;
      /** @example svc-backup */
      user?: string | null;
    };
    CreateIncidentDto: {
      /** @description Related alert ids */
      alerts?: string[];
      /** @description Affected applications (registry ids) */
      applications?: string[];
      /** @enum {string} */
      availability?: 'none' | 'low' | 'medium' | 'high';
      /** @enum {string} */
      category:
        | 'malware'
        | 'phishing'
        | 'unauthorised_access'
        | 'denial_of_service'
        | 'data_leak'
        | 'loss_or_theft'
        | 'misconfiguration'
        | 'other';
      /** @enum {string} */
      confidentiality?: 'none' | 'low' | 'medium' | 'high';
      description?: string;
      /** @description When it was detected; defaults to now */
      detectedAt?: string;
      /** @description Affected hosts (host names or addresses) */
      hosts?: string[];
      /**
       * @description Defaults to the worst CIA impact
       * @enum {string}
       */
      impact?: 'low' | 'medium' | 'high';
      /** @enum {string} */
      integrity?: 'none' | 'low' | 'medium' | 'high';
      /**
       * @description Affected members
       * @example [
       *       "ivry"
       *     ]
       */
      members?: string[];
      /** @description When it happened (if known) */
      occurredAt?: string;
      /** @description Personal data breach suspected (also set from the derived impact) */
      personalDataSuspected?: boolean;
      /** @description When it was reported to the security team */
      reportedAt?: string;
      /** @description Who reported it; defaults to the caller */
      reporter?: string;
      resolvedAt?: string;
      /** @enum {string} */
      source: 'alert' | 'user_report' | 'vendor' | 'cert_fr' | 'other';
      /** @description Alert id, ticket or CERT-FR bulletin number */
      sourceRef?: string;
      /** @example Ransomware on the HR file server */
      title: string;
      /**
       * @default medium
       * @enum {string}
       */
      urgency: 'low' | 'medium' | 'high';
    };
    CreateMemberDto: {
      /**
       * @description Short code: lower-case letters, digits, - and _
       * @example ivry
       */
      code: string;
      /** @example Ville d’Ivry-sur-Seine */
      name: string;
      /**
       * @description Networks whose syslog is attributed to this member (CIDR)
       * @example [
       *       "10.20.0.0/16"
       *     ]
       */
      networks?: string[];
      /** @example 365 */
      retentionDays?: number;
      /**
       * @description null clears it
       * @example 219400413
       */
      siren?: string | null;
      /** @example Europe/Paris */
      timeZone?: string;
      /** @enum {string} */
      type: 'city' | 'territorial_body' | 'housing_office' | 'public_body' | 'theatre' | 'consortium' | 'other';
    };
    CreateUserDto: {
      displayName?: string;
      email?: string;
      /**
       * @description Members a referent (or scoped auditor) works on
       * @example [
       *       "ivry"
       *     ]
       */
      memberScopes?: string[];
      password: string;
      roles: ('admin' | 'rssi' | 'dpo' | 'referent' | 'auditor')[];
      /** @example j.martin */
      username: string;
    };
    DataCategoryDto: {
      /** @example health */
      code: string;
      /** @example Antécédents, prescriptions */
      description?: string | null;
      /** @enum {string|null} */
      retentionFate?: 'delete' | 'archive' | 'anonymise' | null;
      /** @example 20 ans après le dernier passage */
      retentionPeriod?: string | null;
    };
    DataSubjectDto: {
      /** @example patients */
      code: string;
      /** @example 8 000 */
      volume?: string | null;
    };
    DecisionDto: {
      /**
       * @description Is this an information security incident, or only an event?
       * @enum {string}
       */
      decision: 'incident' | 'event';
      /** @description Why */
      rationale: string;
    };
    DpiaDto: {
      /**
       * @example [
       *       "health_care_establishment"
       *     ]
       */
      cnilTypes?: string[];
      /**
       * @example [
       *       "sensitive_data",
       *       "vulnerable_subjects"
       *     ]
       */
      criteria?: string[];
      /** @example 2024-03-01 */
      date?: string | null;
      /** @example AIPD-2024-03 */
      reference?: string | null;
      /** @enum {string} */
      status?: 'not_assessed' | 'not_required' | 'planned' | 'in_progress' | 'done';
    };
    DraftsFromApplicationsDto: {
      /** @description Applications to draft records from; default: every application the member uses that no record covers yet */
      applicationIds?: string[];
    };
    EscalateDto: {
      /** @description ISMS category of the new incident; defaults from the rule’s ATT&CK tags */
      category?: string;
      /** @description Recorded in the alert history */
      comment?: string;
      /** @description Attach to this incident (id or INC reference) instead of creating one */
      incident?: string;
      /** @description Title of the new incident; defaults to the rule title and hosts */
      title?: string;
    };
    EvidenceUploadDto: {
      /** @description JSON upload: the file, base64 */
      contentBase64?: string;
      /** @example text/csv */
      contentType?: string;
      description?: string;
      /**
       * @description JSON upload: file name
       * @example firewall-export.csv
       */
      filename?: string;
    };
    HostDto: {
      /** @example srv-rh01.siim94.local */
      hostname?: string;
      /** @example 10.20.4.17 */
      ip?: string;
    };
    IncidentTransitionDto: {
      /** @description Required to close an incident */
      lessonsLearned?: string;
      /** @description Recorded on the timeline */
      note?: string;
      /** @description Required to close an incident */
      rootCause?: string;
      /** @enum {string} */
      status: 'new' | 'triage' | 'investigating' | 'contained' | 'eradicated' | 'recovered' | 'closed';
    };
    IngestAcceptedDto: {
      /**
       * @description Messages accepted and published on siem.raw.v1
       * @example 120
       */
      accepted: number;
    };
    LinksDto: {
      alerts?: string[];
      applications?: string[];
      hosts?: string[];
      /**
       * @example [
       *       "ivry"
       *     ]
       */
      members?: string[];
    };
    LoginDto: {
      /** @example correct horse battery staple */
      password: string;
      /** @example rssi */
      username: string;
    };
    NoticeDto: {
      /** @example email to dpo@ivry94.fr */
      channel?: string;
      content: string;
      /** @description When the controller became aware; defaults to sentAt when not yet recorded */
      controllerAwareAt?: string;
      /** @example ivry */
      member: string;
      sentAt: string;
      /** @description Who sent it; defaults to the caller */
      sentBy?: string;
    };
    NotificationDto: {
      /** @example CNIL-NOT-2026-012345 */
      cnilReference?: string;
      /** @description (c) likely consequences */
      consequences?: string;
      /** @description (b) DPO or contact point */
      dpoContact?: string;
      /** @description Reasons for the delay, required past the 72 h */
      lateJustification?: string;
      /** @description (d) measures taken or proposed */
      measures?: string;
      /** @example ivry */
      member: string;
      /** @description (a) nature, categories of subjects and records */
      nature?: string;
      /** @enum {string} */
      phase: 'initial' | 'additional' | 'complete';
      recordsApprox?: number;
      sentAt: string;
      subjectsApprox?: number;
    };
    OpenBreachDto: {
      /** @description When the consortium (processor) became aware of the breach */
      consortiumAwareAt: string;
      /** @description Controllers concerned; defaults to the members the incident affects */
      members?: string[];
      /** @example Encryption of the HR file server by ransomware; copies of payslips possibly exfiltrated */
      nature: string;
      recordsApprox?: number;
      subjectsApprox?: number;
    };
    PartyDto: {
      /** @example dpo@siim94.net */
      contact?: string | null;
      /** @example DPO mutualisé SIIM94 / EPT GOSB */
      name: string;
    };
    RecipientDto: {
      internal: boolean;
      /** @example Service ressources humaines */
      name: string;
      /** @example internal_service */
      type: string;
    };
    RefreshDto: {
      refreshToken: string;
    };
    ResetPasswordDto: {
      password: string;
    };
    ReviewDto: {
      /** @example 2026-07-15 */
      date: string;
      /** @example Phishing simulation on 200 agents */
      method: string;
      notes?: string;
      /** @enum {string} */
      result: 'effective' | 'ineffective';
      /** @example RSSI */
      reviewer: string;
    };
    RiskAssessmentDto: {
      /** @description Art. 34(3)(c): disproportionate effort: public communication */
      disproportionateEffort?: boolean;
      /** @description Art. 34(3)(a): data unintelligible (encryption) */
      encrypted?: boolean;
      /** @description Controllers assessed; defaults to all of the breach */
      members?: string[];
      /** @description Art. 34(3)(b): measures make the high risk no longer likely */
      mitigated?: boolean;
      /** @description Why; for `none`, the reason the breach is not notified (kept in the register) */
      rationale: string;
      /** @enum {string} */
      risk: 'none' | 'risk' | 'high';
    };
    SecurityMeasureDto: {
      /** @example Authentification par annuaire, profils par service */
      description: string;
      /** @example access_control */
      type: string;
    };
    SubjectCommunicationDto: {
      content: string;
      /** @example letter */
      method: string;
      sentAt: string;
    };
    TestRuleDto: {
      /** @description Sample events: ECS documents (objects) or raw syslog lines (strings), in order */
      events: (string | Record<string, never>)[];
      /**
       * @description Sender address of the raw lines (default 127.0.0.1)
       * @example 10.20.1.5
       */
      hostIp?: string;
      /** @description Return the evaluated ECS documents too */
      includeEvents?: boolean;
      /**
       * @description Member the raw lines are attributed to (default unattributed)
       * @example ivry
       */
      member?: string;
      /** @description Sigma YAML: one rule, or several documents (e.g. a correlation and the rules it references) */
      rule: string;
      /**
       * @default event
       * @enum {string}
       */
      timeField: 'event' | 'received';
      /**
       * @description Zone of RFC 3164 timestamps in raw lines
       * @example Europe/Paris
       */
      timeZone?: string;
    };
    TimelineEntryDto: {
      /** @example Isolated the file server from the network */
      body: string;
      /** @description Id of the entry this one corrects (entries are never edited) */
      corrects?: string;
      /** @enum {string} */
      kind: 'observation' | 'action' | 'decision' | 'communication' | 'evidence';
      /** @description When it happened; defaults to now */
      occurredAt?: string;
    };
    TransferDto: {
      /** @example US */
      country: string;
      documentation?: string | null;
      /** @example Éditeur (support) */
      recipient: string;
      /** @example standard_contractual_clauses */
      safeguard?: string | null;
    };
    UpdateActivityDto: {
      /** @description Applications used (ids from /api/v1/applications) */
      applicationIds?: string[];
      /** @example health_social_care */
      art9Condition?: string | null;
      automatedDecision?: boolean | null;
      automatedDecisionDetails?: string | null;
      collectionMandatory?: boolean | null;
      dataCategories?: components['schemas']['DataCategoryDto'][];
      /** @example Collectées auprès de l’agent et de son employeur précédent */
      dataSource?: string | null;
      dataSubjects?: components['schemas']['DataSubjectDto'][];
      dpia?: components['schemas']['DpiaDto'];
      dpo?: components['schemas']['PartyDto'] | null;
      /** @description Refuse the change (409) unless the record is still at this version */
      expectedVersion?: number;
      jointControllers?: components['schemas']['PartyDto'][];
      /** @example public_task */
      legalBasis?: string | null;
      /** @example Code général de la fonction publique */
      legalBasisJustification?: string | null;
      /** @example Gestion de la paie */
      name?: string;
      /** @example 2026-01-31 */
      nextReviewDate?: string | null;
      /**
       * @example [
       *       "Gestion de la paie des agents"
       *     ]
       */
      purposes?: string[];
      recipients?: components['schemas']['RecipientDto'][];
      /** @example ivry-T001 */
      reference?: string;
      /** @example Auprès du DPO : dpo@siim94.net, ou par courrier */
      rightsExercise?: string | null;
      securityMeasures?: components['schemas']['ActivitySecurityMeasureDto'][];
      transfers?: components['schemas']['TransferDto'][];
    };
    UpdateAlertDto: {
      addTags?: string[];
      /** @description User name; null to unassign */
      assignee?: Record<string, never> | null;
      /**
       * @description Required when closing
       * @enum {string}
       */
      closeReason?: 'true_positive' | 'false_positive' | 'benign_positive' | 'duplicate' | 'other';
      /** @description Recorded in the history; required when closing */
      comment?: string;
      removeTags?: string[];
      /** @enum {string} */
      status?: 'open' | 'acknowledged' | 'in_progress' | 'closed';
      /** @description Replace the triage tags */
      tags?: string[];
    };
    UpdateApplicationDto: {
      dataCategories?: components['schemas']['ApplicationDataDto'][];
      /**
       * @description Country where the data is stored (ISO 3166-1 alpha-2)
       * @example FR
       */
      dataLocation?: string;
      dataSubjects?: components['schemas']['ApplicationDataDto'][];
      /** @example RH */
      domain?: string;
      /** @example Contrat 2021-045, avenant RGPD du 12/03/2021 */
      dpaReference?: string;
      /**
       * @example [
       *       "Cœur RH"
       *     ]
       */
      functions?: string[];
      /** @enum {string} */
      hosting?: 'consortium' | 'member' | 'saas';
      hosts?: components['schemas']['HostDto'][];
      /**
       * @description Members using the application
       * @example [
       *       "ivry",
       *       "vitry"
       *     ]
       */
      members?: string[];
      /** @example SEDIT WEB2 */
      name?: string;
      notes?: string;
      securityMeasures?: components['schemas']['SecurityMeasureDto'][];
      /** @example BERGER-LEVRAULT */
      vendor?: string;
      /** @enum {string} */
      vendorRole?: 'processor' | 'sub_processor' | 'none';
    };
    UpdateBreachDto: {
      /** @description When the consortium (processor) became aware of the breach */
      consortiumAwareAt?: string;
      /** @example Encryption of the HR file server by ransomware; copies of payslips possibly exfiltrated */
      nature?: string;
      recordsApprox?: number;
      subjectsApprox?: number;
    };
    UpdateChannelDto: {
      digestMinutes?: number;
      enabled?: boolean;
      includeReferents?: boolean;
      members?: string[];
      minLevel?: Record<string, never> | null;
      name?: string;
      recipients?: string[];
      secret?: string;
      url?: string;
    };
    UpdateCorrectiveActionDto: {
      /** @description The corrective action (10.2 c) */
      action?: string;
      /** @description Immediate correction (10.2 a) */
      correction?: string;
      /** @example 2026-06-30 */
      dueDate?: string;
      /** @description Member concerned (e.g. by an audit finding) */
      member?: string;
      /** @description The nonconformity */
      nonconformity?: string;
      /** @example DSI - pôle infrastructure */
      owner?: string;
      /** @description Root cause (10.2 b) */
      rootCause?: string;
      /** @example Enforce MFA on webmail */
      title?: string;
    };
    UpdateExceptionDto: {
      expiresAt?: string;
      host?: string | null;
      match?: Record<string, never> | null;
      member?: string | null;
      reason?: string;
      ruleId?: string | null;
      /** @description Sigma filter expression (YAML); null removes it */
      sigmaFilter?: string | null;
      sourceIp?: string | null;
      user?: string | null;
    };
    UpdateIncidentDto: {
      /** @enum {string} */
      availability?: 'none' | 'low' | 'medium' | 'high';
      /** @enum {string} */
      category?:
        | 'malware'
        | 'phishing'
        | 'unauthorised_access'
        | 'denial_of_service'
        | 'data_leak'
        | 'loss_or_theft'
        | 'misconfiguration'
        | 'other';
      /** @enum {string} */
      confidentiality?: 'none' | 'low' | 'medium' | 'high';
      description?: string;
      /** @description When it was detected; defaults to now */
      detectedAt?: string;
      /**
       * @description Defaults to the worst CIA impact
       * @enum {string}
       */
      impact?: 'low' | 'medium' | 'high';
      /** @enum {string} */
      integrity?: 'none' | 'low' | 'medium' | 'high';
      lessonsLearned?: string;
      /** @description When it happened (if known) */
      occurredAt?: string;
      /** @description Personal data breach suspected (also set from the derived impact) */
      personalDataSuspected?: boolean;
      /** @description When it was reported to the security team */
      reportedAt?: string;
      /** @description Who reported it; defaults to the caller */
      reporter?: string;
      resolvedAt?: string;
      rootCause?: string;
      /** @enum {string} */
      source?: 'alert' | 'user_report' | 'vendor' | 'cert_fr' | 'other';
      /** @description Alert id, ticket or CERT-FR bulletin number */
      sourceRef?: string;
      /** @example Ransomware on the HR file server */
      title?: string;
      /**
       * @default medium
       * @enum {string}
       */
      urgency: 'low' | 'medium' | 'high';
    };
    UpdateMemberDto: {
      /**
       * @description Short code: lower-case letters, digits, - and _
       * @example ivry
       */
      code?: string;
      /** @example Ville d’Ivry-sur-Seine */
      name?: string;
      /**
       * @description Networks whose syslog is attributed to this member (CIDR)
       * @example [
       *       "10.20.0.0/16"
       *     ]
       */
      networks?: string[];
      /** @example 365 */
      retentionDays?: number;
      /**
       * @description null clears it
       * @example 219400413
       */
      siren?: string | null;
      /** @example Europe/Paris */
      timeZone?: string;
      /** @enum {string} */
      type?: 'city' | 'territorial_body' | 'housing_office' | 'public_body' | 'theatre' | 'consortium' | 'other';
    };
    UpdateRuleDto: {
      /** @description false: the detectors skip the rule within `detection.ruleSyncIntervalMs` */
      enabled: boolean;
    };
    UpdateUserDto: {
      disabled?: boolean;
      displayName?: string;
      email?: string;
      memberScopes?: string[];
      roles?: ('admin' | 'rssi' | 'dpo' | 'referent' | 'auditor')[];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  AlertsController_list: {
    parameters: {
      query?: {
        /** @description Application id or name */
        application?: string;
        /** @description Assignee user name; `none` for unassigned alerts */
        assignee?: string;
        /** @description Last event at or after (ISO 8601) */
        from?: string;
        /** @description Levels, comma-separated */
        level?: string[];
        limit?: number;
        /** @description Member codes, comma-separated */
        member?: string[];
        offset?: number;
        /** @description Only alerts whose hosts process personal data (true) or not (false) */
        personalData?: boolean;
        /** @description Words searched in rule, group key, hosts, tags, assignee, close comment */
        q?: string;
        /** @description Rule ids, comma-separated */
        rule?: string[];
        /** @description Statuses, comma-separated */
        status?: string[];
        /** @description Triage tag */
        tag?: string;
        /** @description First event before (ISO 8601) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateAlertDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_comment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CommentDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_escalate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EscalateDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_events: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_bulk: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkAlertsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_stats: {
    parameters: {
      query?: {
        /** @description Alerts opened at or after (ISO 8601); default 30 days ago */
        from?: string;
        /** @description Member codes, comma-separated */
        member?: string[];
        /** @description Alerts opened before (ISO 8601); default now */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApiKeysController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApiKeysController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApiKeysController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApplicationsController_list: {
    parameters: {
      query?: {
        domain?: string;
        member?: string;
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApplicationsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApplicationDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApplicationsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApplicationsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApplicationsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateApplicationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApplicationsController_confirm: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConfirmSuggestionsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApplicationsController_impact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApplicationsController_impactOfHost: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        host: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApplicationsController_matrix: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuditController_list: {
    parameters: {
      query?: {
        action?: string;
        actor?: string;
        /** @description Continue after this sequence number */
        afterSeq?: number;
        entityId?: string;
        entityType?: string;
        from?: string;
        limit?: number;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_changePassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePasswordDto'];
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CorrectiveActionsController_list: {
    parameters: {
      query?: {
        /** @description Incident id or reference */
        incident?: string;
        member?: string;
        overdue?: 'true' | 'false';
        status?: 'open' | 'in_progress' | 'implemented' | 'closed' | 'cancelled';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CorrectiveActionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateCorrectiveActionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CorrectiveActionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CorrectiveActionsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateCorrectiveActionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CorrectiveActionsController_review: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReviewDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CorrectiveActionsController_transition: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ActionStatusDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CorrectiveActionsController_overdue: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EventsController_search: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page (keeps its time window) */
        cursor?: string;
        /** @description Inclusive start: ISO 8601 or date math; default now-24h */
        from?: string;
        /** @description One member of my scope; default all of them */
        member?: string;
        /** @description By @timestamp then event.id; default desc */
        order?: 'desc' | 'asc';
        /** @description KQL subset: field:value, "phrases", wildcards *, ranges (>=, <), AND/OR/NOT, ( ), CIDR, bare words on message */
        q?: string;
        /** @description Page size, 1-1000 (default 50) */
        size?: number;
        /** @description Exclusive end: ISO 8601 or date math; default now */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EventsController_count: {
    parameters: {
      query?: {
        /** @description Inclusive start: ISO 8601 or date math; default now-24h */
        from?: string;
        /** @description One member of my scope; default all of them */
        member?: string;
        /** @description KQL subset: field:value, "phrases", wildcards *, ranges (>=, <), AND/OR/NOT, ( ), CIDR, bare words on message */
        q?: string;
        /** @description Exclusive end: ISO 8601 or date math; default now */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EventsController_histogram: {
    parameters: {
      query?: {
        /** @description Inclusive start: ISO 8601 or date math; default now-24h */
        from?: string;
        /** @description Bucket width: 30s, 1m, 1h, 1d, 1w or auto (about 60 buckets) */
        interval?: string;
        /** @description One member of my scope; default all of them */
        member?: string;
        /** @description KQL subset: field:value, "phrases", wildcards *, ranges (>=, <), AND/OR/NOT, ( ), CIDR, bare words on message */
        q?: string;
        /** @description Exclusive end: ISO 8601 or date math; default now */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EventsController_retention: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EventsController_top: {
    parameters: {
      query?: {
        /** @description Field to count values of; default host.hostname */
        field?: string;
        /** @description Inclusive start: ISO 8601 or date math; default now-24h */
        from?: string;
        /** @description One member of my scope; default all of them */
        member?: string;
        /** @description KQL subset: field:value, "phrases", wildcards *, ranges (>=, <), AND/OR/NOT, ( ), CIDR, bare words on message */
        q?: string;
        /** @description Number of values, 1-100 (default 10) */
        size?: number;
        /** @description Exclusive end: ISO 8601 or date math; default now */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ControlStatementsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ControlStatementsController_set: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        control: string;
        framework: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ControlStatementDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ControlStatementsController_attach: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        control: string;
        framework: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ControlAttachmentDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ControlStatementsController_checklist: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EvidenceController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EvidenceController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateEvidenceExportDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EvidenceController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EvidenceController_download: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ExceptionsController_list: {
    parameters: {
      query?: {
        /** @description true: in force only; false: expired or revoked only */
        active?: boolean;
        /** @description Exceptions for this rule (and those for every rule) */
        rule?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ExceptionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateExceptionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ExceptionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ExceptionsController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ExceptionsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateExceptionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentReportsController_log: {
    parameters: {
      query?: {
        category?:
          | 'malware'
          | 'phishing'
          | 'unauthorised_access'
          | 'denial_of_service'
          | 'data_leak'
          | 'loss_or_theft'
          | 'misconfiguration'
          | 'other';
        format?: 'csv' | 'xlsx';
        /** @description Detected at or after */
        from?: string;
        member?: string;
        severity?: 'low' | 'medium' | 'high' | 'critical';
        status?: 'new' | 'triage' | 'investigating' | 'contained' | 'eradicated' | 'recovered' | 'closed';
        /** @description Detected before */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentReportsController_metrics: {
    parameters: {
      query?: {
        category?:
          | 'malware'
          | 'phishing'
          | 'unauthorised_access'
          | 'denial_of_service'
          | 'data_leak'
          | 'loss_or_theft'
          | 'misconfiguration'
          | 'other';
        /** @description Detected at or after */
        from?: string;
        member?: string;
        severity?: 'low' | 'medium' | 'high' | 'critical';
        status?: 'new' | 'triage' | 'investigating' | 'contained' | 'eradicated' | 'recovered' | 'closed';
        /** @description Detected before */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_list: {
    parameters: {
      query?: {
        category?:
          | 'malware'
          | 'phishing'
          | 'unauthorised_access'
          | 'denial_of_service'
          | 'data_leak'
          | 'loss_or_theft'
          | 'misconfiguration'
          | 'other';
        /** @description Detected at or after */
        from?: string;
        member?: string;
        severity?: 'low' | 'medium' | 'high' | 'critical';
        status?: 'new' | 'triage' | 'investigating' | 'contained' | 'eradicated' | 'recovered' | 'closed';
        /** @description Detected before */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateIncidentDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateIncidentDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BreachesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BreachesController_open: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OpenBreachDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BreachesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateBreachDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BreachesController_awareness: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AwarenessDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BreachesController_subjects: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubjectCommunicationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BreachesController_notice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NoticeDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BreachesController_notify: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NotificationDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BreachesController_assess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RiskAssessmentDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_decide: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecisionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TimelineController_listEvidence: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TimelineController_upload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EvidenceUploadDto'];
        'multipart/form-data': components['schemas']['EvidenceUploadDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TimelineController_getEvidence: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        evidenceId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TimelineController_content: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        evidenceId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_impact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_refreshImpact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_links: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_addLinks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LinksDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_removeLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        kind: string;
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentReportsController_json: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentReportsController_pdf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IncidentsController_transition: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IncidentTransitionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TimelineController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TimelineController_append: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TimelineEntryDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BreachesController_deadlines: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IngestController_ingest: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': string;
        'application/x-ndjson': string;
        'text/plain': string;
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IngestAcceptedDto'];
        };
      };
    };
  };
  MembersController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MembersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateMemberDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MembersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MembersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMemberDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BreachRegisterController_register: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_list: {
    parameters: {
      query?: {
        includeArchived?: string;
        q?: string;
        status?: string;
      };
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateActivityDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateActivityDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_archive: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ActivityTransitionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_completeness: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_diff: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
      };
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_history: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_pdf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_reopen: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ActivityTransitionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_submit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ActivityTransitionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_validate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ActivityTransitionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_versionOf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
        version: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessingActivitiesController_drafts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DraftsFromApplicationsDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RegisterController_register: {
    parameters: {
      query?: {
        includeArchived?: string;
      };
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RegisterController_export: {
    parameters: {
      query: {
        format: 'csv' | 'xlsx' | 'json' | 'pdf';
      };
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RegisterController_import: {
    parameters: {
      query?: {
        dryRun?: string;
      };
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          contentBase64?: string;
          /** Format: binary */
          file?: string;
        };
        'multipart/form-data': {
          contentBase64?: string;
          /** Format: binary */
          file?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NotificationChannelsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NotificationChannelsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateChannelDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NotificationChannelsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NotificationChannelsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NotificationChannelsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateChannelDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ActivityDashboardController_search: {
    parameters: {
      query?: {
        q?: string;
        status?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ActivityDashboardController_dpiaMissing: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ActivityDashboardController_overdue: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessorRegisterController_all: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessorRegisterController_forMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessorRegisterController_exportOne: {
    parameters: {
      query: {
        format: 'csv' | 'xlsx' | 'json' | 'pdf';
      };
      header?: never;
      path: {
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProcessorRegisterController_exportAll: {
    parameters: {
      query: {
        format: 'csv' | 'xlsx' | 'json' | 'pdf';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_kinds: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_art9Conditions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_dataCategories: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_dataSubjectCategories: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_dpiaCriteria: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_dpiaProcessingTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_legalBases: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_recipientTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_retentionFates: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_securityMeasures: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReferenceDataController_transferSafeguards: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_list: {
    parameters: {
      query?: {
        /** @description Also list rules no longer loaded by the detectors */
        all?: boolean;
        enabled?: boolean;
        kind?: 'detection' | 'correlation' | 'filter' | 'unknown';
        level?: 'informational' | 'low' | 'medium' | 'high' | 'critical';
        limit?: number;
        offset?: number;
        /** @description Text searched in the id, title and file path */
        q?: string;
        status?: 'ok' | 'unsupported' | 'invalid';
        /** @description A Sigma tag (case-insensitive) */
        tag?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateRuleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_coverage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_test: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TestRuleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SourcesController_list: {
    parameters: {
      query?: {
        /** @description Window start: ISO 8601 or date math; default now-30d */
        from?: string;
        /** @description One member of my scope; default all of them */
        member?: string;
        /** @description A host is silent when its last event is older than this */
        silentAfter?: string;
        /** @description At most this many hosts per member (most active first) */
        size?: number;
        /** @description Window end (exclusive); default now */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UsersController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UsersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUserDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UsersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UsersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateUserDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UsersController_reset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResetPasswordDto'];
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
