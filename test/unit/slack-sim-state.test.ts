import { IdFactory } from '../../sim/slack/ids';
import { normalizeBlocks } from '../../sim/slack/normalize';
import { interact, pruneState, stateValues, submittedValue } from '../../sim/slack/state';

const pt = (text: string) => ({ type: 'plain_text', text });
const option = (v: string) => ({ text: pt(v), value: v });
const checkboxes = { type: 'checkboxes', action_id: 'subs', options: [option('a'), option('b')], initial_options: [option('a')] };
const select = { type: 'static_select', action_id: 'sev', options: [option('high'), option('low')] };
const blocks = [
  { type: 'actions', block_id: 'b1', elements: [checkboxes, select, { type: 'button', action_id: 'go', text: pt('Go'), value: 'x' }] },
  { type: 'input', block_id: 'b2', label: pt('Note'), element: { type: 'plain_text_input', action_id: 'note' } },
];

describe('state.values', () => {
  it('lists every stateful element with its initial value, skipping buttons', () => {
    expect(stateValues(blocks)).toEqual({
      b1: { subs: { type: 'checkboxes', selected_options: [option('a')] }, sev: { type: 'static_select', selected_option: null } },
      b2: { note: { type: 'plain_text_input', value: null } },
    });
  });

  it('overlays a user change and keeps it only while block_id/action_id survive a re-render', () => {
    const changed = { b1: { sev: { type: 'static_select', selected_option: option('low') } } };
    expect(stateValues(blocks, changed).b1.sev.selected_option).toEqual(option('low'));
    expect(pruneState(blocks, changed)).toEqual(changed);
    const rerendered = [{ ...blocks[0], block_id: 'b1-v2' }];
    expect(pruneState(rerendered, changed)).toEqual({});
  });

  it('interact() builds the action fields and new state, refusing options the element does not offer', () => {
    expect(interact(checkboxes, { selected_options: ['b'] })).toEqual({
      fields: { selected_options: [option('b')] },
      state: { type: 'checkboxes', selected_options: [option('b')] },
    });
    expect(interact(select, { selected_option: 'high' }).fields).toEqual({ selected_option: option('high') });
    expect(() => interact(select, { selected_option: 'critical' })).toThrow(/not offered/);
    expect(interact({ type: 'button', action_id: 'go', text: pt('Go'), value: 'x' }, {})).toEqual({ fields: { text: pt('Go'), value: 'x' } });
    expect(interact({ type: 'users_select', action_id: 'u' }, { selected_user: 'U1' }).state).toEqual({ type: 'users_select', selected_user: 'U1' });
  });

  it('submittedValue() accepts shorthand values for modal inputs', () => {
    expect(submittedValue({ type: 'plain_text_input', action_id: 'n' }, 'hello')).toEqual({ type: 'plain_text_input', value: 'hello' });
    expect(submittedValue(select, 'low')).toEqual({ type: 'static_select', selected_option: option('low') });
    expect(submittedValue(checkboxes, ['a', 'b']).selected_options).toHaveLength(2);
    expect(submittedValue({ type: 'datepicker', action_id: 'd' }, { selected_date: '2025-01-01' })).toEqual({ type: 'datepicker', selected_date: '2025-01-01' });
  });
});

describe('normalizeBlocks', () => {
  it('fills in block_id / action_id and plain_text emoji like Slack stores them', () => {
    const [b] = normalizeBlocks([{ type: 'actions', elements: [{ type: 'button', text: pt('Go') }] }], new IdFactory()) ?? [];
    expect(typeof b.block_id).toBe('string');
    expect(typeof b.elements[0].action_id).toBe('string');
    expect(b.elements[0].text).toEqual({ type: 'plain_text', text: 'Go', emoji: true });
  });
});
