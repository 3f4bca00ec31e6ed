// Ephemeral lists: jobs, audit trail, alert routes, alerts, and query results. Pure.
import type { KnownBlock } from '@slack/types';
import type { AlertRecord, QueryTable, Severity } from '../../domain/types';
import type { JobSummary } from '../../ports';
import type { AuditRecord } from '../../store/audit';
import type { AlertRoute } from '../../store/routes';
import { ACTIONS } from '../ids';
import { button, context, fallback, header, LIMITS, section, textBlocks, type Rendered } from './elements';
import { esc, escapeEntities, plural, slackDate, truncate } from './format';
import { jobLine } from './home';

const userRef = (id: string): string => (/^[UW][A-Z0-9_]+$/.test(id) ? `<@${id}>` : esc(truncate(id, 40)));

export function jobsView(jobs: readonly JobSummary[]): Rendered {
  const blocks: KnownBlock[] = [header('Recent jobs')];
  if (!jobs.length) blocks.push(section('No jobs yet.'));
  const running = jobs.filter((j) => j.state === 'active' || j.state === 'waiting' || j.state === 'delayed');
  jobs.slice(0, 40).forEach((j) => {
    const cancellable = running.includes(j);
    blocks.push(section(jobLine(j), cancellable ? { accessory: button('Cancel', ACTIONS.jobCancel, j.jobId, { style: 'danger' }) } : {}));
  });
  if (jobs.length > 40) blocks.push(context(`…and ${jobs.length - 40} older jobs.`));
  return { blocks, text: fallback(`${plural(jobs.length, 'recent job')}`) };
}

export function auditView(entries: readonly AuditRecord[], sinceLabel: string): Rendered {
  const icon = { allowed: ':white_check_mark:', refused: ':no_entry:', failed: ':x:' } as const;
  const lines = entries.map(
    (e) =>
      `${icon[e.result] ?? ':grey_question:'} ${slackDate(e.at)} ${userRef(e.user)} *${esc(e.action)}*` +
      `${e.targets.length ? ` on ${esc(truncate(e.targets.slice(0, 5).join(', '), 300))}${e.targets.length > 5 ? ` +${e.targets.length - 5}` : ''}` : ''}` +
      ` — ${esc(e.result)}${e.detail ? `: ${esc(truncate(e.detail, 200))}` : ''}`,
  );
  return {
    blocks: [header(`Audit trail — last ${sinceLabel}`), ...(lines.length ? textBlocks(lines, 45, 'entries') : [section('Nothing recorded in that period.')])],
    text: fallback(`Audit trail: ${plural(entries.length, 'entry', 'entries')}`),
  };
}

export function routesView(routes: readonly AlertRoute[], names: ReadonlyMap<string, string> = new Map()): Rendered {
  const lines = routes.map((r) => {
    const subs = r.subscriptionIds?.length ? r.subscriptionIds.map((id) => esc(truncate(names.get(id) ?? id, 60))).join(', ') : 'all subscriptions';
    return `\`${esc(r.id)}\` → <#${r.channel}> · ${esc(r.minSeverity)} and above · ${truncate(subs, 500)} · by ${userRef(r.createdBy)}`;
  });
  return {
    blocks: [header('Alert routes'), ...(lines.length ? textBlocks(lines, 45, 'routes') : [section('No routes yet. Add one with `/sentinel notify #channel`.')])],
    text: fallback(`${plural(routes.length, 'alert route')}`),
  };
}

const SEV_ICON: Record<Severity, string> = { High: ':red_circle:', Medium: ':large_orange_circle:', Low: ':large_yellow_circle:', Informational: ':white_circle:' };

export function alertsView(alerts: readonly AlertRecord[], filter: { severities?: Severity[]; since?: string }): Rendered {
  const scope = `${filter.severities?.length ? filter.severities.join(', ') : 'all severities'}${filter.since ? ` since ${filter.since}` : ''}`;
  const lines = alerts.map((a) => {
    const title = esc(truncate(a.displayName || a.alertName, 150));
    const linked = a.alertLink && /^https:\/\/[^\s<>|]+$/.test(a.alertLink) ? `<${a.alertLink}|${title}>` : title;
    return `${SEV_ICON[a.severity] ?? ':white_circle:'} *${linked}* · ${esc(a.status)} · ${slackDate(a.timeGenerated)}${a.compromisedEntity ? ` · ${esc(truncate(a.compromisedEntity, 100))}` : ''}`;
  });
  return {
    blocks: [header(`Defender for Cloud alerts — ${truncate(scope, 100)}`), ...(lines.length ? textBlocks(lines, 45, 'alerts') : [section('No alerts match.')])],
    text: fallback(`${plural(alerts.length, 'alert')} (${scope})`),
  };
}

/** A fixed-width table inside code blocks; long cells are cut, rows beyond what fits are counted. */
export function queryView(name: string, table: QueryTable): Rendered {
  const cols = table.columns.slice(0, 8);
  const cell = (v: unknown): string => truncate(String(v ?? '').replace(/[\r\n\t`]/g, ' '), 40);
  const widths = cols.map((c, i) => Math.max(c.name.length, ...table.rows.slice(0, 200).map((r) => cell(r[i]).length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(Math.min(widths[i], 40))).join('  ').trimEnd();
  const lines = [fmt(cols.map((c) => truncate(c.name, 40))), ...table.rows.map((r) => fmt(cols.map((_, i) => cell(r[i]))))];
  const blocks: KnownBlock[] = [header(`Query ${truncate(name, 100)}`)];
  // Code fences cost 8 characters; chunk the body so each fenced section stays under 3000.
  const body = textBlocks(lines.map(escapeEntities), 10, 'rows').map((b) =>
    b.type === 'section' && b.text ? { ...b, text: { ...b.text, text: `\`\`\`${truncate(b.text.text, LIMITS.text - 8)}\`\`\`` } } : b,
  );
  blocks.push(...(table.rows.length ? body : [section('The query returned no rows.')]));
  blocks.push(context(`${plural(table.rows.length, 'row')}${table.columns.length > cols.length ? ` · first ${cols.length} of ${table.columns.length} columns` : ''}`));
  return { blocks, text: fallback(`Query ${name}: ${plural(table.rows.length, 'row')}`) };
}
