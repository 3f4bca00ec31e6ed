// App Home buttons run the same commands as `/sentinel`; answers go to the user's DM with the bot.
import type { SlackAppContext } from '../context';
import type { Command } from '../commands/parse';
import { runCommand } from '../commands/run';
import { readClick, type ClickArgs } from './click';

export function homeButton(ctx: SlackAppContext, command: Command) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(ctx, args);
    if (!click) return;
    await runCommand(ctx, command, { userId: click.userId, teamId: click.teamId, reply: click.reply, say: click.say, source: 'home' });
  };
}
