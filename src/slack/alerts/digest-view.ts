// The storm digest: one message per channel and storm, counts only, updated in place as the storm goes on.
import type { KnownBlock } from '@slack/types';
import { OTHER_KEY, topCounts, type DigestState } from '../../alerts/digest';
import { statusLabel } from '../../alerts/card';
import type { AlertStatus, Severity } from '../../domain/types';
import { slackDate } from '../views/format';
import { SEVERITY_EMOJI } from './card-view';
import { ALERT_ACTIONS } from './ids';
import { escFit } from './text';

const TOP_NAMES = 10;
const TOP_RESOURCES = 5;
const SEVERITY_ORDER: Severity[] = ['High', 'Medium', 'Low', 'Informational'];
const STATUS_ORDER: AlertStatus[] = ['New', 'InProgress', 'Resolved', 'Dismissed', 'Unknown'];

function countLines(entries: [string, number][]): string {
  return entries.map(([name, n]) => `• ${n} × ${name === OTHER_KEY ? '_others_' : escFit(name, 150)}`).join('\n');
}

export function digestText(state: DigestState): string {
  return `Alert storm: ${state.total} more alerts summarized here (${state.carded} posted individually).`;
}

export function digestMessage(state: DigestState, queryUrl: string): { text: string; blocks: KnownBlock[] } {
  const severities = SEVERITY_ORDER.filter((s) => state.bySeverity[s] > 0).map((s) => `${SEVERITY_EMOJI[s]} ${s} *${state.bySeverity[s]}*`);
  const statuses = STATUS_ORDER.filter((s) => (state.byStatus[s] ?? 0) > 0).map((s) => `${statusLabel(s)} ${state.byStatus[s]}`);
  const v = `${state.total}-${statuses.join('.').replace(/\s/g, '')}`.slice(0, 200);
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: `digest.header.${v}`, text: { type: 'plain_text', text: `Alert storm: ${state.total} alerts summarized` } },
    {
      type: 'section',
      block_id: `digest.summary.${v}`,
      text: {
        type: 'mrkdwn',
        text:
          `Too many alerts for one message each: the most severe got their own card (${state.carded}), ` +
          `the rest are counted here.\n${severities.join('   ')}\n_Now:_ ${statuses.join(' · ') || '—'}`,
      },
    },
    { type: 'section', block_id: `digest.names.${v}`, text: { type: 'mrkdwn', text: `*By alert*\n${countLines(topCounts(state.byName, TOP_NAMES)) || '—'}` } },
    { type: 'section', block_id: `digest.resources.${v}`, text: { type: 'mrkdwn', text: `*Top resources*\n${countLines(topCounts(state.byResource, TOP_RESOURCES)) || '—'}` } },
    {
      type: 'context',
      block_id: `digest.context.${v}`,
      elements: [{ type: 'mrkdwn', text: `Ingested ${state.firstIngestedAt ? slackDate(state.firstIngestedAt) : '—'} – ${state.lastIngestedAt ? slackDate(state.lastIngestedAt) : '—'} · updated in place while the storm lasts` }],
    },
    {
      type: 'actions',
      block_id: 'digest.actions',
      elements: [{ type: 'button', action_id: ALERT_ACTIONS.openQuery, text: { type: 'plain_text', text: 'Open the query in Log Analytics' }, url: queryUrl }],
    },
  ];
  return { text: digestText(state), blocks };
}
