/**
 * External selects: a user typing in an `external_select` / `multi_external_select` makes Slack send the app a signed
 * `block_suggestion` request and show the options it answers with. The simulator does the same, checks the answer
 * against Slack's limits, and remembers what each user was offered, so a later choice (`/_sim/action` with
 * `selected_options`) can only be one the client actually showed.
 */
import { BLOCK_KIT_LIMITS as L } from './blockkit';
import type { Deliverer, DeliveryOverrides, DeliveryResult } from './deliver';
import { SimRequestError } from './errors';
import { formPayload, interactionBase } from './payloads';
import { interactiveElements, type Json } from './state';
import type { Workspace } from './workspace';

const EXTERNAL = new Set(['external_select', 'multi_external_select']);
/** Slack's default when the element sets no min_query_length. */
const DEFAULT_MIN_QUERY_LENGTH = 3;

export interface SuggestInput {
  user: string;
  action_id: string;
  block_id?: string;
  /** Message: channel + message_ts (may be an ephemeral shown to `user`). */
  channel?: string;
  message_ts?: string;
  /** Modal / App Home. */
  view_id?: string;
  /** What the user has typed. */
  value?: string;
}

export interface SuggestResult extends DeliveryResult {
  payload: Json;
  /** The options the client shows (flattened from option_groups); empty when the answer was unusable. */
  options: Json[];
  option_groups?: Json[];
  /** Why Slack would show nothing: a late or failed ack, or an answer breaking Slack's limits. */
  problems: string[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkText(text: unknown, max: number, at: string, problems: string[]): void {
  if (!isObject(text) || text.type !== 'plain_text' || typeof text.text !== 'string') problems.push(`must be a plain_text object [json-pointer:${at}]`);
  else if (text.text.length > max) problems.push(`must be less than ${max + 1} characters [json-pointer:${at}/text]`);
}

function checkOptionList(options: unknown, at: string, problems: string[]): void {
  if (!Array.isArray(options)) {
    problems.push(`must be an array [json-pointer:${at}]`);
    return;
  }
  if (options.length > L.selectOptions) problems.push(`no more than ${L.selectOptions} items allowed [json-pointer:${at}]`);
  options.forEach((o, i) => {
    if (!isObject(o)) return problems.push(`must be an object [json-pointer:${at}/${i}]`);
    checkText(o.text, L.optionText, `${at}/${i}/text`, problems);
    if (typeof o.value !== 'string') problems.push(`must be a string [json-pointer:${at}/${i}/value]`);
    else if (o.value.length > L.optionValue) problems.push(`must be less than ${L.optionValue + 1} characters [json-pointer:${at}/${i}/value]`);
    if (o.description !== undefined) checkText(o.description, L.optionDescription, `${at}/${i}/description`, problems);
  });
}

/** An options answer (`{options}` or `{option_groups}`) against Slack's limits; `[]` means Slack would show it. */
export function validateOptionsResponse(body: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(body)) return ['the response must be a JSON object with options or option_groups'];
  if ((body.options === undefined) === (body.option_groups === undefined)) return ['must provide exactly one of options or option_groups'];
  if (body.options !== undefined) {
    checkOptionList(body.options, '/options', problems);
    return problems;
  }
  if (!Array.isArray(body.option_groups)) return ['must be an array [json-pointer:/option_groups]'];
  if (body.option_groups.length > L.selectOptionGroups) problems.push(`no more than ${L.selectOptionGroups} items allowed [json-pointer:/option_groups]`);
  body.option_groups.forEach((g, i) => {
    if (!isObject(g)) return problems.push(`must be an object [json-pointer:/option_groups/${i}]`);
    checkText(g.label, L.optionGroupLabel, `/option_groups/${i}/label`, problems);
    checkOptionList(g.options, `/option_groups/${i}/options`, problems);
  });
  return problems;
}

export interface SuggestionDeps {
  ws: Workspace;
  deliverer: Deliverer;
  verificationToken: string;
}

export class Suggestions {
  /** user|surface|block_id|action_id → every option offered so far, by value. */
  private readonly offered = new Map<string, Map<string, Json>>();

  constructor(private readonly d: SuggestionDeps) {}

  async suggest(input: SuggestInput, overrides?: DeliveryOverrides): Promise<SuggestResult> {
    const { ws } = this.d;
    if (!ws.users.has(input.user)) throw new SimRequestError(400, `unknown user "${input.user}"`);
    const value = typeof input.value === 'string' ? input.value : '';
    const surface = this.surface(input);
    const { element, block_id } = locateExternal(surface.blocks, input);
    const min = typeof element.min_query_length === 'number' ? element.min_query_length : DEFAULT_MIN_QUERY_LENGTH;
    if (value.length < min) throw new SimRequestError(400, `Slack sends no suggestion request before ${min} characters are typed (min_query_length)`);
    const payload = {
      ...interactionBase(ws, 'block_suggestion', input.user, this.d.verificationToken),
      ...surface.fields,
      action_id: element.action_id,
      block_id,
      value,
    };
    const result = await this.d.deliverer.send('block_suggestion', formPayload(payload), 'application/x-www-form-urlencoded', overrides);
    if (result.timedOut || result.status !== 200) return { ...result, payload, options: [], problems: [result.timedOut ? 'the app did not answer within 3 seconds' : `the app answered HTTP ${result.status}`] };
    const problems = validateOptionsResponse(result.json);
    if (problems.length) return { ...result, payload, options: [], problems };
    const body = result.json as Json;
    const options: Json[] = body.options ?? (body.option_groups as Json[]).flatMap((g) => g.options);
    const key = offerKey(input.user, surface.key, block_id, element.action_id);
    const seen = this.offered.get(key) ?? new Map<string, Json>();
    for (const o of options) seen.set(o.value, o);
    this.offered.set(key, seen);
    return { ...result, payload, options, ...(body.option_groups ? { option_groups: body.option_groups } : {}), problems };
  }

  /**
   * For a click on an external select: replaces the chosen values (strings or option objects) with the options the
   * user was offered (or the element's initial ones); anything else is refused, as the client could not pick it.
   * Other elements pass through unchanged.
   */
  resolveChoice<T extends Json>(user: string, surfaceKey: string, blockId: string, element: Json, input: T): T {
    if (!EXTERNAL.has(element.type)) return input;
    const known = new Map(this.offered.get(offerKey(user, surfaceKey, blockId, element.action_id)));
    for (const o of [element.initial_option, ...(element.initial_options ?? [])]) if (isObject(o) && typeof o.value === 'string') known.set(o.value, o);
    const pick = (choice: unknown): Json => {
      const v = typeof choice === 'string' ? choice : isObject(choice) ? choice.value : undefined;
      const found = typeof v === 'string' ? known.get(v) : undefined;
      if (!found) throw new SimRequestError(400, `option "${String(v)}" was not offered to ${user} by a suggestion for "${element.action_id}" (call /_sim/suggest first)`);
      return found;
    };
    if (element.type === 'external_select') return { ...input, selected_option: pick(input.selected_option ?? input.value) };
    const raw = input.selected_options ?? input.value ?? [];
    if (!Array.isArray(raw)) throw new SimRequestError(400, `multi_external_select "${element.action_id}" takes selected_options as an array`);
    return { ...input, selected_options: raw.map(pick) };
  }

  clear(): void {
    this.offered.clear();
  }

  /** The message or view the user is typing in, the payload fields Slack adds for it, and its key for `offered`. */
  private surface(input: SuggestInput): { key: string; blocks: unknown; fields: Json } {
    const { ws } = this.d;
    if (input.view_id) {
      const view = ws.views.find(input.view_id);
      if (!view || view.user !== input.user) throw new SimRequestError(404, `no view ${input.view_id} open for ${input.user}`);
      return { key: viewSurfaceKey(view.id), blocks: view.spec.blocks, fields: { container: { type: 'view', view_id: view.id }, view: ws.views.toApi(view) } };
    }
    if (!input.channel || !input.message_ts) throw new SimRequestError(400, 'give channel + message_ts (message) or view_id (modal / App Home)');
    const channel = ws.conversation(input.channel);
    if (!channel) throw new SimRequestError(400, `unknown channel "${input.channel}"`);
    if (!ws.isMember(channel, input.user) && !channel.is_im) throw new SimRequestError(400, `${input.user} is not a member of ${channel.id}`);
    const message = ws.messages.find(channel.id, input.message_ts, input.user);
    if (!message) throw new SimRequestError(404, `no message ${input.message_ts} in ${channel.id} visible to ${input.user}`);
    return {
      key: messageSurfaceKey(channel.id, message.ts),
      blocks: message.blocks,
      fields: {
        container: { type: 'message', message_ts: message.ts, channel_id: channel.id, is_ephemeral: !!message.recipient },
        channel: { id: channel.id, name: ws.channelNameForPayload(channel) },
        // As for block_actions, Slack omits the message body for ephemeral messages.
        ...(message.recipient ? {} : { message: ws.messages.toApi(message) }),
      },
    };
  }
}

export const messageSurfaceKey = (channel: string, ts: string): string => `m:${channel}:${ts}`;
export const viewSurfaceKey = (viewId: string): string => `v:${viewId}`;

const offerKey = (user: string, surface: string, blockId: string, actionId: string): string => `${user}|${surface}|${blockId}|${actionId}`;

function locateExternal(blocks: unknown, input: SuggestInput): { element: Json; block_id: string } {
  const matches = interactiveElements(blocks).filter((e) => e.element.action_id === input.action_id && (!input.block_id || e.block_id === input.block_id));
  if (matches.length === 0) throw new SimRequestError(400, `action_id "${input.action_id}" is not on that surface`);
  if (matches.length > 1) throw new SimRequestError(400, `action_id "${input.action_id}" is ambiguous; pass block_id`);
  if (!EXTERNAL.has(matches[0].element.type)) throw new SimRequestError(400, `"${input.action_id}" is a ${matches[0].element.type}; only external selects ask the app for options`);
  return matches[0];
}
