// A job's progress message, updated in place: a bar while running, then one line per subscription. Pure.
import type { KnownBlock } from '@slack/types';
import type { ChangeOutcome, ChangeResult } from '../../domain/types';
import type { ProgressState } from '../../ports';
import { ACTIONS, BLOCKS } from '../ids';
import { actions, button, confirm, context, fallback, fields, header, section, textBlocks, type Rendered } from './elements';
import { esc, truncate } from './format';

const VERBS: Record<string, string> = {
  connect: 'Connect',
  disconnect: 'Disconnect',
  sync: 'Bi-directional sync',
  'sync-on': 'Enable bi-directional sync',
  'sync-off': 'Disable bi-directional sync',
  incidents: 'Incident creation',
  'incidents-on': 'Turn on incident creation',
  'incidents-off': 'Turn off incident creation',
  'register-provider': 'Register provider',
  prereqs: 'Prerequisites',
  status: 'Status',
};

const OUTCOME: Record<ChangeOutcome, string> = {
  changed: ':white_check_mark: changed',
  unchanged: ':heavy_minus_sign: unchanged',
  failed: ':x: failed',
  'would-change': ':eyes: would change',
};

export function bar(done: number, total: number, width = 20): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  return `\`${'█'.repeat(filled)}${'░'.repeat(width - filled)}\` ${done}/${total}`;
}

export function resultLine(r: ChangeResult): string {
  const name = esc(truncate(r.displayName ?? r.subscriptionId, 100));
  const detail = r.outcome === 'failed' ? (r.problem?.message ?? r.detail) : r.detail;
  const fix = r.outcome === 'failed' && r.problem?.fix ? ` _Fix:_ ${esc(truncate(r.problem.fix, 300))}` : '';
  return `${OUTCOME[r.outcome] ?? esc(String(r.outcome))} *${name}* — ${esc(truncate(detail ?? '', 400))}${fix}`;
}

export function counts(results: readonly ChangeResult[]): Record<ChangeOutcome, number> {
  const c: Record<ChangeOutcome, number> = { changed: 0, unchanged: 0, failed: 0, 'would-change': 0 };
  for (const r of results) if (r.outcome in c) c[r.outcome] += 1;
  return c;
}

export function progressView(state: ProgressState): Rendered {
  const verb = VERBS[state.action] ?? esc(truncate(state.action, 60));
  const done = state.results.length;
  const c = counts(state.results);
  const phase = state.cancelled ? 'cancelled' : state.finished ? 'finished' : 'running';
  const blocks: KnownBlock[] = [
    header(`${verb}${state.dryRun ? ' (dry run)' : ''} — ${phase}`),
    section(bar(done, state.total)),
    fields([
      `*Changed*\n${c.changed}`,
      `*Unchanged*\n${c.unchanged}`,
      `*Failed*\n${c.failed}`,
      ...(state.dryRun ? [`*Would change*\n${c['would-change']}`] : []),
    ]),
    context(`Job \`${esc(truncate(state.jobId, 80))}\` · requested by <@${/^[UW][A-Z0-9_]+$/.test(state.requestedBy) ? state.requestedBy : 'USLACKBOT'}>`),
  ];
  // Failures first: they are what the reader has to act on.
  const ordered = [...state.results].sort((a, b) => Number(b.outcome === 'failed') - Number(a.outcome === 'failed'));
  const lines = (state.finished ? ordered : ordered.slice(-10)).map(resultLine);
  blocks.push(...textBlocks(lines, 40, 'results'));
  const buttons = [];
  if (!state.finished) {
    buttons.push(button('Cancel', ACTIONS.jobCancel, state.jobId, { style: 'danger', confirm: confirm('Cancel this job?', 'Subscriptions already changed stay changed.', 'Cancel job', 'danger') }));
  } else if (c.failed > 0 && !state.dryRun) {
    buttons.push(button(`Retry failed (${c.failed})`, ACTIONS.jobRetryFailed, state.jobId, { confirm: confirm('Retry the failed subscriptions?', 'Runs the same change again, only on the subscriptions that failed.', 'Retry') }));
  }
  if (buttons.length) blocks.push(actions(`${BLOCKS.jobButtons}:${state.jobId}`.slice(0, 255), buttons));
  return {
    blocks: blocks.slice(0, 50),
    text: fallback(`${verb}: ${phase}, ${done}/${state.total} done, ${c.failed} failed.`),
  };
}
