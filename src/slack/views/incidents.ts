// "Create incidents": a toggle with a severity choice. Informational is offered but never pre-selected. Pure.
import type { KnownBlock } from '@slack/types';
import type { Severity } from '../../domain/types';
import { ACTIONS, BLOCKS } from '../ids';
import { actions, button, confirm, context, fallback, header, option, section, type Rendered } from './elements';

export const INFORMATIONAL_WARNING =
  'Informational alerts are not a risk on their own; they matter only in the context of an existing, open incident.';

const ORDER: Severity[] = ['High', 'Medium', 'Low', 'Informational'];

export function incidentsView(selected: readonly Severity[] = ['High', 'Medium', 'Low']): Rendered {
  const options = ORDER.map((s) => option(s, s, s === 'Informational' ? 'Not a risk on its own — see the note below' : undefined));
  const initial = options.filter((o) => selected.includes(o.value as Severity));
  const blocks: KnownBlock[] = [
    header('Create incidents from Defender for Cloud alerts'),
    section(
      'Turns on the Microsoft Security rule "Create incidents based on all alerts generated in Azure Security Center" for the severities you tick.',
      {
        block_id: BLOCKS.incidentsSeverities,
        accessory: { type: 'checkboxes', action_id: ACTIONS.incidentsSeverities, options, ...(initial.length ? { initial_options: initial } : {}) },
      },
    ),
    context(`:information_source: ${INFORMATIONAL_WARNING}`),
    actions(BLOCKS.incidentsButtons, [
      button('Turn on incident creation', ACTIONS.incidentsOn, 'on', {
        style: 'primary',
        confirm: confirm('Create incidents?', 'Sentinel will create an incident for each new alert of the ticked severities.', 'Turn on'),
      }),
      button('Turn off', ACTIONS.incidentsOff, 'off', {
        style: 'danger',
        confirm: confirm('Stop creating incidents?', 'New Defender for Cloud alerts will no longer open Sentinel incidents.', 'Turn off', 'danger'),
      }),
    ]),
  ];
  return { blocks, text: fallback('Create incidents from Defender for Cloud alerts') };
}

/** Severities ticked in the message at click time, in a fixed order; anything not a severity is ignored. */
export function selectedSeverities(values: readonly string[]): Severity[] {
  return ORDER.filter((s) => values.includes(s));
}
