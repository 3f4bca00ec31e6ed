// Prerequisites: each check with its verdict, evidence and fix; a "Register provider" button where that is the fix. Pure.
import type { KnownBlock } from '@slack/types';
import type { PrerequisiteCheck, PrerequisiteReport, Verdict } from '../../domain/types';
import { ACTIONS } from '../ids';
import { button, confirm, context, divider, fallback, header, LIMITS, section, textBlocks, type Rendered } from './elements';
import { esc, plural, truncate } from './format';

export const VERDICT_ICON: Record<Verdict, string> = { pass: ':white_check_mark:', fail: ':x:', warn: ':warning:', unknown: ':grey_question:' };

export function checkLine(c: PrerequisiteCheck): string {
  const fix = c.verdict !== 'pass' && c.fix ? `\n      _Fix:_ ${esc(truncate(c.fix, 400))}` : '';
  return `${VERDICT_ICON[c.verdict] ?? ':grey_question:'} *${esc(truncate(c.title, 150))}* — ${esc(truncate(c.evidence, 500))}${fix}`;
}

const needsAttention = (checks: readonly PrerequisiteCheck[]): boolean => checks.some((c) => c.verdict !== 'pass');

export function prerequisitesView(report: PrerequisiteReport): Rendered {
  const blocks: KnownBlock[] = [
    header(report.ready ? 'Prerequisites: ready to connect' : 'Prerequisites: action needed'),
    section(report.workspace.length ? report.workspace.map(checkLine).join('\n') : '_No workspace checks were run._'),
  ];
  const attention = report.subscriptions.filter((s) => needsAttention(s.checks));
  const passing = report.subscriptions.length - attention.length;
  // Header, workspace, divider, summary and the overflow note leave 44 blocks for subscriptions.
  const room = LIMITS.messageBlocks - blocks.length - 4;
  if (attention.length) blocks.push(divider());
  attention.slice(0, room).forEach((s) => {
    const lines = [`*${esc(truncate(s.displayName, 120))}* \`${esc(truncate(s.subscriptionId, 64))}\``, ...s.checks.filter((c) => c.verdict !== 'pass').map(checkLine)];
    const fixable = s.checks.find((c) => c.verdict !== 'pass' && c.fixAction?.kind === 'register-provider');
    blocks.push(
      section(lines.join('\n'), {
        block_id: truncate(`prereqs:${s.subscriptionId}`, LIMITS.id),
        ...(fixable?.fixAction
          ? {
              accessory: button('Register provider', ACTIONS.registerProvider, fixable.fixAction.subscriptionId, {
                style: 'primary',
                confirm: confirm('Register resource provider?', `Registers Microsoft.SecurityInsights on ${truncate(s.displayName, 120)}.`, 'Register'),
              }),
            }
          : {}),
      }),
    );
  });
  if (attention.length > room) {
    blocks.push(...textBlocks(attention.slice(room).map((s) => `• ${esc(truncate(s.displayName, 120))}`), 1, 'subscriptions needing attention'));
  }
  if (report.subscriptions.length) {
    blocks.push(context(`${plural(passing, 'subscription')} pass every check · ${plural(attention.length, 'subscription')} need attention`));
  }
  return { blocks: blocks.slice(0, LIMITS.messageBlocks), text: fallback(report.ready ? 'Prerequisites are met.' : `Prerequisites: ${attention.length} subscriptions need attention.`) };
}
