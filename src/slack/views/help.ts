// `/sentinel help`: what each command does, with its usage line. Pure.
import type { KnownBlock } from '@slack/types';
import { USAGE } from '../commands/parse';
import { context, fallback, header, section, type Rendered } from './elements';
import { esc } from './format';

const ABOUT: Record<string, string> = {
  help: 'This list, or the usage of one command.',
  status: 'Connection, Defender plans and bi-directional sync for every subscription, with filters and bulk actions.',
  prereqs: 'Checks permissions, plans, resource providers and the workspace before you connect.',
  connect: 'Connects subscriptions to the Sentinel workspace. `--dry-run` shows what would change. _Admins only._',
  disconnect: 'Removes the Defender for Cloud connector for subscriptions. _Admins only._',
  sync: 'Turns bi-directional alert sync on or off. _Admins only._',
  incidents: 'Turns incident creation for Defender for Cloud alerts on or off, by severity. _Admins only._',
  alerts: 'Lists recent Defender for Cloud alerts from the workspace.',
  query: 'Runs a named query against the workspace.',
  notify: 'Routes new alerts to a channel, by minimum severity and subscriptions. _Admins only._',
  audit: 'Who changed what, and who was refused.',
  jobs: 'Recent jobs and their state.',
};

export function helpView(topic?: string): Rendered {
  const names = topic && USAGE[topic] ? [topic] : Object.keys(USAGE);
  const blocks: KnownBlock[] = [header('Sentinel ChatOps — Defender for Cloud connector')];
  if (topic && !USAGE[topic]) blocks.push(section(`I have no help for \`${esc(topic.slice(0, 40))}\`; here is everything.`));
  blocks.push(section(names.map((n) => `\`${USAGE[n]}\`\n${ABOUT[n]}`).join('\n\n')));
  blocks.push(context('Subscriptions can be named by id or by a unique prefix of their name; quote names with spaces. The App Home tab shows a dashboard.'));
  return { blocks, text: fallback('Sentinel ChatOps help') };
}
