import type { App } from '@slack/bolt';
import type { SlackAppContext } from '../context';
import { ACTIONS } from '../ids';
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

export function register(app: App, ctx: SlackAppContext): void {
  const navigate = statusNavigate(ctx);
  app.action(ACTIONS.statusPrev, navigate);
  app.action(ACTIONS.statusNext, navigate);
  app.action(ACTIONS.statusFilter, navigate);
  app.action(ACTIONS.statusRefresh, statusRefresh(ctx));
  app.action(ACTIONS.statusPick, ackOnly);
  app.action(ACTIONS.incidentsSeverities, ackOnly);
  app.action(ACTIONS.connectSelected, bulkSelected(ctx, 'connect'));
  app.action(ACTIONS.syncSelected, bulkSelected(ctx, 'sync-on'));
  app.action(ACTIONS.rowMenu, rowMenu(ctx));
  app.action(ACTIONS.disconnectConfirm, disconnectConfirm(ctx));
  app.action(ACTIONS.registerProvider, registerProvider(ctx));
  app.action(ACTIONS.incidentsOn, incidentsToggle(ctx, true));
  app.action(ACTIONS.incidentsOff, incidentsToggle(ctx, false));
  app.action(ACTIONS.jobCancel, jobCancel(ctx));
  app.action(ACTIONS.jobRetryFailed, jobRetryFailed(ctx));
  app.action(ACTIONS.homeStatus, homeButton(ctx, { kind: 'status', filter: 'all' }));
  app.action(ACTIONS.homePrereqs, homeButton(ctx, { kind: 'prereqs', targets: { all: true } }));
  app.action(ACTIONS.homeIncidents, homeButton(ctx, { kind: 'incidents', severities: ['High', 'Medium', 'Low'] }));
  app.action(ACTIONS.homeHelp, homeButton(ctx, { kind: 'help' }));
}
