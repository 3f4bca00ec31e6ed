import fc from 'fast-check';
import { BLOCK_KIT_LIMITS, validateBlocks, validateView } from '../../sim/slack/blockkit';

const pt = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const opt = (i: number, text = `Option ${i}`) => ({ text: pt(text), value: `v${i}` });
const opts = (n: number) => Array.from({ length: n }, (_, i) => opt(i));
const section = (text: string) => ({ type: 'section', text: md(text) });
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const button = (action_id: string, extra: Record<string, unknown> = {}) => ({ type: 'button', action_id, text: pt('Go'), ...extra });
const dividers = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));

describe('validateBlocks: a realistic alert message is accepted', () => {
  it('accepts every common block and element', () => {
    const blocks = [
      { type: 'header', text: pt('Suspicious sign-in') },
      { type: 'section', block_id: 's1', text: md('*High*'), fields: [md('*Sub*'), md('prod')], accessory: { type: 'overflow', action_id: 'more', options: opts(3) } },
      { type: 'context', elements: [md('first seen'), { type: 'image', image_url: 'https://x/y.png', alt_text: 'icon' }] },
      { type: 'divider' },
      { type: 'image', image_url: 'https://x/graph.png', alt_text: 'graph', title: pt('Graph') },
      actions(
        button('ack', { value: 'a1', style: 'primary', confirm: { title: pt('Sure?'), text: md('Really'), confirm: pt('Yes'), deny: pt('No') } }),
        { type: 'static_select', action_id: 'snooze', placeholder: pt('Snooze'), options: opts(5), initial_option: opt(2) },
        { type: 'multi_static_select', action_id: 'subs', option_groups: [{ label: pt('Prod'), options: opts(3) }], max_selected_items: 2 },
        { type: 'checkboxes', action_id: 'cb', options: opts(10), initial_options: [opt(0)] },
        { type: 'radio_buttons', action_id: 'rb', options: opts(2) },
        { type: 'users_select', action_id: 'assignee', placeholder: pt('Assign') },
        { type: 'datepicker', action_id: 'until', initial_date: '2025-01-31' },
        { type: 'button', action_id: 'open', text: pt('Open in portal'), url: 'https://portal.azure.com' },
      ),
      { type: 'input', label: pt('Comment'), element: { type: 'plain_text_input', action_id: 'c', multiline: true, max_length: 500 } },
      { type: 'rich_text', elements: [] },
    ];
    expect(validateBlocks(blocks, 'message')).toEqual([]);
  });
});

describe('validateBlocks: counts per surface', () => {
  it.each([
    ['message', 50],
    ['modal', 100],
    ['home', 100],
  ] as const)('%s allows %i blocks, not one more', (surface, max) => {
    expect(validateBlocks(dividers(max), surface)).toEqual([]);
    expect(validateBlocks(dividers(max + 1), surface)).toEqual([`no more than ${max} items allowed [json-pointer:/blocks]`]);
  });

  it('rejects non-arrays and non-block items', () => {
    expect(validateBlocks({}, 'message')).toEqual(['must be an array [json-pointer:/blocks]']);
    expect(validateBlocks([{ text: 'no type' }], 'message')).toEqual(['failed to match all allowed schemas [json-pointer:/blocks/0]']);
  });

  it('rejects unknown block types and blocks not allowed on the surface', () => {
    expect(validateBlocks([{ type: 'carousel_of_doom' }], 'message')[0]).toMatch(/not supported in messages/);
    expect(validateBlocks([{ type: 'file', source: 'remote', external_id: 'x' }], 'modal')[0]).toMatch(/not supported in modal views/);
    expect(validateBlocks([{ type: 'markdown', text: '**hi**' }], 'home')[0]).toMatch(/not supported in home views/);
    expect(validateBlocks([{ type: 'markdown', text: '**hi**' }], 'message')).toEqual([]);
  });
});

describe('validateBlocks: ids', () => {
  it('limits block_id and action_id to 255 characters', () => {
    expect(validateBlocks([{ type: 'divider', block_id: 'b'.repeat(255) }], 'message')).toEqual([]);
    expect(validateBlocks([{ type: 'divider', block_id: 'b'.repeat(256) }], 'message')).toEqual(['must be less than 256 characters [json-pointer:/blocks/0/block_id]']);
    expect(validateBlocks([actions(button('a'.repeat(256)))], 'message')).toEqual(['must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]']);
  });

  it('requires unique block_ids across the payload and unique action_ids within a block', () => {
    const dupBlocks = validateBlocks([{ type: 'divider', block_id: 'x' }, { type: 'divider', block_id: 'x' }], 'message');
    expect(dupBlocks).toEqual(['duplicate block_id "x" (first used at /blocks/0) [json-pointer:/blocks/1/block_id]']);
    expect(validateBlocks([actions(button('go'), button('go'))], 'message')).toEqual(['duplicate action_id "go" within the block [json-pointer:/blocks/0/elements/1/action_id]']);
    // The same action_id in different blocks is fine.
    expect(validateBlocks([actions(button('go')), actions(button('go'))], 'message')).toEqual([]);
  });
});

describe('validateBlocks: section, header, context', () => {
  it('section text is 1–3000 characters of a text object', () => {
    expect(validateBlocks([section('x'.repeat(3000))], 'message')).toEqual([]);
    expect(validateBlocks([section('x'.repeat(3001))], 'message')).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    expect(validateBlocks([section('')], 'message')).toEqual(['must be more than 0 characters [json-pointer:/blocks/0/text/text]']);
    expect(validateBlocks([{ type: 'section', text: 'raw string' }], 'message')[0]).toMatch(/must be a text object/);
    expect(validateBlocks([{ type: 'section' }], 'message')).toEqual(['must provide either text or fields [json-pointer:/blocks/0]']);
  });

  it('fields: at most 10, each at most 2000 characters', () => {
    const fields = (n: number, len = 5) => Array.from({ length: n }, () => md('f'.repeat(len)));
    expect(validateBlocks([{ type: 'section', fields: fields(10) }], 'message')).toEqual([]);
    expect(validateBlocks([{ type: 'section', fields: fields(11) }], 'message')).toEqual(['no more than 10 items allowed [json-pointer:/blocks/0/fields]']);
    expect(validateBlocks([{ type: 'section', fields: [md('x'.repeat(2001))] }], 'message')).toEqual(['must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]']);
  });

  it('section accessories must be elements a section can hold', () => {
    expect(validateBlocks([{ type: 'section', text: md('x'), accessory: { type: 'plain_text_input', action_id: 'a' } }], 'message')[0]).toMatch(/not allowed here/);
  });

  it('header is plain_text of at most 150 characters', () => {
    expect(validateBlocks([{ type: 'header', text: pt('h'.repeat(150)) }], 'message')).toEqual([]);
    expect(validateBlocks([{ type: 'header', text: pt('h'.repeat(151)) }], 'message')).toEqual(['must be less than 151 characters [json-pointer:/blocks/0/text/text]']);
    expect(validateBlocks([{ type: 'header', text: md('h') }], 'message')).toEqual(['must be a text object of type "plain_text" [json-pointer:/blocks/0/text]']);
  });

  it('context holds 1–10 elements', () => {
    const ctx = (n: number) => ({ type: 'context', elements: Array.from({ length: n }, () => md('c')) });
    expect(validateBlocks([ctx(10)], 'message')).toEqual([]);
    expect(validateBlocks([ctx(11)], 'message')).toEqual(['no more than 10 items allowed [json-pointer:/blocks/0/elements]']);
    expect(validateBlocks([ctx(0)], 'message')).toEqual(['must provide at least 1 item [json-pointer:/blocks/0/elements]']);
  });
});

describe('validateBlocks: actions and elements', () => {
  it('actions holds 1–25 elements of allowed types', () => {
    const many = (n: number) => actions(...Array.from({ length: n }, (_, i) => button(`b${i}`)));
    expect(validateBlocks([many(25)], 'message')).toEqual([]);
    expect(validateBlocks([many(26)], 'message')).toEqual(['no more than 25 items allowed [json-pointer:/blocks/0/elements]']);
    expect(validateBlocks([actions({ type: 'plain_text_input', action_id: 'x' })], 'message')[0]).toMatch(/element type "plain_text_input" is not allowed here/);
  });

  it('button: text ≤ 75, value ≤ 2000, url ≤ 3000, style primary|danger', () => {
    expect(validateBlocks([actions(button('a', { text: pt('b'.repeat(75)) }))], 'message')).toEqual([]);
    expect(validateBlocks([actions(button('a', { text: pt('b'.repeat(76)) }))], 'message')).toEqual(['must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]']);
    expect(validateBlocks([actions(button('a', { value: 'v'.repeat(2001) }))], 'message')).toEqual(['must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]']);
    expect(validateBlocks([actions(button('a', { url: `https://${'u'.repeat(2993)}` }))], 'message')).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/elements/0/url]']);
    expect(validateBlocks([actions(button('a', { style: 'secondary' }))], 'message')).toEqual(['must be one of "primary", "danger" [json-pointer:/blocks/0/elements/0/style]']);
    expect(validateBlocks([actions(button('a', { text: md('Go') }))], 'message')[0]).toMatch(/plain_text/);
  });

  it('checkboxes and radio buttons take at most 10 options', () => {
    for (const type of ['checkboxes', 'radio_buttons']) {
      expect(validateBlocks([actions({ type, action_id: 'x', options: opts(10) })], 'message')).toEqual([]);
      expect(validateBlocks([actions({ type, action_id: 'x', options: opts(11) })], 'message')).toEqual(['no more than 10 items allowed [json-pointer:/blocks/0/elements/0/options]']);
    }
  });

  it('static selects take at most 100 options or 100 option groups, not both', () => {
    const sel = (extra: Record<string, unknown>) => actions({ type: 'static_select', action_id: 's', placeholder: pt('Pick'), ...extra });
    expect(validateBlocks([sel({ options: opts(100) })], 'message')).toEqual([]);
    expect(validateBlocks([sel({ options: opts(101) })], 'message')).toEqual(['no more than 100 items allowed [json-pointer:/blocks/0/elements/0/options]']);
    expect(validateBlocks([sel({ option_groups: Array.from({ length: 101 }, () => ({ label: pt('g'), options: opts(1) })) })], 'message')).toEqual([
      'no more than 100 items allowed [json-pointer:/blocks/0/elements/0/option_groups]',
    ]);
    expect(validateBlocks([sel({ options: opts(1), option_groups: [] })], 'message')).toEqual(['must provide exactly one of options or option_groups [json-pointer:/blocks/0/elements/0]']);
    expect(validateBlocks([sel({ options: opts(2), initial_option: opt(7) })], 'message')).toEqual(['must match one of the provided options [json-pointer:/blocks/0/elements/0/initial_option]']);
    expect(validateBlocks([sel({ options: opts(2), placeholder: pt('p'.repeat(151)) })], 'message')).toEqual(['must be less than 151 characters [json-pointer:/blocks/0/elements/0/placeholder/text]']);
  });

  it('options: text ≤ 75, value ≤ 150, description ≤ 75', () => {
    const one = (o: unknown) => [actions({ type: 'radio_buttons', action_id: 'r', options: [o] })];
    expect(validateBlocks(one({ text: pt('t'.repeat(76)), value: 'v' }), 'message')).toEqual(['must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]']);
    expect(validateBlocks(one({ text: pt('t'), value: 'v'.repeat(151) }), 'message')).toEqual(['must be less than 151 characters [json-pointer:/blocks/0/elements/0/options/0/value]']);
    expect(validateBlocks(one({ text: pt('t'), value: 'v', description: pt('d'.repeat(76)) }), 'message')).toEqual([
      'must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/description/text]',
    ]);
    expect(validateBlocks(one({ text: pt('t') }), 'message')).toEqual(['missing required field: value [json-pointer:/blocks/0/elements/0/options/0]']);
  });

  it('overflow takes 2–5 options', () => {
    const ov = (n: number) => [actions({ type: 'overflow', action_id: 'o', options: opts(n) })];
    expect(validateBlocks(ov(2), 'message')).toEqual([]);
    expect(validateBlocks(ov(5), 'message')).toEqual([]);
    expect(validateBlocks(ov(1), 'message')).toEqual(['must provide at least 2 items [json-pointer:/blocks/0/elements/0/options]']);
    expect(validateBlocks(ov(6), 'message')).toEqual(['no more than 5 items allowed [json-pointer:/blocks/0/elements/0/options]']);
  });

  it('confirm dialogs: title ≤ 100, text ≤ 300, buttons ≤ 30, all required', () => {
    const withConfirm = (confirm: unknown) => [actions(button('a', { confirm }))];
    const good = { title: pt('t'), text: md('x'), confirm: pt('Yes'), deny: pt('No') };
    expect(validateBlocks(withConfirm(good), 'message')).toEqual([]);
    expect(validateBlocks(withConfirm({ ...good, title: pt('t'.repeat(101)) }), 'message')).toEqual(['must be less than 101 characters [json-pointer:/blocks/0/elements/0/confirm/title/text]']);
    expect(validateBlocks(withConfirm({ ...good, text: md('x'.repeat(301)) }), 'message')).toEqual(['must be less than 301 characters [json-pointer:/blocks/0/elements/0/confirm/text/text]']);
    expect(validateBlocks(withConfirm({ ...good, confirm: pt('y'.repeat(31)) }), 'message')).toEqual(['must be less than 31 characters [json-pointer:/blocks/0/elements/0/confirm/confirm/text]']);
    expect(validateBlocks(withConfirm({ ...good, deny: undefined }), 'message')).toEqual(['missing required field: deny [json-pointer:/blocks/0/elements/0/confirm]']);
  });

  it('input blocks need a label and an input element', () => {
    expect(validateBlocks([{ type: 'input', element: { type: 'plain_text_input', action_id: 'x' } }], 'modal')).toEqual(['missing required field: label [json-pointer:/blocks/0]']);
    expect(validateBlocks([{ type: 'input', label: pt('L'), element: button('x') }], 'modal')[0]).toMatch(/element type "button" is not allowed here/);
    expect(validateBlocks([{ type: 'input', label: pt('L'), element: { type: 'plain_text_input', action_id: 'x', max_length: 3001 } }], 'modal')).toEqual([
      'must be an integer between 0 and 3000 [json-pointer:/blocks/0/element/max_length]',
    ]);
  });

  it('images need alt text', () => {
    expect(validateBlocks([{ type: 'image', image_url: 'https://x' }], 'message')).toEqual(['missing required field: alt_text [json-pointer:/blocks/0]']);
  });

  it('reports every problem, not just the first', () => {
    const problems = validateBlocks([section('x'.repeat(3001)), { type: 'header', text: pt('h'.repeat(151)) }, actions()], 'message');
    expect(problems).toHaveLength(3);
  });
});

describe('validateBlocks: properties', () => {
  it('section text is valid exactly when 1 ≤ length ≤ 3000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3100 }), (n) => {
        const ok = validateBlocks([section('a'.repeat(n))], 'message').length === 0;
        return ok === (n >= 1 && n <= BLOCK_KIT_LIMITS.sectionText);
      }),
    );
  });

  it('a message of n dividers is valid exactly when n ≤ 50', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 120 }), (n) => (validateBlocks(dividers(n), 'message').length === 0) === n <= 50));
  });
});

describe('validateView', () => {
  const modal = (extra: Record<string, unknown> = {}) => ({ type: 'modal', title: pt('Close alert'), blocks: [section('x')], ...extra });

  it('accepts a valid modal and home tab', () => {
    expect(validateView(modal({ submit: pt('Save'), close: pt('Cancel'), callback_id: 'cb', private_metadata: '{}' }))).toEqual([]);
    expect(validateView({ type: 'home', blocks: dividers(100) })).toEqual([]);
  });

  it('limits title, submit and close to 24 characters', () => {
    expect(validateView(modal({ title: pt('t'.repeat(25)) }))).toEqual(['must be less than 25 characters [json-pointer:/view/title/text]']);
    expect(validateView(modal({ submit: pt('s'.repeat(25)) }))).toEqual(['must be less than 25 characters [json-pointer:/view/submit/text]']);
    expect(validateView(modal({ close: pt('c'.repeat(25)) }))).toEqual(['must be less than 25 characters [json-pointer:/view/close/text]']);
    expect(validateView(modal({ title: undefined }))).toEqual(['missing required field: title [json-pointer:/view]']);
  });

  it('requires submit when there are input blocks', () => {
    const input = { type: 'input', label: pt('L'), element: { type: 'plain_text_input', action_id: 'x' } };
    expect(validateView(modal({ blocks: [input] }))).toEqual(['submit is required when the view contains input blocks [json-pointer:/view/submit]']);
    expect(validateView(modal({ blocks: [input], submit: pt('OK') }))).toEqual([]);
  });

  it('limits private_metadata, callback_id, external_id and block count', () => {
    expect(validateView(modal({ private_metadata: 'm'.repeat(3001) }))).toEqual(['must be less than 3001 characters [json-pointer:/view/private_metadata]']);
    expect(validateView(modal({ callback_id: 'c'.repeat(256) }))).toEqual(['must be less than 256 characters [json-pointer:/view/callback_id]']);
    expect(validateView(modal({ external_id: 'e'.repeat(256) }))).toEqual(['must be less than 256 characters [json-pointer:/view/external_id]']);
    expect(validateView(modal({ blocks: dividers(101) }))).toEqual(['no more than 100 items allowed [json-pointer:/view/blocks]']);
  });

  it('rejects unknown view types', () => {
    expect(validateView({ type: 'workflow_step', blocks: [] })).toEqual(['must be one of "modal", "home" [json-pointer:/view/type]']);
  });
});
