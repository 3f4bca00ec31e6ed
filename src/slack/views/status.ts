// The connector page as a Slack message: summary, filter, paged rows, selection and bulk actions. Pure.
import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { SubscriptionStatus, TenantStatus } from '../../domain/types';
import { ACTIONS, BLOCKS, STATUS_FILTERS, type RowVerb, type StatusFilter } from '../ids';
import { actions, button, confirm, context, divider, fallback, fields, header, LIMITS, option, section, type Rendered } from './elements';
import { esc, plural, slackDate, truncate } from './format';
import { selectable, subscriptionPicker } from './picker';

/** 25 rows keep a page at ≤ 34 blocks, well under the 50-block message limit. */
export const PAGE_SIZE = 25;

export const FILTER_LABELS: Record<StatusFilter, string> = {
  all: 'All subscriptions',
  'not-connected': 'Not connected',
  'sync-off': 'Bi-directional sync off',
  'no-plans': 'No Defender plans',
  errors: 'Errors',
};

export function matchesFilter(s: SubscriptionStatus, filter: StatusFilter): boolean {
  switch (filter) {
    case 'not-connected':
      return s.connection !== 'connected';
    case 'sync-off':
      return s.biDirectionalSync === 'off';
    case 'no-plans':
      return s.plans === 'none';
    case 'errors':
      return s.connection === 'error' || s.problem !== undefined;
    default:
      return true;
  }
}

export function summarize(subs: readonly SubscriptionStatus[]) {
  const count = (p: (s: SubscriptionStatus) => boolean): number => subs.filter(p).length;
  return {
    total: subs.length,
    connected: count((s) => s.connection === 'connected'),
    notConnected: count((s) => s.connection === 'not-connected'),
    errors: count((s) => s.connection === 'error' || s.problem !== undefined),
    syncOn: count((s) => s.biDirectionalSync === 'on'),
    plansAll: count((s) => s.plans === 'all'),
    plansSome: count((s) => s.plans === 'some'),
    plansNone: count((s) => s.plans === 'none'),
  };
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

const CONNECTION: Record<SubscriptionStatus['connection'], string> = {
  connected: ':large_green_circle: Connected',
  'not-connected': ':white_circle: Not connected',
  error: ':red_circle: Error',
};
const SYNC: Record<SubscriptionStatus['biDirectionalSync'], string> = { on: 'On', off: 'Off', unavailable: 'Unavailable' };

const link = (url: string, label: string): string => (/^https?:\/\/[^\s<>|]+$/.test(url) ? `<${url}|${label}>` : label);

function plansText(s: SubscriptionStatus): string {
  if (s.plans === 'all') return 'All enabled';
  if (s.plans === 'some') return `Some enabled (${link(s.plansPortalUrl, 'Enable all')})`;
  return `None (${link(s.plansPortalUrl, 'Enable plans')})`;
}

export function rowText(s: SubscriptionStatus): string {
  const lines = [
    `*${esc(truncate(s.displayName, 120))}*  \`${esc(truncate(s.subscriptionId, 64))}\`${s.state && s.state !== 'Enabled' ? `  _(${esc(truncate(s.state, 20))})_` : ''}`,
    `${CONNECTION[s.connection] ?? esc(String(s.connection))} · Plans: ${plansText(s)} · Bi-directional sync: ${SYNC[s.biDirectionalSync] ?? '?'}`,
  ];
  if (s.problem) lines.push(`:x: ${esc(truncate(s.problem.message, 300))}${s.problem.fix ? ` _Fix:_ ${esc(truncate(s.problem.fix, 300))}` : ''}`);
  for (const w of s.warnings.slice(0, 3)) lines.push(`:warning: ${esc(truncate(w, 300))}`);
  if (s.warnings.length > 3) lines.push(`_+${s.warnings.length - 3} more warnings_`);
  if (!selectable(s)) {
    const reason = s.permissions.reasons.connect ?? s.permissions.reasons.toggleSync ?? 'the identity has no write access';
    lines.push(`:lock: Not selectable: ${esc(truncate(reason, 300))}`);
  }
  return truncate(lines.join('\n'), LIMITS.text);
}

function rowVerbs(s: SubscriptionStatus): { verb: RowVerb; label: string }[] {
  const verbs: { verb: RowVerb; label: string }[] = [];
  if (s.permissions.connect) verbs.push(s.connected ? { verb: 'disconnect', label: 'Disconnect…' } : { verb: 'connect', label: 'Connect' });
  if (s.permissions.toggleSync && s.biDirectionalSync !== 'unavailable') {
    verbs.push(s.biDirectionalSync === 'on' ? { verb: 'sync-off', label: 'Turn bi-directional sync off' } : { verb: 'sync-on', label: 'Turn bi-directional sync on' });
  }
  verbs.push({ verb: 'prereqs', label: 'Check prerequisites' });
  return verbs;
}

/** Overflow values are `<verb>:<subscriptionId>`: ids only, the current state is re-read when the menu is used. */
export const rowValue = (verb: RowVerb, subscriptionId: string): string => `${verb}:${subscriptionId}`;

function row(s: SubscriptionStatus): KnownBlock {
  const verbs = rowVerbs(s);
  const accessory =
    verbs.length >= 2
      ? { type: 'overflow' as const, action_id: ACTIONS.rowMenu, options: verbs.map((v) => option(v.label, rowValue(v.verb, s.subscriptionId))) }
      : button('Check prerequisites', ACTIONS.rowMenu, rowValue('prereqs', s.subscriptionId));
  return section(rowText(s), { block_id: truncate(`${BLOCKS.statusRow}:${s.subscriptionId}`, LIMITS.id), accessory });
}

/** `filter:page` — view coordinates only; the rows come from the stored snapshot when the button is clicked. */
export const navValue = (filter: StatusFilter, page: number): string => `${filter}:${page}`;

export function parseNavValue(value: string | undefined): { filter: StatusFilter; page: number } {
  const [f, p] = (value ?? '').split(':');
  const filter = (STATUS_FILTERS as readonly string[]).includes(f) ? (f as StatusFilter) : 'all';
  const page = Number.parseInt(p ?? '0', 10);
  return { filter, page: Number.isFinite(page) && page >= 0 ? Math.min(page, 10_000) : 0 };
}

function filterSelect(filter: StatusFilter): ActionsBlock['elements'][number] {
  const options = STATUS_FILTERS.map((f) => option(FILTER_LABELS[f], navValue(f, 0)));
  return {
    type: 'static_select',
    action_id: ACTIONS.statusFilter,
    placeholder: { type: 'plain_text', text: 'Filter' },
    options,
    initial_option: options[STATUS_FILTERS.indexOf(filter)],
  };
}

export interface StatusViewOptions {
  page?: number;
  filter?: StatusFilter;
  /** Used for the workspace link when the snapshot has none. */
  portalUrl?: string;
}

export function statusView(status: TenantStatus, opts: StatusViewOptions = {}): Rendered {
  const filter = opts.filter ?? 'all';
  const rows = status.subscriptions.filter((s) => matchesFilter(s, filter));
  const pages = pageCount(rows.length);
  const page = Math.min(Math.max(0, Math.floor(opts.page ?? 0)), pages - 1);
  const shown = rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const sum = summarize(status.subscriptions);
  const ws = status.workspace;
  const wsUrl = ws.portalUrl || opts.portalUrl || '';

  const blocks: KnownBlock[] = [
    header('Microsoft Defender for Cloud — Sentinel connector'),
    fields([
      `*Subscriptions*\n${sum.total}`,
      `*Connected*\n${sum.connected}`,
      `*Not connected*\n${sum.notConnected}`,
      `*Errors*\n${sum.errors}`,
      `*Bi-directional sync on*\n${sum.syncOn}`,
      `*Defender plans*\nall ${sum.plansAll} · some ${sum.plansSome} · none ${sum.plansNone}`,
    ]),
    context(
      `Workspace ${link(wsUrl, `*${esc(truncate(ws.name, 90))}*`)} (${esc(truncate(ws.resourceGroup, 90))})${ws.onboarded ? '' : ' · :warning: Sentinel is not onboarded'}`,
      `As of ${slackDate(status.generatedAt)}`,
    ),
  ];
  if (status.warnings.length) {
    blocks.push(section(status.warnings.slice(0, 5).map((w) => `:warning: ${esc(truncate(w, 500))}`).join('\n') + (status.warnings.length > 5 ? `\n_+${status.warnings.length - 5} more_` : '')));
  }
  const nav: ActionsBlock['elements'] = [filterSelect(filter)];
  if (page > 0) nav.push(button('◀ Previous', ACTIONS.statusPrev, navValue(filter, page - 1)));
  if (page < pages - 1) nav.push(button('Next ▶', ACTIONS.statusNext, navValue(filter, page + 1)));
  nav.push(button('Refresh', ACTIONS.statusRefresh, navValue(filter, page)));
  blocks.push(actions(`${BLOCKS.statusNav}:${filter}:${page}`, nav), divider());

  if (!shown.length) blocks.push(section(filter === 'all' ? 'The identity can see no subscriptions.' : `No subscription matches *${FILTER_LABELS[filter]}*.`));
  blocks.push(...shown.map(row));

  // One picker over the whole tenant (options served per keystroke), under the same block_id on every page and filter,
  // so what a user picked on one page is still picked after Next/Previous.
  if (status.subscriptions.some(selectable)) {
    blocks.push(
      divider(),
      actions(BLOCKS.statusBulk, [
        subscriptionPicker(),
        button('Connect selected', ACTIONS.connectSelected, undefined, {
          style: 'primary',
          confirm: confirm('Connect subscriptions?', 'Creates a Defender for Cloud data connector in the Sentinel workspace for each selected subscription.', 'Connect'),
        }),
        button('Enable bi-directional sync on selected', ACTIONS.syncSelected, undefined, {
          confirm: confirm('Enable bi-directional sync?', 'Closing a Sentinel incident will also close its Defender for Cloud alerts on each selected subscription.', 'Enable sync'),
        }),
      ]),
    );
  }
  const locked = shown.filter((s) => !selectable(s)).length;
  blocks.push(
    context(
      `Page ${page + 1} of ${pages} · ${plural(rows.length, 'subscription')}${filter === 'all' ? '' : ` matching _${FILTER_LABELS[filter]}_`}` +
        (locked ? ` · ${locked} on this page not selectable` : ''),
    ),
  );
  return {
    blocks,
    text: fallback(`Defender for Cloud connector: ${sum.connected}/${sum.total} subscriptions connected, ${sum.errors} with errors.`),
  };
}
