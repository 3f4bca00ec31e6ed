import { App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { answerEveryRequest } from '../../src/slack/middleware';
import { createRouter, type ActionHandler, type ViewHandler } from '../../src/slack/router';

// A real Bolt App fed through processEvent, so routing is checked against Bolt's own payload extraction.
function boltApp(): App {
  const receiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };
  const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-test' }), convoStore: false });
  answerEveryRequest(app);
  return app;
}

function deliver(app: App, body: Record<string, unknown>): Promise<{ acks: unknown[] }> {
  const acks: unknown[] = [];
  const event: ReceiverEvent = { body, ack: async (response?: unknown) => void acks.push(response ?? 'empty') };
  return app.processEvent(event).then(() => ({ acks }));
}

const click = (actionId: unknown) => ({
  type: 'block_actions',
  team: { id: 'T1' },
  user: { id: 'U1' },
  actions: [{ type: 'button', action_id: actionId, block_id: 'b', action_ts: '1' }],
});

it('dispatches a block action to the handler registered for its action_id, and only that one', async () => {
  const calls: string[] = [];
  const handler = (name: string): ActionHandler => async ({ ack }) => {
    calls.push(name);
    await ack();
  };
  const router = createRouter();
  router.action('a.one', handler('one'));
  router.action('a.two', handler('two'));
  const app = boltApp();
  router.mount(app);

  const { acks } = await deliver(app, click('a.two'));
  expect(calls).toEqual(['two']);
  expect(acks).toEqual(['empty']);
});

it('dispatches a view submission by callback_id with the handler’s own ack response', async () => {
  const submit: ViewHandler = async ({ ack, view }) => ack({ response_action: 'errors', errors: { block: view.callback_id } });
  const router = createRouter();
  router.view('modal.close', submit);
  const app = boltApp();
  router.mount(app);

  const { acks } = await deliver(app, { type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1' }, view: { id: 'V1', callback_id: 'modal.close', state: { values: {} } } });
  expect(acks).toEqual([{ response_action: 'errors', errors: { block: 'modal.close' } }]);
});

it('an unknown, missing or non-string id runs no handler and is still acknowledged once', async () => {
  const handler = jest.fn<Promise<void>, Parameters<ActionHandler>>(async ({ ack }) => ack());
  const router = createRouter();
  router.action('a.one', handler);
  const app = boltApp();
  const errors: unknown[] = [];
  app.error(async (err) => void errors.push(err));
  router.mount(app);

  for (const body of [
    click('a.unknown'),
    click(42),
    { ...click('a.one'), actions: [null] },
    { type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1' }, view: { id: 'V1', callback_id: 'nope', state: { values: {} } } },
  ]) {
    const { acks } = await deliver(app, body);
    expect(acks).toEqual(['empty']);
  }
  expect(handler).not.toHaveBeenCalled();
  expect(errors).toEqual([]);
});

it('rejects a second handler for the same id when routes are registered, before anything is served', () => {
  const router = createRouter();
  const noop = async () => undefined;
  router.action('a.one', noop);
  expect(() => router.action('a.one', noop)).toThrow('action_id "a.one" has two handlers');
  router.view('modal', noop);
  expect(() => router.view('modal', noop)).toThrow('callback_id "modal" has two handlers');
  // Action ids and callback ids are separate namespaces.
  expect(() => router.view('a.one', noop)).not.toThrow();
});
