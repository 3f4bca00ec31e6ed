// App Home: publish the dashboard from the status snapshot and the recent jobs; nothing here calls Azure.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackAppContext } from '../context';
import { homeView } from '../views/home';

export function appHomeOpened(ctx: SlackAppContext) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home' || typeof event.user !== 'string') return;
    const [snapshot, jobs, isAdmin] = await Promise.all([
      ctx.stores.snapshot.load(),
      ctx.jobs.recent(10).catch((err) => {
        ctx.logger.warn({ err }, 'recent jobs unavailable for App Home');
        return [];
      }),
      ctx.authz.isAdmin(event.user).catch(() => false),
    ]);
    await client.views.publish({ user_id: event.user, view: homeView(snapshot, jobs, isAdmin) });
  };
}
