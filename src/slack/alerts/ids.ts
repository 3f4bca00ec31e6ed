// Ids of everything the alert card, digest and close-incident modal draw or listen for.

export const ALERT_ACTIONS = {
  resolve: 'alert.resolve',
  dismiss: 'alert.dismiss',
  reopen: 'alert.reopen',
  closeIncident: 'alert.close_incident',
  /** Link buttons still send block_actions; they are acknowledged and ignored. */
  openDefender: 'alert.open_defender',
  openSentinel: 'alert.open_sentinel',
  openQuery: 'alert.open_query',
} as const;

export const CLOSE_INCIDENT_VIEW = {
  callbackId: 'alert.close_incident_modal',
  classificationBlock: 'close.classification',
  classificationAction: 'close.classification_value',
  reasonBlock: 'close.reason',
  reasonAction: 'close.reason_value',
  commentBlock: 'close.comment',
  commentAction: 'close.comment_value',
} as const;

/** Message metadata on every card and digest, so a post lost between Slack and our store is found again. */
export const ALERT_EVENT_TYPE = 'sentinel_alert';
export const DIGEST_EVENT_TYPE = 'sentinel_alert_digest';
