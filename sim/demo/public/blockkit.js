// Block Kit → DOM. Pure rendering: what happens on a click is the caller's `ctx` (see app.js `surfaceContext`).
//
// ctx: { userName(id), channelName(id), openChannel(id), getState(blockId, actionId), setState(blockId, actionId, v),
//        act(element, blockId, fields) → Promise, confirm(confirmObject) → Promise<boolean>, users, channels }
import { plainString, renderMrkdwn, renderText, emojify } from './mrkdwn.js';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderBlocks(blocks, ctx) {
  const root = el('div', 'blocks');
  for (const block of blocks ?? []) {
    const render = BLOCKS[block.type];
    const node = render ? render(block, ctx) : el('div', 'bk-unsupported', `[${block.type} block]`);
    node.dataset.blockId = block.block_id ?? '';
    root.append(node);
  }
  return root;
}

/** Legacy attachments: a colour bar around text/fields or blocks (alert cards sometimes use them for severity). */
export function renderAttachments(attachments, ctx) {
  const root = el('div', 'attachments');
  for (const a of attachments ?? []) {
    const box = el('div', 'attachment');
    box.style.setProperty('--bar', safeColor(a.color));
    if (a.pretext) box.append(renderMrkdwn(a.pretext, ctx));
    if (a.title) box.append(el('div', 'attachment-title', a.title));
    if (a.text) box.append(renderMrkdwn(a.text, ctx));
    if (a.blocks) box.append(renderBlocks(a.blocks, ctx));
    if (a.fields?.length) {
      const grid = el('div', 'fields');
      for (const f of a.fields) {
        const cell = el('div', 'field');
        cell.append(el('div', 'field-title', f.title ?? ''), renderMrkdwn(f.value ?? '', ctx));
        grid.append(cell);
      }
      box.append(grid);
    }
    if (a.footer) box.append(el('div', 'attachment-footer', a.footer));
    root.append(box);
  }
  return root;
}

const NAMED_COLORS = { good: '#2eb67d', warning: '#ecb22e', danger: '#e01e5a' };
function safeColor(color) {
  if (NAMED_COLORS[color]) return NAMED_COLORS[color];
  const hex = String(color ?? '').replace(/^#/, '');
  return /^[0-9a-f]{3}([0-9a-f]{3})?$/i.test(hex) ? `#${hex}` : '#4a4d52';
}

// ---------------------------------------------------------------- blocks

const BLOCKS = {
  header: (b) => el('h3', 'bk-header', emojify(b.text?.text ?? '')),
  divider: () => el('hr', 'bk-divider'),
  section: (b, ctx) => {
    const node = el('div', 'bk-section');
    const body = el('div', 'bk-section-body');
    if (b.text) body.append(renderText(b.text, ctx));
    if (b.fields?.length) {
      const grid = el('div', 'fields');
      for (const f of b.fields) {
        const cell = el('div', 'field');
        cell.append(renderText(f, ctx));
        grid.append(cell);
      }
      body.append(grid);
    }
    node.append(body);
    if (b.accessory) {
      const acc = el('div', 'bk-accessory');
      acc.append(element(b.accessory, b.block_id, ctx, true));
      node.append(acc);
    }
    return node;
  },
  context: (b, ctx) => {
    const node = el('div', 'bk-context');
    for (const item of b.elements ?? []) {
      node.append(item.type === 'image' ? imagePlaceholder(item, 'ctx-image') : renderText(item, ctx));
    }
    return node;
  },
  actions: (b, ctx) => {
    const node = el('div', 'bk-actions');
    for (const item of b.elements ?? []) node.append(element(item, b.block_id, ctx, true));
    return node;
  },
  input: (b, ctx) => {
    const node = el('div', 'bk-input');
    const label = el('label', 'bk-input-label', plainString(b.label));
    if (b.optional) label.append(el('span', 'optional', ' (optional)'));
    node.append(label, element(b.element, b.block_id, ctx, Boolean(b.dispatch_action)));
    if (b.hint) node.append(el('div', 'bk-hint', plainString(b.hint)));
    return node;
  },
  image: (b) => {
    const node = el('figure', 'bk-image');
    if (b.title) node.append(el('figcaption', '', plainString(b.title)));
    node.append(imagePlaceholder(b, 'image-box'));
    return node;
  },
  alert: (b, ctx) => {
    const node = el('div', `bk-alert level-${['info', 'warning', 'error', 'success'].includes(b.level) ? b.level : 'default'}`);
    node.append(renderText(b.text, ctx));
    return node;
  },
  markdown: (b, ctx) => renderMrkdwn(String(b.text ?? '').replace(/\*\*(.+?)\*\*/g, '*$1*'), ctx),
  rich_text: (b, ctx) => {
    const node = el('div', 'bk-rich');
    for (const part of b.elements ?? []) node.append(richPart(part, ctx));
    return node;
  },
  table: (b, ctx) => {
    const table = el('table', 'bk-table');
    for (const row of b.rows ?? []) {
      const tr = el('tr');
      for (const cell of row) {
        const td = el('td');
        td.append(cell.type === 'rich_text' ? BLOCKS.rich_text(cell, ctx) : document.createTextNode(cell.text ?? ''));
        tr.append(td);
      }
      table.append(tr);
    }
    return table;
  },
};

// Images would be fetched from the internet; the demo runs offline, so show the alt text instead.
function imagePlaceholder(img, className) {
  const node = el('span', className, '🖼');
  node.title = img.alt_text ?? '';
  return node;
}

function richPart(part, ctx) {
  switch (part.type) {
    case 'rich_text_list': {
      const list = el(part.style === 'ordered' ? 'ol' : 'ul');
      for (const item of part.elements ?? []) {
        const li = el('li');
        li.append(richPart(item, ctx));
        list.append(li);
      }
      return list;
    }
    case 'rich_text_preformatted':
      return el('pre', 'code-block', (part.elements ?? []).map((e) => e.text ?? '').join(''));
    case 'rich_text_quote': {
      const q = el('div', 'quote');
      q.append(...(part.elements ?? []).map((e) => richInline(e, ctx)));
      return q;
    }
    default: {
      const span = el('div');
      span.append(...(part.elements ?? []).map((e) => richInline(e, ctx)));
      return span;
    }
  }
}

function richInline(e, ctx) {
  let node;
  switch (e.type) {
    case 'link': {
      node = el('a', 'link', e.text ?? e.url);
      if (/^https?:/i.test(e.url ?? '')) node.href = e.url;
      node.target = '_blank';
      node.rel = 'noopener noreferrer';
      break;
    }
    case 'emoji':
      node = document.createTextNode(emojify(`:${e.name}:`));
      return node;
    case 'user':
      node = el('span', 'mention', `@${ctx.userName(e.user_id)}`);
      break;
    case 'channel':
      node = el('span', 'mention', `#${ctx.channelName(e.channel_id)}`);
      break;
    default:
      node = el('span', '', e.text ?? '');
  }
  const s = e.style ?? {};
  if (s.bold) node.style.fontWeight = '700';
  if (s.italic) node.style.fontStyle = 'italic';
  if (s.strike) node.style.textDecoration = 'line-through';
  if (s.code) node.classList.add('inline-code');
  return node;
}

// ---------------------------------------------------------------- elements

/**
 * One interactive element. `dispatch` says whether changes are sent to the app at once (messages, Home, modal
 * actions blocks) or only kept as state until the modal is submitted (input blocks).
 */
function element(e, blockId, ctx, dispatch) {
  const render = ELEMENTS[e.type];
  const node = render ? render(e, blockId, ctx, dispatch) : el('span', 'bk-unsupported', `[${e.type}]`);
  node.dataset.actionId = e.action_id ?? '';
  return node;
}

/** Runs the element's confirm dialog (if any), then sends the action. */
async function fire(e, blockId, ctx, fields) {
  if (e.confirm && !(await ctx.confirm(e.confirm))) return false;
  await ctx.act(e, blockId, fields);
  return true;
}

const ELEMENTS = {
  button: (e, blockId, ctx) => {
    const btn = el('button', `bk-btn ${e.style === 'primary' || e.style === 'danger' ? e.style : ''}`.trim(), emojify(plainString(e.text)));
    btn.type = 'button';
    btn.addEventListener('click', async () => {
      // Slack opens a URL button's link and still sends the action to the app.
      if (e.url && /^https?:/i.test(e.url)) window.open(e.url, '_blank', 'noopener');
      btn.classList.add('busy');
      try {
        await fire(e, blockId, ctx, { value: e.value });
      } finally {
        btn.classList.remove('busy');
      }
    });
    return btn;
  },

  overflow: (e, blockId, ctx) => {
    const btn = el('button', 'bk-btn bk-overflow', '⋯');
    btn.type = 'button';
    btn.setAttribute('aria-label', 'More actions');
    btn.addEventListener('click', () => {
      openMenu(btn, e.options ?? [], [], false, (chosen) => {
        if (chosen.length) fire(e, blockId, ctx, { selected_option: chosen[0] });
      });
    });
    return btn;
  },

  checkboxes: (e, blockId, ctx, dispatch) => choiceList(e, blockId, ctx, dispatch, 'checkbox'),
  radio_buttons: (e, blockId, ctx, dispatch) => choiceList(e, blockId, ctx, dispatch, 'radio'),

  static_select: (e, blockId, ctx, dispatch) => select(e, blockId, ctx, dispatch, optionsOf(e), false),
  multi_static_select: (e, blockId, ctx, dispatch) => select(e, blockId, ctx, dispatch, optionsOf(e), true),
  external_select: (e, blockId, ctx, dispatch) => externalSelect(e, blockId, ctx, dispatch, false),
  multi_external_select: (e, blockId, ctx, dispatch) => externalSelect(e, blockId, ctx, dispatch, true),
  users_select: (e, blockId, ctx, dispatch) => directorySelect(e, blockId, ctx, dispatch, 'user', false),
  multi_users_select: (e, blockId, ctx, dispatch) => directorySelect(e, blockId, ctx, dispatch, 'user', true),
  conversations_select: (e, blockId, ctx, dispatch) => directorySelect(e, blockId, ctx, dispatch, 'conversation', false),
  multi_conversations_select: (e, blockId, ctx, dispatch) => directorySelect(e, blockId, ctx, dispatch, 'conversation', true),
  channels_select: (e, blockId, ctx, dispatch) => directorySelect(e, blockId, ctx, dispatch, 'channel', false),
  multi_channels_select: (e, blockId, ctx, dispatch) => directorySelect(e, blockId, ctx, dispatch, 'channel', true),

  plain_text_input: (e, blockId, ctx) => textInput(e, blockId, ctx, e.multiline ? 'textarea' : 'text'),
  email_text_input: (e, blockId, ctx) => textInput(e, blockId, ctx, 'email'),
  url_text_input: (e, blockId, ctx) => textInput(e, blockId, ctx, 'url'),
  number_input: (e, blockId, ctx) => textInput(e, blockId, ctx, 'number'),
  datepicker: (e, blockId, ctx, dispatch) => nativePicker(e, blockId, ctx, dispatch, 'date', 'selected_date', e.initial_date),
  timepicker: (e, blockId, ctx, dispatch) => nativePicker(e, blockId, ctx, dispatch, 'time', 'selected_time', e.initial_time),
  image: (e) => imagePlaceholder(e, 'acc-image'),
};

function optionsOf(e) {
  if (e.option_groups) return e.option_groups.flatMap((g) => [{ group: plainString(g.label) }, ...(g.options ?? [])]);
  return e.options ?? [];
}

function choiceList(e, blockId, ctx, dispatch, kind) {
  const multi = kind === 'checkbox';
  const current = ctx.getState(blockId, e.action_id);
  const initial = multi ? (e.initial_options ?? []) : e.initial_option ? [e.initial_option] : [];
  const selected = new Set((current ? (multi ? current.selected_options : [current.selected_option].filter(Boolean)) : initial).map((o) => o.value));
  const box = el('div', `bk-choices ${kind}`);
  const name = `${blockId}:${e.action_id}:${Math.random().toString(36).slice(2)}`;
  for (const opt of e.options ?? []) {
    const row = el('label', 'bk-choice');
    const input = el('input');
    input.type = kind;
    input.name = name;
    input.value = opt.value;
    input.checked = selected.has(opt.value);
    const text = el('span', 'bk-choice-text');
    text.append(renderText(opt.text, ctx));
    if (opt.description) text.append(el('div', 'bk-choice-desc', plainString(opt.description)));
    row.append(input, text);
    input.addEventListener('change', () => {
      const chosen = [...box.querySelectorAll('input')].filter((i) => i.checked).map((i) => (e.options ?? []).find((o) => o.value === i.value));
      const value = multi ? { type: e.type, selected_options: chosen } : { type: e.type, selected_option: chosen[0] ?? null };
      ctx.setState(blockId, e.action_id, value);
      if (dispatch) fire(e, blockId, ctx, multi ? { selected_options: chosen } : { selected_option: chosen[0] });
    });
    box.append(row);
  }
  return box;
}

/**
 * A Slack-style select: a field showing the choice (pills when multi) that opens a filterable menu. With `load`, the
 * menu asks for its options as the user types instead of filtering a fixed list.
 */
function select(e, blockId, ctx, dispatch, options, multi, load) {
  const current = ctx.getState(blockId, e.action_id);
  let chosen = current
    ? multi ? current.selected_options ?? [] : [current.selected_option].filter(Boolean)
    : multi ? e.initial_options ?? [] : [e.initial_option].filter(Boolean);
  const field = el('div', `bk-select${multi ? ' multi' : ''}`);
  field.tabIndex = 0;
  field.setAttribute('role', 'combobox');

  const draw = () => {
    field.replaceChildren();
    if (!chosen.length) field.append(el('span', 'placeholder', plainString(e.placeholder) || 'Select an item'));
    else if (!multi) field.append(el('span', 'value', plainString(chosen[0].text)));
    else for (const o of chosen) field.append(el('span', 'pill', plainString(o.text)));
    field.append(el('span', 'caret', '▾'));
  };
  draw();

  const commit = (next) => {
    const before = chosen.map((o) => o.value).join('\n');
    chosen = next;
    draw();
    if (before === chosen.map((o) => o.value).join('\n')) return;
    const state = multi ? { type: e.type, selected_options: chosen } : { type: e.type, selected_option: chosen[0] ?? null };
    ctx.setState(blockId, e.action_id, state);
    if (dispatch) fire(e, blockId, ctx, multi ? { selected_options: chosen } : { selected_option: chosen[0] });
  };
  const open = () => openMenu(field, options, chosen, multi, commit, e.max_selected_items, load);
  field.addEventListener('click', open);
  field.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ' || ev.key === 'ArrowDown') {
      ev.preventDefault();
      open();
    }
  });
  return field;
}

/** External selects: as the user types, Slack asks the app for options (block_suggestion); so does the page. */
function externalSelect(e, blockId, ctx, dispatch, multi) {
  const min = Number.isInteger(e.min_query_length) ? e.min_query_length : 3;
  const load = async (query) => {
    if (query.length < min) return { options: [], hint: `Type ${min - query.length} more character${min - query.length === 1 ? '' : 's'} to search` };
    try {
      const options = await ctx.suggest(e, blockId, query);
      return { options, hint: options.length ? '' : 'No matches' };
    } catch (err) {
      return { options: [], hint: `No options: ${err.message}` };
    }
  };
  return select(e, blockId, ctx, dispatch, [], multi, load);
}

/** users/conversations/channels selects: the options come from the workspace directory. */
function directorySelect(e, blockId, ctx, dispatch, kind, multi) {
  const entries = kind === 'user' ? ctx.users.map((u) => ({ text: { type: 'plain_text', text: u.real_name }, value: u.id })) : ctx.channels.map((c) => ({ text: { type: 'plain_text', text: `#${c.name}` }, value: c.id }));
  const field = multi ? `selected_${kind}s` : `selected_${kind}`;
  const initialIds = [].concat(e[multi ? `initial_${kind}s` : `initial_${kind}`] ?? []);
  const state = ctx.getState(blockId, e.action_id);
  const ids = state ? [].concat(state[field] ?? []) : initialIds;
  // Map through the option-based select, translating between ids and options at the edges.
  const proxy = {
    ...e,
    initial_options: entries.filter((o) => ids.includes(o.value)),
    initial_option: entries.find((o) => ids.includes(o.value)),
  };
  const proxyCtx = {
    ...ctx,
    getState: () => undefined,
    setState: (b, a, v) => {
      const chosen = multi ? v.selected_options.map((o) => o.value) : (v.selected_option?.value ?? null);
      ctx.setState(b, a, { type: e.type, [field]: chosen });
    },
    act: (_el, b, fields) => {
      const chosen = multi ? fields.selected_options.map((o) => o.value) : fields.selected_option?.value;
      return ctx.act(e, b, { [field]: chosen });
    },
  };
  return select(proxy, blockId, proxyCtx, dispatch, entries, multi);
}

function textInput(e, blockId, ctx, kind) {
  const input = kind === 'textarea' ? el('textarea', 'bk-text') : el('input', 'bk-text');
  if (kind !== 'textarea') input.type = kind;
  input.placeholder = plainString(e.placeholder);
  const state = ctx.getState(blockId, e.action_id);
  input.value = state?.value ?? e.initial_value ?? '';
  if (e.max_length) input.maxLength = e.max_length;
  input.addEventListener('input', () => ctx.setState(blockId, e.action_id, { type: e.type, value: input.value }));
  return input;
}

function nativePicker(e, blockId, ctx, dispatch, kind, field, initial) {
  const input = el('input', 'bk-text bk-picker');
  input.type = kind;
  input.value = ctx.getState(blockId, e.action_id)?.[field] ?? initial ?? '';
  input.addEventListener('change', () => {
    ctx.setState(blockId, e.action_id, { type: e.type, [field]: input.value });
    if (dispatch) fire(e, blockId, ctx, { [field]: input.value });
  });
  return input;
}

// ---------------------------------------------------------------- menus

let closeOpenMenu = null;

/**
 * A floating option menu anchored to `anchor`. Single choice closes on pick; multi choice toggles and reports the
 * whole selection when the menu closes (that is when Slack sends the action). `load(query)` → {options, hint}
 * replaces local filtering for external selects.
 */
function openMenu(anchor, options, chosen, multi, onClose, maxSelected, load) {
  closeOpenMenu?.();
  const selected = new Map(chosen.map((o) => [o.value, o]));
  const menu = el('div', 'bk-menu');
  menu.setAttribute('role', 'listbox');
  const filter = el('input', 'bk-menu-filter');
  filter.placeholder = 'Search';
  const list = el('div', 'bk-menu-list');
  const offersFilter = Boolean(load) || options.length > 7;
  if (load) filter.placeholder = 'Type to search';
  let hint = '';
  if (offersFilter) menu.append(filter);
  menu.append(list);

  const drawList = () => {
    list.replaceChildren();
    if (hint) list.append(el('div', 'bk-menu-group', hint));
    const q = load ? '' : filter.value.trim().toLowerCase();
    for (const opt of options) {
      if (opt.group) {
        if (!q) list.append(el('div', 'bk-menu-group', opt.group));
        continue;
      }
      const label = plainString(opt.text);
      if (q && !label.toLowerCase().includes(q)) continue;
      const row = el('div', `bk-menu-item${selected.has(opt.value) ? ' selected' : ''}`);
      row.setAttribute('role', 'option');
      row.setAttribute('aria-selected', String(selected.has(opt.value)));
      row.dataset.value = opt.value;
      row.append(el('span', 'check', multi ? (selected.has(opt.value) ? '☑' : '☐') : ''), el('span', 'label', label));
      if (opt.description) row.append(el('span', 'desc', plainString(opt.description)));
      row.addEventListener('mousedown', (ev) => ev.preventDefault());
      row.addEventListener('click', () => {
        if (!multi) {
          selected.clear();
          selected.set(opt.value, opt);
          close();
          return;
        }
        if (selected.has(opt.value)) selected.delete(opt.value);
        else if (!maxSelected || selected.size < maxSelected) selected.set(opt.value, opt);
        drawList();
      });
      list.append(row);
    }
  };
  // Answers can arrive out of order while typing; only the latest query's options are shown.
  let asked = 0;
  let timer;
  const reload = async () => {
    const mine = ++asked;
    const result = await load(filter.value);
    if (mine !== asked || !menu.isConnected) return;
    options = result.options;
    hint = result.hint;
    drawList();
  };
  drawList();
  if (load) {
    reload();
    filter.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 150);
    });
  } else filter.addEventListener('input', drawList);

  const place = () => {
    const r = anchor.getBoundingClientRect();
    menu.style.minWidth = `${Math.max(r.width, 220)}px`;
    menu.style.left = `${Math.min(r.left, window.innerWidth - 300)}px`;
    const below = window.innerHeight - r.bottom;
    if (below < 260 && r.top > below) menu.style.bottom = `${window.innerHeight - r.top + 4}px`;
    else menu.style.top = `${r.bottom + 4}px`;
  };
  document.body.append(menu);
  place();
  if (offersFilter) filter.focus();

  const outside = (ev) => {
    if (!menu.contains(ev.target) && !anchor.contains(ev.target)) close();
  };
  const key = (ev) => {
    if (ev.key === 'Escape') close();
  };
  function close() {
    closeOpenMenu = null;
    menu.remove();
    document.removeEventListener('mousedown', outside, true);
    document.removeEventListener('keydown', key, true);
    clearTimeout(timer);
    // Keep the option order the element offers, as Slack does (for external selects: the order they were picked).
    const ordered = load ? [...selected.values()] : options.filter((o) => !o.group && selected.has(o.value)).map((o) => selected.get(o.value));
    onClose(ordered);
  }
  closeOpenMenu = close;
  setTimeout(() => {
    document.addEventListener('mousedown', outside, true);
    document.addEventListener('keydown', key, true);
  });
}

/** Closes any open menu (e.g. before the surface it belongs to is re-rendered). */
export function closeMenus() {
  closeOpenMenu?.();
}
