/**
 * Modals (a stack of up to 3 per user, as Slack allows) and App Home tabs, with the input state of each view.
 */
import { randomBytes } from 'node:crypto';
import { normalizeBlocks } from './normalize';
import { pruneState, stateValues, type Json, type StateValues } from './state';
import type { Workspace } from './workspace';

export const MAX_MODAL_STACK = 3;

export interface StoredView {
  id: string;
  user: string;
  type: 'modal' | 'home';
  /** The view as the app sent it (blocks normalized). */
  spec: Json;
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  /** What the user has changed in this view's inputs. */
  inputs: StateValues;
}

/** The API/UI rendering of a view (Slack's `view` object). */
export type ViewView = Json;

export class ViewStore {
  private readonly stacks = new Map<string, StoredView[]>();
  private readonly homes = new Map<string, StoredView>();

  constructor(private readonly ws: Workspace) {}

  clear(): void {
    this.stacks.clear();
    this.homes.clear();
  }

  private make(user: string, spec: Json, previous: StoredView | undefined, id = this.ws.ids.next('V')): StoredView {
    return {
      id,
      user,
      type: spec.type,
      spec: { ...spec, blocks: normalizeBlocks(spec.blocks, this.ws.ids) ?? [] },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      root_view_id: previous?.root_view_id ?? id,
      previous_view_id: previous?.id ?? null,
      inputs: {},
    };
  }

  stack(user: string): StoredView[] {
    return this.stacks.get(user) ?? [];
  }

  home(user: string): StoredView | undefined {
    return this.homes.get(user);
  }

  /** Opens a new modal, replacing whatever modal the user had open. */
  open(user: string, spec: Json): StoredView {
    const v = this.make(user, spec, undefined);
    this.stacks.set(user, [v]);
    this.ws.emit({ type: 'view_opened', user, view: this.toApi(v) });
    return v;
  }

  push(user: string, spec: Json): StoredView {
    const stack = this.stack(user);
    const v = this.make(user, spec, stack[stack.length - 1]);
    this.stacks.set(user, [...stack, v]);
    this.ws.emit({ type: 'view_pushed', user, view: this.toApi(v) });
    return v;
  }

  publish(user: string, spec: Json): StoredView {
    const current = this.homes.get(user);
    const v = this.make(user, spec, undefined, current?.id);
    if (current) v.inputs = pruneState(v.spec.blocks, current.inputs);
    this.homes.set(user, v);
    this.ws.emit({ type: 'home_published', user, view: this.toApi(v) });
    return v;
  }

  /** Replaces a view's content in place (same id, new hash). */
  update(existing: StoredView, spec: Json): StoredView {
    existing.spec = { ...spec, type: existing.type, blocks: normalizeBlocks(spec.blocks, this.ws.ids) ?? [] };
    existing.hash = `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
    existing.inputs = pruneState(existing.spec.blocks, existing.inputs);
    const event = existing.type === 'home' ? 'home_published' : 'view_updated';
    this.ws.emit({ type: event, user: existing.user, view: this.toApi(existing) });
    return existing;
  }

  find(id: string): StoredView | undefined {
    for (const stack of this.stacks.values()) {
      const v = stack.find((x) => x.id === id);
      if (v) return v;
    }
    return [...this.homes.values()].find((x) => x.id === id);
  }

  findByExternalId(externalId: string): StoredView | undefined {
    return [...this.stacks.values()].flat().find((v) => v.spec.external_id === externalId);
  }

  /** Pops `view` (and everything above it); `all` closes the whole stack. Returns the views closed. */
  close(view: StoredView, all = false): StoredView[] {
    const stack = this.stack(view.user);
    const idx = all ? 0 : stack.indexOf(view);
    if (idx < 0) return [];
    const closed = stack.slice(idx);
    this.stacks.set(view.user, stack.slice(0, idx));
    for (const v of closed) this.ws.emit({ type: 'view_closed', user: v.user, view: this.toApi(v) });
    return closed;
  }

  setInput(v: StoredView, blockId: string, actionId: string, value: Json): void {
    v.inputs[blockId] = { ...v.inputs[blockId], [actionId]: value };
  }

  stateOf(v: StoredView): StateValues {
    return stateValues(v.spec.blocks, v.inputs);
  }

  toApi(v: StoredView): ViewView {
    const s = v.spec;
    return {
      id: v.id,
      team_id: this.ws.team.id,
      type: v.type,
      blocks: s.blocks,
      private_metadata: s.private_metadata ?? '',
      callback_id: s.callback_id ?? '',
      state: { values: this.stateOf(v) },
      hash: v.hash,
      ...(v.type === 'modal'
        ? {
            title: s.title,
            ...(s.submit ? { submit: s.submit } : {}),
            close: s.close ?? { type: 'plain_text', text: 'Cancel', emoji: true },
            clear_on_close: s.clear_on_close ?? false,
            notify_on_close: s.notify_on_close ?? false,
            previous_view_id: v.previous_view_id,
          }
        : { title: s.title ?? { type: 'plain_text', text: 'View Title', emoji: true }, close: null, submit: null, previous_view_id: null }),
      root_view_id: v.root_view_id,
      app_id: this.ws.bot.app_id,
      external_id: s.external_id ?? '',
      app_installed_team_id: this.ws.team.id,
      bot_id: this.ws.bot.bot_id,
    };
  }

  all(): { modals: Record<string, ViewView[]>; homes: Record<string, ViewView> } {
    return {
      modals: Object.fromEntries([...this.stacks].map(([u, s]) => [u, s.map((v) => this.toApi(v))])),
      homes: Object.fromEntries([...this.homes].map(([u, v]) => [u, this.toApi(v)])),
    };
  }
}
