/**
 * Interactive-element state, as a Slack client keeps it. Every stateful element (checkboxes, selects, pickers,
 * text inputs) on a message or view has a current value per user; Slack sends the whole map as `state.values`
 * with every `block_actions` / `view_submission`, keyed `block_id → action_id`.
 */
import { allOptions } from './blockkit';

export type Json = Record<string, any>;
/** `state.values`: block_id → action_id → `{type, value|selected_option|selected_options|…}`. */
export type StateValues = Record<string, Record<string, Json>>;

export interface LocatedElement {
  block_id: string;
  element: Json;
}

/** Every element that can carry an action_id, in document order. */
export function interactiveElements(blocks: unknown): LocatedElement[] {
  if (!Array.isArray(blocks)) return [];
  const found: LocatedElement[] = [];
  for (const block of blocks as Json[]) {
    if (!block || typeof block !== 'object') continue;
    const candidates: unknown[] =
      block.type === 'actions' ? (block.elements ?? []) : block.type === 'section' ? [block.accessory] : block.type === 'input' ? [block.element] : [];
    for (const el of candidates) {
      if (el && typeof el === 'object' && typeof (el as Json).action_id === 'string') {
        found.push({ block_id: block.block_id, element: el as Json });
      }
    }
  }
  return found;
}

/** The value field an element contributes to `state.values`, or undefined for stateless elements (buttons, overflow). */
function initialState(el: Json): Json | undefined {
  const type: string = el.type;
  switch (type) {
    case 'checkboxes':
    case 'multi_static_select':
    case 'multi_external_select':
      return { type, selected_options: el.initial_options ?? [] };
    case 'radio_buttons':
    case 'static_select':
    case 'external_select':
      return { type, selected_option: el.initial_option ?? null };
    case 'users_select':
      return { type, selected_user: el.initial_user ?? null };
    case 'multi_users_select':
      return { type, selected_users: el.initial_users ?? [] };
    case 'conversations_select':
      return { type, selected_conversation: el.initial_conversation ?? null };
    case 'multi_conversations_select':
      return { type, selected_conversations: el.initial_conversations ?? [] };
    case 'channels_select':
      return { type, selected_channel: el.initial_channel ?? null };
    case 'multi_channels_select':
      return { type, selected_channels: el.initial_channels ?? [] };
    case 'datepicker':
      return { type, selected_date: el.initial_date ?? null };
    case 'timepicker':
      return { type, selected_time: el.initial_time ?? null };
    case 'datetimepicker':
      return { type, selected_date_time: el.initial_date_time ?? null };
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: el.initial_value ?? null };
    default:
      return undefined;
  }
}

/** Current `state.values` for one user: element defaults overlaid with what that user has changed. */
export function stateValues(blocks: unknown, changed: StateValues = {}): StateValues {
  const values: StateValues = {};
  for (const { block_id, element } of interactiveElements(blocks)) {
    const initial = initialState(element);
    if (!initial) continue;
    values[block_id] ??= {};
    values[block_id][element.action_id] = changed[block_id]?.[element.action_id] ?? initial;
  }
  return values;
}

/** Keeps only changes whose block_id/action_id survive a re-render: Slack resets state when a block_id changes. */
export function pruneState(blocks: unknown, changed: StateValues): StateValues {
  const kept: StateValues = {};
  for (const { block_id, element } of interactiveElements(blocks)) {
    const v = changed[block_id]?.[element.action_id];
    if (v && v.type === element.type) {
      kept[block_id] ??= {};
      kept[block_id][element.action_id] = v;
    }
  }
  return kept;
}

export class InputError extends Error {}

/** An option chosen by value (string) or given whole; must be one the element actually offers. */
function resolveOption(el: Json, choice: unknown): Json {
  const value = typeof choice === 'string' ? choice : (choice as Json | null)?.value;
  const option = allOptions(el).find((o) => o.value === value);
  if (!option) throw new InputError(`option "${String(value)}" is not offered by ${el.type} "${el.action_id}"`);
  return option;
}

/**
 * What a user did to an element: the `block_actions` action fields and, for stateful elements, the new state entry.
 * `input` is what the caller of the control API passes (value, selected_option(s), selected_user, …).
 */
export function interact(el: Json, input: Json): { fields: Json; state?: Json } {
  const type: string = el.type;
  switch (type) {
    case 'button':
      return {
        fields: { text: el.text, ...(el.value !== undefined ? { value: input.value ?? el.value } : {}), ...(el.style ? { style: el.style } : {}) },
      };
    case 'overflow':
      return { fields: { selected_option: resolveOption(el, input.selected_option ?? input.value) } };
    case 'checkboxes':
    case 'multi_static_select': {
      const raw = input.selected_options ?? input.value ?? [];
      if (!Array.isArray(raw)) throw new InputError(`${type} "${el.action_id}" takes selected_options as an array`);
      const selected = raw.map((c) => resolveOption(el, c));
      return { fields: { selected_options: selected }, state: { type, selected_options: selected } };
    }
    case 'radio_buttons':
    case 'static_select': {
      const selected = resolveOption(el, input.selected_option ?? input.value);
      return { fields: { selected_option: selected }, state: { type, selected_option: selected } };
    }
    default: {
      // Selects over users/channels, pickers and text inputs: the caller supplies the field Slack would send.
      const initial = initialState(el);
      if (!initial) return { fields: { ...(input.value !== undefined ? { value: input.value } : {}) } };
      const [field] = Object.keys(initial).filter((k) => k !== 'type');
      const given = input[field] ?? input.value;
      if (given === undefined) throw new InputError(`${type} "${el.action_id}" needs ${field}`);
      return { fields: { [field]: given }, state: { type, [field]: given } };
    }
  }
}

/** `view_submission` input shorthand → state entry: strings/arrays are resolved against the element's options. */
export function submittedValue(el: Json, given: unknown): Json {
  const isPlainObject = given !== null && typeof given === 'object' && !Array.isArray(given);
  if (isPlainObject && 'type' in (given as Json)) return given as Json;
  const asInput = isPlainObject ? (given as Json) : Array.isArray(given) ? { selected_options: given } : { value: given };
  const { state } = interact(el, asInput);
  if (!state) throw new InputError(`${el.type} "${el.action_id}" holds no value`);
  return state;
}
