// App Home: the tenant's connection state from the last status snapshot, recent jobs, and entry buttons. Pure.
import type { HomeView, KnownBlock } from '@slack/types';
import type { TenantStatus } from '../../domain/types';
import type { JobSummary } from '../../ports';
import { ACTIONS, BLOCKS } from '../ids';
import { actions, button, context, divider, fields, header, LIMITS, section, textBlocks } from './elements';
import { esc, slackDate, truncate } from './format';
import { summarize } from './status';

const JOB_ICON: Record<string, string> = {
  completed: ':white_check_mark:',
  failed: ':x:',
  active: ':hourglass_flowing_sand:',
  waiting: ':hourglass:',
  delayed: ':hourglass:',
  cancelled: ':no_entry_sign:',
};

export function jobLine(j: JobSummary): string {
  const progress = j.progress ? ` ${j.progress.done}/${j.progress.total}` : '';
  const who = /^[UW][A-Z0-9_]+$/.test(j.requestedBy) ? ` by <@${j.requestedBy}>` : '';
  return `${JOB_ICON[j.state] ?? ':grey_question:'} *${esc(j.kind)}* ${esc(j.state)}${progress}${who} · ${slackDate(j.createdAt)}${j.summary ? ` — ${esc(truncate(j.summary, 200))}` : ''} \`${esc(truncate(j.jobId, 60))}\``;
}

export function homeView(status: TenantStatus | undefined, jobs: readonly JobSummary[], isAdmin: boolean): HomeView {
  const blocks: KnownBlock[] = [header('Microsoft Defender for Cloud connector')];
  if (status) {
    const s = summarize(status.subscriptions);
    blocks.push(
      fields([
        `*Subscriptions*\n${s.total}`,
        `*Connected*\n${s.connected}`,
        `*Not connected*\n${s.notConnected}`,
        `*Errors*\n${s.errors}`,
        `*Bi-directional sync on*\n${s.syncOn}`,
        `*Defender plans*\nall ${s.plansAll} · some ${s.plansSome} · none ${s.plansNone}`,
      ]),
      context(`Workspace *${esc(truncate(status.workspace.name, 90))}* · as of ${slackDate(status.generatedAt)}`),
    );
    if (status.warnings.length) blocks.push(section(status.warnings.slice(0, 5).map((w) => `:warning: ${esc(truncate(w, 400))}`).join('\n')));
  } else {
    blocks.push(section('No status yet. Press *Refresh status* to read the tenant.'));
  }
  blocks.push(
    actions(BLOCKS.homeButtons, [
      button('Refresh status', ACTIONS.homeStatus, 'status', { style: 'primary' }),
      button('Check prerequisites', ACTIONS.homePrereqs, 'prereqs'),
      button('Incident creation…', ACTIONS.homeIncidents, 'incidents'),
      button('Help', ACTIONS.homeHelp, 'help'),
    ]),
    context(isAdmin ? 'You are a Sentinel admin: you can connect subscriptions and change settings.' : 'You can read status; changes need a Sentinel admin.'),
    divider(),
    section('*Recent jobs*'),
  );
  blocks.push(...(jobs.length ? textBlocks(jobs.map(jobLine), LIMITS.viewBlocks - blocks.length - 1, 'jobs') : [context('No jobs yet.')]));
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}
