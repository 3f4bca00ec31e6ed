// `/sentinel …`: parse (pure), ack at once with the parse error or "Working on it…", then carry it out.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackAppContext } from '../context';
import { commandReply } from '../reply';
import { helpView } from '../views/help';
import { parseCommand } from './parse';
import { runCommand } from './run';

export const WORKING = ':hourglass_flowing_sand: Working on it…';

export function sentinelCommand(ctx: SlackAppContext) {
  return async ({ command, ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseCommand(typeof command.text === 'string' ? command.text : '');
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: parsed.usage ? `${parsed.error}\nUsage: \`${parsed.usage}\`` : parsed.error });
      return;
    }
    if (parsed.command.kind === 'help') {
      const view = helpView(parsed.command.topic);
      await ack({ response_type: 'ephemeral', text: view.text, blocks: view.blocks });
      return;
    }
    await ack({ response_type: 'ephemeral', text: WORKING });
    if (typeof command.user_id !== 'string' || typeof command.channel_id !== 'string') return;
    const say = commandReply(typeof command.response_url === 'string' ? command.response_url : undefined, ctx.logger);
    try {
      await runCommand(ctx, parsed.command, {
        userId: command.user_id,
        teamId: command.team_id,
        reply: { channel: command.channel_id, userId: command.user_id, responseUrl: command.response_url },
        say,
        source: 'command',
      });
    } catch (err) {
      ctx.logger.error({ err, kind: parsed.command.kind }, 'command failed');
      await say(':warning: Something went wrong while handling that command; it has been logged.');
    }
  };
}
