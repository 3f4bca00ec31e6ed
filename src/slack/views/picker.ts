// The subscription picker of the status message: one multi_external_select whose options the app serves per keystroke
// (block_suggestion), so a user can search the whole tenant and pick across pages. Pure.
import type { MultiExternalSelect, PlainTextOption } from '@slack/types';
import type { SubscriptionStatus } from '../../domain/types';
import { ACTIONS } from '../ids';
import { LIMITS, option } from './elements';

/** Slack answers at most 100 options per suggestion request. */
export const MAX_SUGGESTIONS = LIMITS.selectOptions;
/** A typed query longer than this cannot match a display name usefully; it is cut rather than scanned. */
const MAX_QUERY = 200;

/** A row can be picked for bulk actions when the identity may connect it or toggle its sync. */
export const selectable = (s: SubscriptionStatus): boolean => s.permissions.connect || s.permissions.toggleSync;

/** The picker element. min_query_length 0: opening the menu lists the first 100 without typing. */
export function subscriptionPicker(): MultiExternalSelect {
  return {
    type: 'multi_external_select',
    action_id: ACTIONS.statusPick,
    placeholder: { type: 'plain_text', text: 'Pick subscriptions…', emoji: true },
    min_query_length: 0,
  };
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

const CONNECTION: Record<SubscriptionStatus['connection'], string> = { connected: 'Connected', 'not-connected': 'Not connected', error: 'Error' };

/** Lower sorts first: what "Connect selected" would change, then what "Enable sync" would change, then the rest. */
function rank(s: SubscriptionStatus): number {
  if (s.permissions.connect && !s.connected) return 0;
  if (s.permissions.toggleSync && s.biDirectionalSync === 'off') return 1;
  return 2;
}

/**
 * The options for one suggestion request: selectable subscriptions whose display name contains the query or whose id
 * starts with it (case-insensitive), unconnected first, then name-prefix matches, then by name; at most 100. Values are
 * subscription ids only — the click handler re-reads everything else — and ids too long for an option value are left out.
 */
export function pickerOptions(subs: readonly SubscriptionStatus[], query: string): PlainTextOption[] {
  const q = fold(query.trim().slice(0, MAX_QUERY));
  const matches = subs
    .filter((s) => selectable(s) && s.subscriptionId.length <= LIMITS.optionValue)
    .map((s) => {
      const name = fold(s.displayName);
      const prefix = !q || name.startsWith(q) || fold(s.subscriptionId).startsWith(q);
      return { s, rank: rank(s), prefix, hit: prefix || name.includes(q) };
    })
    .filter((m) => m.hit);
  matches.sort(
    (a, b) =>
      a.rank - b.rank ||
      Number(b.prefix) - Number(a.prefix) ||
      a.s.displayName.localeCompare(b.s.displayName) ||
      a.s.subscriptionId.localeCompare(b.s.subscriptionId),
  );
  return matches.slice(0, MAX_SUGGESTIONS).map(({ s }) => {
    const sync = s.biDirectionalSync === 'unavailable' ? '' : ` · sync ${s.biDirectionalSync}`;
    return option(s.displayName.trim() || s.subscriptionId, s.subscriptionId, `${CONNECTION[s.connection] ?? s.connection}${sync} · ${s.subscriptionId}`);
  });
}
