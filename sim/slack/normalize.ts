/**
 * Slack stores blocks slightly differently from how they were sent: every block gets a `block_id` and every
 * interactive element an `action_id` (random when omitted), and plain_text objects get `emoji: true`. Payloads the
 * bot receives back (message.blocks, state.values keys, actions[].block_id) use the stored form, so we do the same.
 */
import type { IdFactory } from './ids';

type Json = Record<string, any>;

export function normalizeBlocks(blocks: unknown[] | undefined, ids: IdFactory): Json[] | undefined {
  if (!blocks) return undefined;
  return blocks.map((raw) => {
    const block = withPlainTextDefaults(structuredClone(raw)) as Json;
    block.block_id ??= ids.shortId();
    const elements: unknown[] =
      block.type === 'actions' ? (block.elements ?? []) : block.type === 'section' ? [block.accessory] : block.type === 'input' ? [block.element] : [];
    for (const el of elements) {
      if (el && typeof el === 'object' && (el as Json).type !== 'image') (el as Json).action_id ??= ids.shortId();
    }
    return block;
  });
}

function withPlainTextDefaults(node: unknown): unknown {
  if (Array.isArray(node)) node.forEach(withPlainTextDefaults);
  else if (node && typeof node === 'object') {
    const obj = node as Json;
    if (obj.type === 'plain_text' && typeof obj.text === 'string') obj.emoji ??= true;
    Object.values(obj).forEach(withPlainTextDefaults);
  }
  return node;
}
