import type { SlackAppContext } from '../context';
import { ACTIONS } from '../ids';
import type { SlackRouter } from '../router';
import { ackOnly } from './ack-only';
import { bulkSelected } from './bulk-selected';
import { disconnectConfirm, registerProvider } from './subscription-job';
import { homeButton } from './home-buttons';
import { incidentsToggle } from './incidents-toggle';
import { jobCancel } from './job-cancel';
import { jobRetryFailed } from './job-retry-failed';
import { rowMenu } from './row-menu';
import { statusNavigate } from './status-navigate';
import { statusRefresh } from './status-refresh';

export function register(router: SlackRouter, ctx: SlackAppContext): void {
  const navigate = statusNavigate(ctx);
  router.action(ACTIONS.statusPrev, navigate);
  router.action(ACTIONS.statusNext, navigate);
  router.action(ACTIONS.statusFilter, navigate);
  router.action(ACTIONS.statusRefresh, statusRefresh(ctx));
  router.action(ACTIONS.statusPick, ackOnly);
  router.action(ACTIONS.incidentsSeverities, ackOnly);
  router.action(ACTIONS.connectSelected, bulkSelected(ctx, 'connect'));
  router.action(ACTIONS.syncSelected, bulkSelected(ctx, 'sync-on'));
  router.action(ACTIONS.rowMenu, rowMenu(ctx));
  router.action(ACTIONS.disconnectConfirm, disconnectConfirm(ctx));
  router.action(ACTIONS.registerProvider, registerProvider(ctx));
  router.action(ACTIONS.incidentsOn, incidentsToggle(ctx, true));
  router.action(ACTIONS.incidentsOff, incidentsToggle(ctx, false));
  router.action(ACTIONS.jobCancel, jobCancel(ctx));
  router.action(ACTIONS.jobRetryFailed, jobRetryFailed(ctx));
  router.action(ACTIONS.homeStatus, homeButton(ctx, { kind: 'status', filter: 'all' }));
  router.action(ACTIONS.homePrereqs, homeButton(ctx, { kind: 'prereqs', targets: { all: true } }));
  router.action(ACTIONS.homeIncidents, homeButton(ctx, { kind: 'incidents', severities: ['High', 'Medium', 'Low'] }));
  router.action(ACTIONS.homeHelp, homeButton(ctx, { kind: 'help' }));
}
