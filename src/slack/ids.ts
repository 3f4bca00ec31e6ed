// Every action_id, block_id and callback id the app draws or listens for. Listeners and views import from here only,
// so a renamed id cannot leave a button without a handler.

export const COMMAND = '/sentinel';

export const ACTIONS = {
  statusPrev: 'status.prev',
  statusNext: 'status.next',
  statusFilter: 'status.filter',
  statusRefresh: 'status.refresh',
  /** The subscription picker; its options are served on demand (block_suggestion) from the status snapshot. */
  statusPick: 'status.pick',
  connectSelected: 'status.connect_selected',
  syncSelected: 'status.sync_selected',
  rowMenu: 'status.row_menu',
  disconnectConfirm: 'status.disconnect',
  registerProvider: 'prereqs.register_provider',
  incidentsSeverities: 'incidents.severities',
  incidentsOn: 'incidents.on',
  incidentsOff: 'incidents.off',
  jobCancel: 'job.cancel',
  jobRetryFailed: 'job.retry_failed',
  homeStatus: 'home.status',
  homePrereqs: 'home.prereqs',
  homeIncidents: 'home.incidents',
  homeHelp: 'home.help',
} as const;

export const BLOCKS = {
  statusHeader: 'status.header',
  statusNav: 'status.nav',
  /** Never versioned: Slack keeps a user's picks across Next/Previous only while block_id and action_id stay the same. */
  statusBulk: 'status.bulk',
  statusRow: 'status.row',
  incidentsSeverities: 'incidents.severities',
  incidentsButtons: 'incidents.buttons',
  jobButtons: 'job.buttons',
  homeButtons: 'home.buttons',
} as const;

/** Row-menu option values are `<verb>:<subscriptionId>`; the verb list is closed. */
export const ROW_VERBS = ['connect', 'disconnect', 'sync-on', 'sync-off', 'prereqs'] as const;
export type RowVerb = (typeof ROW_VERBS)[number];

export const STATUS_FILTERS = ['all', 'not-connected', 'sync-off', 'no-plans', 'errors'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
