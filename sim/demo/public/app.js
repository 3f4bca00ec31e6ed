// The demo workspace page: sidebar, channel pane, composer, modals and App Home over the Slack simulator's control API.
// Everything a user does goes through the simulator, which signs it and delivers it to the bot exactly as Slack would.
import { closeMenus, renderAttachments, renderBlocks } from './blockkit.js';
import { emojify, plainString, renderMrkdwn } from './mrkdwn.js';
import { Workspace } from './store.js';

const ws = new Workspace();
const ui = {
  user: localStorage.getItem('demo.user') ?? 'U_ADMIN',
  /** A channel id, or 'home' for the App Home tab. */
  place: null,
  info: { hint: '', topics: {}, defaultChannel: 'C_OPS', users: ['U_ADMIN', 'U_ANALYST'] },
  /** Client-side input state, as the Slack client keeps it: `${user}|${surface}|${block}|${action}` → state entry. */
  inputs: new Map(),
  expanded: new Set(),
  /** Messages in the open channel at the last redraw: more while scrolled up shows the "New messages" pill. */
  shownCount: 0,
  unread: new Map(),
  /** ts → { rev, user, node } so unchanged messages keep their DOM (and any open menu) across redraws. */
  rendered: new Map(),
  /** view id → field errors from `response_action: errors`. */
  viewErrors: new Map(),
};

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---------------------------------------------------------------- simulator API

async function call(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? `${res.status} ${res.statusText}`);
  return json;
}

/** Slack shows a small error when the app does not answer a delivery properly; so do we. */
function reportDelivery(result, what) {
  if (!result || result.delivered === false) return;
  if (result.timedOut) toast(`${what}: the app did not respond in time (operation_timeout)`);
  else if (result.status !== 200) toast(`${what}: the app responded with status ${result.status || 'unreachable'}`);
}

function toast(text) {
  const t = el('div', 'toast', text);
  $('toasts').append(t);
  setTimeout(() => t.remove(), 6000);
}

// ---------------------------------------------------------------- surfaces (what blockkit.js calls back into)

function surfaceContext(surface) {
  const key = (blockId, actionId) => `${ui.user}|${surface.key}|${blockId}|${actionId}`;
  return {
    users: [...ws.users.values()].filter((u) => !u.deleted),
    channels: [...ws.channels.values()].filter((c) => !c.is_im),
    userName: (id) => ws.userName(id),
    channelName: (id) => ws.channelName(id),
    openChannel: (id) => ws.channels.has(id) && go(id),
    getState: (blockId, actionId) => ui.inputs.get(key(blockId, actionId)),
    setState: (blockId, actionId, value) => ui.inputs.set(key(blockId, actionId), value),
    confirm: confirmDialog,
    suggest: async (element, blockId, value) => {
      const result = await call('POST', '/_sim/suggest', { user: ui.user, ...surface.target, action_id: element.action_id, block_id: blockId, value });
      if (result.problems?.length) throw new Error(result.problems[0]);
      return result.options ?? [];
    },
    act: async (element, blockId, fields) => {
      try {
        const result = await call('POST', '/_sim/action', { user: ui.user, ...surface.target, action_id: element.action_id, block_id: blockId, ...fields });
        reportDelivery(result, plainString(element.text) || 'Action');
      } catch (err) {
        toast(`Action failed: ${err.message}`);
      }
    },
  };
}

/**
 * After an update Slack keeps a user's input only for elements whose block_id/action_id survived (the simulator
 * does the same), so a re-used block_id later on does not bring back a stale choice.
 */
function pruneInputs(surfaceKey, blocks) {
  const alive = new Set();
  for (const b of blocks ?? []) {
    const elements = b.type === 'actions' ? (b.elements ?? []) : [b.accessory ?? b.element].filter(Boolean);
    for (const e of elements) alive.add(`${b.block_id}|${e.action_id}`);
  }
  for (const key of ui.inputs.keys()) {
    const [, surface, blockId, actionId] = key.split('|');
    if (surface === surfaceKey && !alive.has(`${blockId}|${actionId}`)) ui.inputs.delete(key);
  }
}

const messageSurface = (channel, ts) => ({ key: `m:${channel}:${ts}`, target: { channel, message_ts: ts } });
const viewSurface = (view) => ({ key: `v:${view.id}`, target: { view_id: view.id } });

/** Slack's confirm object as a dialog; resolves true on confirm. */
function confirmDialog(confirm) {
  return new Promise((resolve) => {
    const backdrop = el('div', 'backdrop confirm-backdrop');
    const box = el('div', 'dialog confirm');
    box.setAttribute('role', 'alertdialog');
    box.append(el('h2', 'dialog-title', plainString(confirm.title) || 'Are you sure?'));
    const body = el('div', 'dialog-body');
    body.append(confirm.text?.type === 'mrkdwn' ? renderMrkdwn(confirm.text.text, surfaceContext({ key: 'confirm', target: {} })) : el('p', '', plainString(confirm.text)));
    const deny = el('button', 'bk-btn', plainString(confirm.deny) || 'Cancel');
    const ok = el('button', `bk-btn ${confirm.style === 'danger' ? 'danger' : 'primary'}`, plainString(confirm.confirm) || 'Yes');
    const footer = el('div', 'dialog-footer');
    footer.append(deny, ok);
    box.append(body, footer);
    backdrop.append(box);
    document.body.append(backdrop);
    ok.focus();
    const done = (answer) => {
      backdrop.remove();
      resolve(answer);
    };
    deny.addEventListener('click', () => done(false));
    ok.addEventListener('click', () => done(true));
    backdrop.addEventListener('click', (e) => e.target === backdrop && done(false));
    box.addEventListener('keydown', (e) => e.key === 'Escape' && done(false));
  });
}

// ---------------------------------------------------------------- sidebar

function renderSidebar() {
  $('workspace-name').textContent = ws.team.name;
  const list = $('channel-list');
  list.replaceChildren();
  for (const c of ws.channels.values()) {
    if (c.is_im || !c.members.includes(ui.user)) continue;
    const unread = ui.unread.get(c.id) ?? 0;
    const btn = el('button', `nav-item${ui.place === c.id ? ' active' : ''}${unread ? ' unread' : ''}`);
    btn.type = 'button';
    btn.dataset.channel = c.id;
    btn.append(el('span', 'hash', c.is_private ? '🔒' : '#'), el('span', 'label', c.name));
    if (unread) btn.append(el('span', 'badge', String(unread)));
    btn.addEventListener('click', () => go(c.id));
    const li = el('li');
    li.append(btn);
    list.append(li);
  }
  $('app-home-link').classList.toggle('active', isAppPlace());

  const select = $('user-switch');
  select.replaceChildren();
  for (const id of ui.info.users) {
    const opt = el('option', '', ws.userName(id));
    opt.value = id;
    opt.selected = id === ui.user;
    select.append(opt);
  }
  setAvatar($('user-avatar'), ui.user);
}

function setAvatar(node, userId) {
  const isBot = userId === ws.bot.user_id;
  node.textContent = isBot ? '🛡️' : initials(ws.userName(userId));
  node.classList.toggle('bot', isBot);
  node.style.setProperty('--hue', String(hue(userId)));
}

const initials = (name) => name.split(/\s+/).map((p) => p[0] ?? '').join('').slice(0, 2).toUpperCase();
const hue = (text) => [...text].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7);
const isAppPlace = () => ui.place === 'home' || ui.place === ws.dmOf(ui.user);

// ---------------------------------------------------------------- navigation

function go(place) {
  closeMenus();
  ui.place = place;
  ui.unread.delete(place);
  ui.rendered.clear();
  ui.shownCount = 0;
  $('new-messages').hidden = true;
  localStorage.setItem('demo.place', place);
  renderSidebar();
  renderPane();
  if (place === 'home') call('POST', '/_sim/event', { type: 'app_home_opened', user: ui.user }).then((r) => reportDelivery(r, 'App Home'), (e) => toast(e.message));
}

function renderPane() {
  const home = ui.place === 'home';
  const channel = ws.channels.get(ui.place);
  const app = isAppPlace();
  $('pane-title').replaceChildren(app ? el('span', '', '🛡️ Sentinel') : el('span', '', `${channel?.is_private ? '🔒' : '#'} ${channel?.name ?? ''}`));
  if (app) $('pane-title').append(el('span', 'badge-app', 'APP'));
  $('pane-topic').textContent = app ? 'Microsoft Sentinel · Defender for Cloud connector' : (ui.info.topics[ui.place] ?? '');
  $('pane-tabs').hidden = !app;
  for (const tab of document.querySelectorAll('#pane-tabs .tab')) tab.classList.toggle('active', (tab.dataset.tab === 'home') === home);
  $('home').hidden = !home;
  $('messages-wrap').hidden = home;
  $('composer').hidden = home;
  $('composer-input').placeholder = app ? 'Message Sentinel' : `Message #${channel?.name ?? ''} — try /sentinel status`;
  if (home) renderHome();
  else renderMessages(true);
}

// ---------------------------------------------------------------- messages

function visible(m) {
  return !m.recipient || m.recipient === ui.user;
}

function renderMessages(scrollToEnd = false) {
  const pane = $('messages');
  const atBottom = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 60;
  const nodes = [el('div', 'day-divider', 'Today')];
  const list = ws.timeline(ui.place).filter(visible);
  if (!list.length) nodes.push(emptyChannel());
  for (const m of list) {
    const cached = ui.rendered.get(m.ts);
    if (cached && cached.rev === m.rev && cached.expanded === ui.expanded.has(m.ts)) {
      nodes.push(cached.node);
      continue;
    }
    const node = messageNode(m);
    ui.rendered.set(m.ts, { rev: m.rev, expanded: ui.expanded.has(m.ts), node });
    nodes.push(node);
  }
  pane.replaceChildren(...nodes);
  const grew = list.length > ui.shownCount;
  ui.shownCount = list.length;
  if (scrollToEnd || atBottom) pane.scrollTop = pane.scrollHeight;
  else if (grew) $('new-messages').hidden = false;
}

function emptyChannel() {
  const box = el('div', 'empty');
  box.append(el('div', 'empty-title', `This is the start of #${ws.channelName(ui.place)}`));
  if (ui.info.hint) box.append(el('div', '', ui.info.hint));
  return box;
}

function messageNode(m, isReply = false) {
  const row = el('div', `msg${m.recipient ? ' ephemeral' : ''}${isReply ? ' reply' : ''}`);
  row.dataset.ts = m.ts;
  const avatar = el('div', 'avatar');
  const fromSlack = m.via === 'slack_error';
  if (fromSlack) avatar.textContent = '⚡';
  else setAvatar(avatar, m.user);
  const body = el('div', 'msg-body');
  const meta = el('div', 'msg-meta');
  meta.append(el('span', 'author', fromSlack ? 'Slackbot' : ws.userName(m.user)));
  if (m.bot_id && !fromSlack) meta.append(el('span', 'badge-app', 'APP'));
  meta.append(el('span', 'time', clock(m.ts)));
  if (m.edited) meta.append(el('span', 'edited', '(edited)'));
  body.append(meta);
  if (m.recipient) body.append(el('div', 'ephemeral-note', '👁 Only visible to you'));
  const ctx = surfaceContext(messageSurface(m.channel, m.ts));
  body.append(m.blocks?.length ? renderBlocks(m.blocks, ctx) : renderMrkdwn(m.text, ctx));
  if (m.attachments?.length) body.append(renderAttachments(m.attachments, ctx));
  if (m.replies?.length && !isReply) body.append(threadNode(m));
  row.append(avatar, body);
  return row;
}

function threadNode(m) {
  const wrap = el('div', 'thread');
  const open = ui.expanded.has(m.ts);
  const count = m.replies.length;
  const toggle = el('button', 'thread-toggle', open ? 'Hide replies' : `${count} ${count === 1 ? 'reply' : 'replies'}`);
  toggle.type = 'button';
  if (!open) toggle.append(el('span', 'thread-last', ` Last reply ${clock(m.replies[count - 1].ts)}`));
  toggle.addEventListener('click', () => {
    if (open) ui.expanded.delete(m.ts);
    else ui.expanded.add(m.ts);
    renderMessages();
  });
  wrap.append(toggle);
  if (open) for (const r of m.replies) wrap.append(messageNode(r, true));
  return wrap;
}

function clock(ts) {
  return new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

// ---------------------------------------------------------------- App Home and modals

function renderHome() {
  const pane = $('home');
  const view = ws.homes.get(ui.user);
  pane.replaceChildren(view ? renderBlocks(view.blocks, surfaceContext(viewSurface(view))) : el('div', 'empty', 'Opening the Sentinel home tab…'));
}

function renderModal() {
  const root = $('modal-root');
  const stack = ws.modals.get(ui.user) ?? [];
  const view = stack[stack.length - 1];
  if (!view) {
    root.replaceChildren();
    return;
  }
  const backdrop = el('div', 'backdrop');
  const dialog = el('form', 'dialog modal');
  dialog.setAttribute('role', 'dialog');
  dialog.dataset.viewId = view.id;
  const header = el('div', 'dialog-header');
  if (stack.length > 1) header.append(iconButton('←', 'Back', () => closeView(view)));
  header.append(el('h2', 'dialog-title', emojify(plainString(view.title))), iconButton('✕', 'Close', () => closeView(view)));
  const body = el('div', 'dialog-body');
  body.append(renderBlocks(view.blocks, surfaceContext(viewSurface(view))));
  const errors = ui.viewErrors.get(view.id) ?? {};
  for (const [blockId, message] of Object.entries(errors)) {
    const block = body.querySelector(`[data-block-id="${CSS.escape(blockId)}"]`);
    (block ?? body).append(el('div', 'field-error', message));
  }
  const footer = el('div', 'dialog-footer');
  const cancel = el('button', 'bk-btn', plainString(view.close) || 'Cancel');
  cancel.type = 'button';
  cancel.addEventListener('click', () => closeView(view));
  footer.append(cancel);
  if (view.submit) {
    const submit = el('button', 'bk-btn primary', plainString(view.submit));
    submit.type = 'submit';
    footer.append(submit);
  }
  dialog.addEventListener('submit', (e) => {
    e.preventDefault();
    submitView(view);
  });
  dialog.append(header, body, footer);
  backdrop.append(dialog);
  root.replaceChildren(backdrop);
}

function iconButton(text, label, onClick) {
  const b = el('button', 'icon-btn', text);
  b.type = 'button';
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** The modal's inputs as `state.values` (only what this user changed; the simulator fills in initial values). */
function viewValues(view) {
  const prefix = `${ui.user}|v:${view.id}|`;
  const values = {};
  for (const [key, value] of ui.inputs) {
    if (!key.startsWith(prefix)) continue;
    const [blockId, actionId] = key.slice(prefix.length).split('|');
    (values[blockId] ??= {})[actionId] = value;
  }
  return values;
}

async function submitView(view) {
  try {
    const result = await call('POST', '/_sim/view-submission', { user: ui.user, view_id: view.id, values: viewValues(view) });
    ui.viewErrors.set(view.id, result.errors ?? {});
    reportDelivery(result, 'Submit');
    renderModal();
  } catch (err) {
    const missing = /required inputs/.test(err.message);
    toast(missing ? 'Please fill in the required fields.' : `Submit failed: ${err.message}`);
  }
}

async function closeView(view) {
  try {
    reportDelivery(await call('POST', '/_sim/view-closed', { user: ui.user, view_id: view.id }), 'Close');
  } catch (err) {
    toast(err.message);
  }
}

// ---------------------------------------------------------------- composer

const COMMANDS = ['status', 'status not-connected', 'prereqs all', 'alerts --since 24h', 'incidents on', 'audit --since 24h', 'jobs', 'help'];

async function send(text) {
  const trimmed = text.trim();
  if (!trimmed) return;
  const [command, ...rest] = trimmed.split(/\s+/);
  if (!command.startsWith('/')) {
    toast('In this demo only /sentinel commands reach the bot — try /sentinel status');
    return;
  }
  if (command !== '/sentinel') {
    toast(`${command} is not a valid command. Try /sentinel help`);
    return;
  }
  const channel = ui.place === 'home' ? ws.dmOf(ui.user) : ui.place;
  try {
    reportDelivery(await call('POST', '/_sim/command', { user: ui.user, channel, command, text: rest.join(' ') }), command);
  } catch (err) {
    toast(err.message);
  }
}

function renderHints() {
  const value = $('composer-input').value;
  const box = $('command-hints');
  const typed = value.replace(/^\/sentinel\s*/, '');
  const show = value.startsWith('/') && '/sentinel '.startsWith(value.slice(0, 10)) && !value.includes('\n');
  const matches = COMMANDS.filter((c) => c.startsWith(typed));
  box.hidden = !show || !matches.length;
  box.replaceChildren();
  for (const c of matches) {
    const item = el('button', 'hint');
    item.type = 'button';
    item.append(el('span', 'hint-cmd', `/sentinel ${c}`));
    item.addEventListener('click', () => {
      $('composer-input').value = `/sentinel ${c}`;
      box.hidden = true;
      $('composer-input').focus();
    });
    box.append(item);
  }
}

function wireComposer() {
  const input = $('composer-input');
  const submit = () => {
    const text = input.value;
    input.value = '';
    renderHints();
    send(text);
  };
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', renderHints);
}

// ---------------------------------------------------------------- live updates

/** Events that arrive while a snapshot loads are replayed on top of it (applying is idempotent). */
let replay = null;

function onEvent(event) {
  if (replay) {
    replay.push(event);
    return;
  }
  if (event.type === 'message_updated' || event.type === 'ephemeral_updated') pruneInputs(messageSurface(event.channel, event.message.ts).key, event.message.blocks);
  if (event.type === 'view_updated' || event.type === 'home_published') pruneInputs(viewSurface(event.view).key, event.view.blocks);
  const changed = ws.apply(event);
  if (!changed) return;
  if (changed.reload) {
    load();
    return;
  }
  if (changed.user === ui.user) {
    renderModal();
    if (ui.place === 'home') renderHome();
  }
  if (changed.channel) {
    if (changed.channel === ui.place) renderMessages();
    else if (changed.topLevel && visible(changed.topLevel)) {
      ui.unread.set(changed.channel, (ui.unread.get(changed.channel) ?? 0) + 1);
      renderSidebar();
    }
  }
}

function connectStream() {
  const stream = new EventSource('/_sim/stream');
  let opened = false;
  const types = ['message_posted', 'message_updated', 'message_deleted', 'ephemeral_posted', 'ephemeral_updated', 'ephemeral_deleted',
    'view_opened', 'view_pushed', 'view_updated', 'view_closed', 'home_published', 'reset'];
  for (const type of types) stream.addEventListener(type, (e) => onEvent(JSON.parse(e.data)));
  stream.addEventListener('open', () => {
    $('connection').classList.add('live');
    // After a reconnect some events may have been missed: start again from a snapshot.
    if (opened) load();
    opened = true;
  });
  stream.addEventListener('error', () => $('connection').classList.remove('live'));
}

async function load() {
  replay = [];
  try {
    ws.load(await call('GET', '/_sim/state'));
  } finally {
    for (const event of replay.splice(0)) ws.apply(event);
    replay = null;
  }
  ui.rendered.clear();
  if (!ws.users.has(ui.user)) ui.user = ui.info.users[0];
  const saved = localStorage.getItem('demo.place');
  const place = ui.place ?? (saved && (saved === 'home' || ws.channels.has(saved)) ? saved : ui.info.defaultChannel);
  ui.place = place;
  renderSidebar();
  renderPane();
  renderModal();
}

async function start() {
  ui.info = { ...ui.info, ...(await call('GET', '/demo/info').catch(() => ({}))) };
  wireComposer();
  $('user-switch').addEventListener('change', (e) => {
    const wasApp = isAppPlace();
    ui.user = e.target.value;
    localStorage.setItem('demo.user', ui.user);
    const canSee = ws.channels.get(ui.place)?.members.includes(ui.user);
    go(wasApp ? 'home' : canSee ? ui.place : ui.info.defaultChannel);
    renderModal();
  });
  $('app-home-link').addEventListener('click', () => go('home'));
  $('new-messages').addEventListener('click', () => {
    $('messages').scrollTop = $('messages').scrollHeight;
  });
  $('messages').addEventListener('scroll', () => {
    const pane = $('messages');
    if (pane.scrollHeight - pane.scrollTop - pane.clientHeight < 60) $('new-messages').hidden = true;
  });
  for (const tab of document.querySelectorAll('#pane-tabs .tab')) {
    tab.addEventListener('click', () => go(tab.dataset.tab === 'home' ? 'home' : ws.dmOf(ui.user)));
  }
  connectStream();
  await load();
}

start().catch((err) => toast(`Could not load the workspace: ${err.message}`));
