// Typed Block Kit constructors with Slack's limits applied at the edge, so every view stays valid on any input.
import type { ActionsBlock, Button, ConfirmationDialog, ContextBlock, KnownBlock, PlainTextOption, SectionBlock } from '@slack/types';
import { chunkLines, oneLine, truncate } from './format';

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  text: 3000,
  field: 2000,
  header: 150,
  button: 75,
  optionText: 75,
  optionValue: 75,
  id: 255,
  selectOptions: 100,
  checkboxOptions: 10,
  contextElements: 10,
  fallbackText: 3000,
} as const;

export const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text: truncate(text, LIMITS.header), emoji: true } });

export const divider = (): KnownBlock => ({ type: 'divider' });

export function section(text: string, extra: Partial<Omit<SectionBlock, 'type' | 'text'>> = {}): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text || ' ', LIMITS.text) }, ...extra };
}

export function fields(pairs: readonly string[]): SectionBlock {
  return { type: 'section', fields: pairs.slice(0, 10).map((t) => ({ type: 'mrkdwn', text: truncate(t, LIMITS.field) })) };
}

export function context(...texts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts.filter(Boolean).slice(0, LIMITS.contextElements).map((t) => ({ type: 'mrkdwn', text: truncate(t, LIMITS.text) })),
  };
}

export function button(text: string, actionId: string, value?: string, extra: Partial<Omit<Button, 'type' | 'text' | 'action_id'>> = {}): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, LIMITS.button), emoji: true },
    action_id: truncate(actionId, LIMITS.id),
    ...(value !== undefined ? { value } : {}),
    ...extra,
  };
}

export const actions = (blockId: string, elements: ActionsBlock['elements']): ActionsBlock => ({ type: 'actions', block_id: truncate(blockId, LIMITS.id), elements: elements.slice(0, 25) });

export function option(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: { type: 'plain_text', text: truncate(oneLine(text) || ' ', LIMITS.optionText), emoji: true },
    value,
    ...(description ? { description: { type: 'plain_text', text: truncate(description, LIMITS.optionText), emoji: true } } : {}),
  };
}

export function confirm(title: string, text: string, yes: string, style?: 'danger' | 'primary'): ConfirmationDialog {
  return {
    title: { type: 'plain_text', text: truncate(title, 100) },
    text: { type: 'plain_text', text: truncate(oneLine(text), 300) },
    confirm: { type: 'plain_text', text: truncate(yes, 30) },
    deny: { type: 'plain_text', text: 'Cancel' },
    ...(style ? { style } : {}),
  };
}

/**
 * Lines → as many sections as fit in `maxBlocks`, each ≤ 3000 characters; when lines are left over, the last block says
 * how many were not shown, so a long list never breaks the message.
 */
export function textBlocks(lines: readonly string[], maxBlocks: number, moreLabel = 'more'): KnownBlock[] {
  if (maxBlocks <= 0) return [];
  const chunks = chunkLines(lines, LIMITS.text);
  if (chunks.length <= maxBlocks) return chunks.map((c) => section(c));
  const kept = chunks.slice(0, maxBlocks - 1);
  const shownLines = kept.reduce((n, c) => n + c.split('\n').length, 0);
  return [...kept.map((c) => section(c)), context(`…and ${lines.length - shownLines} ${moreLabel} not shown.`)];
}

/** A view plus the plain-text fallback Slack shows in notifications. */
export interface Rendered {
  text: string;
  blocks: KnownBlock[];
}

export const fallback = (text: string): string => truncate(text, LIMITS.fallbackText);
