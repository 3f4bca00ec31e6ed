// "Turn on/off incident creation": severities come from the ticked checkboxes at click time.
import type { SlackAppContext } from '../context';
import { ACTIONS } from '../ids';
import { submitJob } from '../submit';
import { selectedSeverities } from '../views/incidents';
import { readClick, selectedValues, stateValuesOf, type ClickArgs } from './click';

export function incidentsToggle(ctx: SlackAppContext, enabled: boolean) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(ctx, args);
    if (!click) return;
    const severities = selectedSeverities(selectedValues(stateValuesOf(args), ACTIONS.incidentsSeverities));
    if (enabled && !severities.length) {
      await click.say('Tick at least one severity, then press *Turn on incident creation* again.');
      return;
    }
    await submitJob(
      ctx,
      { kind: 'incidents', params: enabled ? { enabled, severities } : { enabled }, requestedBy: { userId: click.userId }, reply: click.reply },
      { action: enabled ? 'incidents-on' : 'incidents-off', source: click.source, reply: click.say },
    );
  };
}
