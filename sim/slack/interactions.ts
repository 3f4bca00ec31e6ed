/**
 * What a user does in the Slack client, turned into the requests Slack sends the bot: slash commands, clicks and
 * selections (block_actions), modal submissions/closes, App Home opens. Also applies the bot's ack the way Slack
 * does (command ack bodies become messages; view_submission response_action updates/pushes/closes the modal).
 */
import { validateView } from './blockkit';
import { SimRequestError } from './errors';
import type { Deliverer, DeliveryOverrides, DeliveryResult } from './deliver';
import type { MessageView } from './messages';
import { commandBody, eventEnvelope, formPayload, interactionBase } from './payloads';
import type { ResponseUrls } from './responseurl';
import { messageSurfaceKey, viewSurfaceKey, type Suggestions } from './suggestions';
import { interact, interactiveElements, InputError, submittedValue, type Json } from './state';
import type { TriggerRegistry } from './triggers';
import { MAX_MODAL_STACK, type StoredView, type ViewView } from './views';
import { messageContent } from './webapi/chat';
import { ApiError } from './webapi/request';
import type { SimChannel, Workspace } from './workspace';

/** Slack's own notices (failed commands) come from Slackbot. */
const SLACKBOT = 'USLACKBOT';

export interface CommandInput {
  user: string;
  channel: string;
  text?: string;
  command?: string;
}

export interface ActionInput {
  user: string;
  action_id: string;
  block_id?: string;
  /** Message interactions: channel + message_ts (may be an ephemeral shown to `user`). */
  channel?: string;
  message_ts?: string;
  /** Modal / App Home interactions. */
  view_id?: string;
  /** Button value override, or the chosen option's value for single selects / overflow. */
  value?: unknown;
  /** Option values (or option objects) for checkboxes / multi_static_select / multi_external_select (from a suggestion). */
  selected_options?: unknown[];
  /** Option value (or object) for static_select / radio_buttons / overflow. */
  selected_option?: unknown;
  /** Other element kinds take the field Slack sends: selected_user, selected_date, selected_conversation, … */
  [field: string]: unknown;
}

export interface ViewSubmissionInput {
  user: string;
  view_id: string;
  /** block_id → action_id → value. Strings/arrays are resolved against the element's options; full state objects pass through. */
  values?: Record<string, Record<string, unknown>>;
}

export interface HomeOpenedInput {
  user: string;
  tab?: 'home' | 'messages';
  /** Reuse an event_id to simulate a redelivery. */
  event_id?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface CommandResult extends DeliveryResult {
  trigger_id: string;
  response_url: string;
  /** The message Slack made from the ack body, if any. */
  ackMessage?: MessageView;
}

export interface ActionResult extends DeliveryResult {
  trigger_id: string;
  response_url?: string;
  payload: Json;
}

export interface ViewSubmissionResult extends DeliveryResult {
  trigger_id: string;
  payload: Json;
  /** response_action from the ack, if any. */
  response_action?: string;
  /** Field errors from `response_action: 'errors'`. */
  errors?: Record<string, string>;
  /** The user's modal stack after Slack applied the ack. */
  stack: ViewView[];
}

export interface InteractionDeps {
  ws: Workspace;
  deliverer: Deliverer;
  responseUrls: ResponseUrls;
  triggers: TriggerRegistry;
  verificationToken: string;
  suggestions: Suggestions;
}

export class Interactions {
  constructor(private readonly d: InteractionDeps) {}

  private user(id: string): string {
    if (!this.d.ws.users.has(id)) throw new SimRequestError(400, `unknown user "${id}"`);
    return id;
  }

  private memberChannel(channelId: string, user: string): SimChannel {
    const channel = this.d.ws.conversation(channelId);
    if (!channel) throw new SimRequestError(400, `unknown channel "${channelId}"`);
    if (!this.d.ws.isMember(channel, user) && !channel.is_im) throw new SimRequestError(400, `${user} is not a member of ${channel.id}`);
    return channel;
  }

  async command(input: CommandInput, overrides?: DeliveryOverrides): Promise<CommandResult> {
    const { ws } = this.d;
    const user = this.user(input.user);
    const channel = this.memberChannel(input.channel, user);
    const command = input.command ?? '/sentinel';
    const triggerId = this.d.triggers.issue(user);
    const responseUrl = this.d.responseUrls.create(channel.id, user);
    const body = commandBody(ws, {
      verificationToken: this.d.verificationToken,
      channel,
      user,
      command,
      text: input.text ?? '',
      responseUrl,
      triggerId,
    });
    const result = await this.d.deliverer.send('command', body, 'application/x-www-form-urlencoded', overrides);
    return { ...result, trigger_id: triggerId, response_url: responseUrl, ackMessage: this.applyCommandAck(result, channel, user, command) };
  }

  /** Slack turns a non-empty ack into a message (ephemeral unless response_type is in_channel), or shows an error. */
  private applyCommandAck(result: DeliveryResult, channel: SimChannel, user: string, command: string): MessageView | undefined {
    const { ws } = this.d;
    const failure = result.timedOut ? 'operation_timeout' : result.status !== 200 ? 'dispatch_failed' : undefined;
    if (failure) {
      const m = ws.messages.postEphemeral(channel.id, user, { text: `${command} failed with the error "${failure}"` }, 'slack_error', SLACKBOT);
      return ws.messages.view(m);
    }
    if (!result.body.trim()) return undefined;
    const ack = (result.json && typeof result.json === 'object' ? result.json : { text: result.body }) as Json;
    let content;
    try {
      content = messageContent(ack, true);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const m = ws.messages.postEphemeral(channel.id, user, { text: `${command} failed with the error "${err.code}"` }, 'slack_error', SLACKBOT);
      return ws.messages.view(m);
    }
    const m =
      ack.response_type === 'in_channel'
        ? ws.messages.post(channel.id, content, 'command_ack')
        : ws.messages.postEphemeral(channel.id, user, content, 'command_ack');
    return ws.messages.view(m);
  }

  async action(input: ActionInput, overrides?: DeliveryOverrides): Promise<ActionResult> {
    const { ws } = this.d;
    const user = this.user(input.user);
    if (input.view_id) return this.viewAction(user, input, overrides);
    if (!input.channel || !input.message_ts) throw new SimRequestError(400, 'give channel + message_ts (message) or view_id (modal / App Home)');
    const channel = this.memberChannel(input.channel, user);
    const message = ws.messages.find(channel.id, input.message_ts, user);
    if (!message) throw new SimRequestError(404, `no message ${input.message_ts} in ${channel.id} visible to ${user}`);
    const { element, block_id } = this.locate(message.blocks, input, `message ${message.ts}`);
    const choice = this.d.suggestions.resolveChoice(user, messageSurfaceKey(channel.id, message.ts), block_id, element, input);
    const action = this.perform(element, block_id, choice, (value) => ws.messages.setInput(message, user, block_id, element.action_id, value));
    const triggerId = this.d.triggers.issue(user);
    const responseUrl = this.d.responseUrls.create(channel.id, user, message);
    const payload = {
      ...interactionBase(ws, 'block_actions', user, this.d.verificationToken, triggerId),
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: channel.id,
        is_ephemeral: !!message.recipient,
        ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      },
      channel: { id: channel.id, name: ws.channelNameForPayload(channel) },
      // Slack omits the message body for ephemeral messages.
      ...(message.recipient ? {} : { message: ws.messages.toApi(message) }),
      state: { values: ws.messages.stateFor(message, user) },
      response_url: responseUrl,
      actions: [action],
    };
    const result = await this.d.deliverer.send('block_actions', formPayload(payload), 'application/x-www-form-urlencoded', overrides);
    return { ...result, trigger_id: triggerId, response_url: responseUrl, payload };
  }

  private async viewAction(user: string, input: ActionInput, overrides?: DeliveryOverrides): Promise<ActionResult> {
    const { ws } = this.d;
    const view = ws.views.find(input.view_id as string);
    if (!view || view.user !== user) throw new SimRequestError(404, `no view ${input.view_id} open for ${user}`);
    const { element, block_id } = this.locate(view.spec.blocks, input, `view ${view.id}`);
    const choice = this.d.suggestions.resolveChoice(user, viewSurfaceKey(view.id), block_id, element, input);
    const action = this.perform(element, block_id, choice, (value) => ws.views.setInput(view, block_id, element.action_id, value));
    const triggerId = this.d.triggers.issue(user);
    const payload = {
      ...interactionBase(ws, 'block_actions', user, this.d.verificationToken, triggerId),
      container: { type: 'view', view_id: view.id },
      view: ws.views.toApi(view),
      actions: [action],
    };
    const result = await this.d.deliverer.send('block_actions', formPayload(payload), 'application/x-www-form-urlencoded', overrides);
    return { ...result, trigger_id: triggerId, payload };
  }

  /** The element a click targets; a client can only click what is actually rendered. */
  private locate(blocks: unknown, input: ActionInput, where: string): { element: Json; block_id: string } {
    const matches = interactiveElements(blocks).filter(
      (e) => e.element.action_id === input.action_id && (!input.block_id || e.block_id === input.block_id),
    );
    if (matches.length === 0) {
      const available = interactiveElements(blocks).map((e) => `${e.block_id}/${e.element.action_id}`);
      throw new SimRequestError(400, `action_id "${input.action_id}" is not on ${where}`, { available });
    }
    if (matches.length > 1) throw new SimRequestError(400, `action_id "${input.action_id}" is ambiguous on ${where}; pass block_id`);
    return matches[0];
  }

  /** Builds the `actions[0]` entry and records the new value of stateful elements before the payload is built. */
  private perform(element: Json, blockId: string, input: ActionInput, remember: (value: Json) => void): Json {
    let outcome;
    try {
      outcome = interact(element, input);
    } catch (err) {
      if (err instanceof InputError) throw new SimRequestError(400, err.message);
      throw err;
    }
    if (outcome.state) remember(outcome.state);
    return { type: element.type, action_id: element.action_id, block_id: blockId, ...outcome.fields, action_ts: this.d.ws.ids.ts() };
  }

  /** Delivers an arbitrary block_actions (or any interactivity) payload as-is, e.g. a forged click. */
  async rawAction(payload: Json, overrides?: DeliveryOverrides): Promise<DeliveryResult> {
    return this.d.deliverer.send('raw', formPayload(payload), 'application/x-www-form-urlencoded', overrides);
  }

  async submitView(input: ViewSubmissionInput, overrides?: DeliveryOverrides): Promise<ViewSubmissionResult> {
    const { ws } = this.d;
    const user = this.user(input.user);
    const view = this.topModal(user, input.view_id);
    if (!view.spec.submit) throw new SimRequestError(400, `view ${view.id} has no submit button`);
    this.fillInputs(view, input.values ?? {});
    const triggerId = this.d.triggers.issue(user);
    const payload = {
      ...interactionBase(ws, 'view_submission', user, this.d.verificationToken, triggerId),
      view: ws.views.toApi(view),
      response_urls: [],
    };
    const result = await this.d.deliverer.send('view_submission', formPayload(payload), 'application/x-www-form-urlencoded', overrides);
    const applied = this.applySubmissionAck(result, view);
    return { ...result, trigger_id: triggerId, payload, ...applied, stack: ws.views.stack(user).map((v) => ws.views.toApi(v)) };
  }

  private topModal(user: string, viewId: string): StoredView {
    const stack = this.d.ws.views.stack(user);
    const view = stack.find((v) => v.id === viewId);
    if (!view) throw new SimRequestError(404, `no modal ${viewId} open for ${user}`);
    if (view !== stack[stack.length - 1]) throw new SimRequestError(409, `modal ${viewId} is not the top of ${user}'s stack`);
    return view;
  }

  /** Types the given values into the modal, then enforces required inputs as the Slack client does. */
  private fillInputs(view: StoredView, values: Record<string, Record<string, unknown>>): void {
    const { ws } = this.d;
    const elements = interactiveElements(view.spec.blocks);
    for (const [blockId, byAction] of Object.entries(values)) {
      for (const [actionId, given] of Object.entries(byAction)) {
        const found = elements.find((e) => e.block_id === blockId && e.element.action_id === actionId);
        if (!found) throw new SimRequestError(400, `no element ${blockId}/${actionId} in view ${view.id}`);
        try {
          ws.views.setInput(view, blockId, actionId, submittedValue(found.element, given));
        } catch (err) {
          if (err instanceof InputError) throw new SimRequestError(400, err.message);
          throw err;
        }
      }
    }
    const state = ws.views.stateOf(view);
    const missing = (view.spec.blocks as Json[])
      .filter((b) => b.type === 'input' && b.optional !== true && b.element?.action_id)
      .filter((b) => isEmpty(state[b.block_id]?.[b.element.action_id]))
      .map((b) => b.block_id as string);
    if (missing.length) throw new SimRequestError(400, 'required inputs are empty (Slack would not submit)', { missing });
  }

  private applySubmissionAck(result: DeliveryResult, view: StoredView): { response_action?: string; errors?: Record<string, string> } {
    const { ws } = this.d;
    // On a failed/late ack Slack leaves the modal open with a connection error.
    if (result.status !== 200 || result.timedOut) return {};
    const ack = (result.json ?? {}) as Json;
    const action = typeof ack.response_action === 'string' ? ack.response_action : undefined;
    switch (action) {
      case 'errors':
        return { response_action: action, errors: ack.errors };
      case 'update':
      case 'push': {
        const problems = validateView(ack.view);
        if (problems.length) return { response_action: action, errors: { view: problems.join('; ') } };
        if (action === 'update') ws.views.update(view, ack.view);
        else if (ws.views.stack(view.user).length < MAX_MODAL_STACK) ws.views.push(view.user, ack.view);
        else return { response_action: action, errors: { view: 'push_limit_reached' } };
        return { response_action: action };
      }
      case 'clear':
        ws.views.close(view, true);
        return { response_action: action };
      default:
        ws.views.close(view);
        return action ? { response_action: action } : {};
    }
  }

  /** The user dismisses a modal; Slack tells the app only when the view asked with notify_on_close. */
  async closeView(input: { user: string; view_id: string }, overrides?: DeliveryOverrides): Promise<DeliveryResult | { delivered: false }> {
    const { ws } = this.d;
    const user = this.user(input.user);
    const view = this.topModal(user, input.view_id);
    const apiView = ws.views.toApi(view);
    ws.views.close(view, view.spec.clear_on_close === true);
    if (view.spec.notify_on_close !== true) return { delivered: false };
    const payload = {
      ...interactionBase(ws, 'view_closed', user, this.d.verificationToken),
      view: apiView,
      is_cleared: view.spec.clear_on_close === true,
    };
    return this.d.deliverer.send('view_closed', formPayload(payload), 'application/x-www-form-urlencoded', overrides);
  }

  async homeOpened(input: HomeOpenedInput, overrides?: DeliveryOverrides): Promise<DeliveryResult & { event_id: string }> {
    const { ws } = this.d;
    const user = this.user(input.user);
    const dm = ws.conversation(user) as SimChannel;
    const home = ws.views.home(user);
    const event = {
      type: 'app_home_opened',
      user,
      channel: dm.id,
      tab: input.tab ?? 'home',
      event_ts: ws.ids.ts(),
      ...(home && (input.tab ?? 'home') === 'home' ? { view: ws.views.toApi(home) } : {}),
    };
    return this.event(event, { event_id: input.event_id, retryNum: input.retryNum, retryReason: input.retryReason }, overrides);
  }

  /** Delivers any Events API event in an `event_callback` envelope, optionally as a retry. */
  async event(
    event: Json,
    opts: { event_id?: string; retryNum?: number; retryReason?: string } = {},
    overrides: DeliveryOverrides = {},
  ): Promise<DeliveryResult & { event_id: string }> {
    const eventId = opts.event_id ?? this.d.ws.ids.next('Ev');
    const envelope = eventEnvelope(this.d.ws, event, eventId, this.d.verificationToken);
    const retryHeaders: Record<string, string> =
      opts.retryNum !== undefined ? { 'X-Slack-Retry-Num': String(opts.retryNum), 'X-Slack-Retry-Reason': opts.retryReason ?? 'http_timeout' } : {};
    const result = await this.d.deliverer.send('event', JSON.stringify(envelope), 'application/json', {
      ...overrides,
      headers: { ...retryHeaders, ...overrides.headers },
    });
    return { ...result, event_id: eventId };
  }
}

function isEmpty(v: Json | undefined): boolean {
  if (!v) return true;
  const [field] = Object.keys(v).filter((k) => k !== 'type');
  const value = field ? v[field] : undefined;
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

