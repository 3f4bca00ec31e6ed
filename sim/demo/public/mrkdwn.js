// Slack mrkdwn → DOM nodes. Every piece of text becomes a text node, so nothing the bot or Azure sends is parsed as HTML.

const EMOJI = {
  white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', warning: '⚠️', no_entry: '⛔', no_entry_sign: '🚫',
  red_circle: '🔴', large_orange_circle: '🟠', large_yellow_circle: '🟡', large_green_circle: '🟢',
  large_blue_circle: '🔵', white_circle: '⚪', black_circle: '⚫', large_purple_circle: '🟣',
  rotating_light: '🚨', shield: '🛡️', lock: '🔒', unlock: '🔓', key: '🔑', link: '🔗', gear: '⚙️',
  hourglass: '⌛', hourglass_flowing_sand: '⏳', stopwatch: '⏱️', clock1: '🕐', zzz: '💤', bell: '🔔',
  no_bell: '🔕', mag: '🔍', information_source: 'ℹ️', bulb: '💡', arrows_counterclockwise: '🔄',
  repeat: '🔁', arrow_right: '➡️', arrow_forward: '▶️', heavy_plus_sign: '➕', heavy_minus_sign: '➖',
  tada: '🎉', wave: '👋', eyes: '👀', fire: '🔥', memo: '📝', clipboard: '📋', bar_chart: '📊',
  chart_with_upwards_trend: '📈', cloud: '☁️', satellite: '📡', electric_plug: '🔌', wrench: '🔧',
  hammer_and_wrench: '🛠️', construction: '🚧', octagonal_sign: '🛑', pause_button: '⏸️',
  white_large_square: '⬜', black_large_square: '⬛', large_green_square: '🟩', large_red_square: '🟥',
  large_yellow_square: '🟨', large_orange_square: '🟧', ballot_box_with_check: '☑️', question: '❓',
  grey_question: '❔', exclamation: '❗', heavy_exclamation_mark: '❗', thumbsup: '👍', '+1': '👍',
  robot_face: '🤖', busts_in_silhouette: '👥', bust_in_silhouette: '👤', calendar: '📅', inbox_tray: '📥',
  outbox_tray: '📤', incoming_envelope: '📨', speech_balloon: '💬', pushpin: '📌', dart: '🎯',
  skull_and_crossbones: '☠️', biohazard_sign: '☣️', radioactive_sign: '☢️', lady_beetle: '🐞', bug: '🐛',
  new: '🆕', sparkles: '✨', package: '📦', file_folder: '📁', page_facing_up: '📄', scroll: '📜',
  rocket: '🚀', checkered_flag: '🏁', twisted_rightwards_arrows: '🔀', leftwards_arrow_with_hook: '↩️',
};

/** `:shortcode:` → unicode; unknown codes stay as typed, as Slack shows them. */
export function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, code) => EMOJI[code] ?? whole);
}

function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const SAFE_URL = /^(https?:|mailto:)/i;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** `<…>` tokens: links, user/channel mentions, special mentions, dates. */
function angle(inner, ctx) {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return el('span', 'mention', `@${label ?? ctx.userName(id)}`);
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    const link = el('a', 'mention channel-link', `#${label ?? ctx.channelName(id)}`);
    link.href = '#';
    link.addEventListener('click', (e) => {
      e.preventDefault();
      ctx.openChannel(id);
    });
    return link;
  }
  if (target.startsWith('!')) {
    if (target.startsWith('!date^')) return el('span', 'date', slackDate(target, label));
    if (target.startsWith('!subteam^')) return el('span', 'mention', label ?? '@group');
    return el('span', 'mention', `@${target.slice(1)}`);
  }
  const url = decodeEntities(target);
  if (!SAFE_URL.test(url)) return document.createTextNode(decodeEntities(label ?? target));
  const a = el('a', 'link');
  a.append(...inline(label ?? target, ctx));
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

/** `<!date^epoch^{token} …|fallback>` in the reader's time zone, as Slack renders it. */
function slackDate(target, fallback) {
  const [, epoch, format = '{date_short_pretty}'] = target.split('^');
  const d = new Date(Number(epoch) * 1000);
  if (Number.isNaN(d.getTime())) return decodeEntities(fallback ?? '');
  const dayDiff = Math.round((startOfDay(new Date()) - startOfDay(d)) / 86_400_000);
  const pretty = (opts) => (dayDiff === 0 ? 'Today' : dayDiff === 1 ? 'Yesterday' : d.toLocaleDateString([], opts));
  const tokens = {
    date_num: () => d.toISOString().slice(0, 10),
    date: () => d.toLocaleDateString([], { month: 'long', day: 'numeric', year: 'numeric' }),
    date_short: () => d.toLocaleDateString([], { month: 'short', day: 'numeric', year: 'numeric' }),
    date_long: () => d.toLocaleDateString([], { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }),
    date_pretty: () => pretty({ month: 'long', day: 'numeric', year: 'numeric' }),
    date_short_pretty: () => pretty({ month: 'short', day: 'numeric', year: 'numeric' }),
    date_long_pretty: () => pretty({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }),
    time: () => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
    time_secs: () => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    ago: () => agoText(Date.now() - d.getTime()),
  };
  return decodeEntities(format).replace(/\{(\w+)\}/g, (whole, name) => (tokens[name] ? tokens[name]() : whole));
}

const startOfDay = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

function agoText(ms) {
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} minute${min === 1 ? '' : 's'} ago`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} hour${h === 1 ? '' : 's'} ago`;
  const days = Math.round(h / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

function splitOnce(text, sep) {
  const i = text.indexOf(sep);
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}

// Emphasis needs a boundary outside and a non-space inside, as in Slack: `a*b*c` and `* x *` stay literal, and the
// zero-width spaces the bot puts around escaped characters keep them literal too.
const EDGE_BEFORE = '(?:^|(?<=[\\s(\\[{"\'>.,;:!?-]))';
const EDGE_AFTER = '(?=$|[\\s)\\]}"\'<.,;:!?-])';
const INNER = '([^\\s\\u200B](?:[^\\n]*?[^\\s\\u200B])?)';
const emphasis = (mark) => new RegExp(`${EDGE_BEFORE}\\${mark}${INNER}\\${mark}${EDGE_AFTER}`);

const INLINE_RULES = [
  { re: /`([^`\n]+)`/, make: (m) => el('code', 'inline-code', decodeEntities(m[1])) },
  { re: /<([^<>\n]+)>/, make: (m, ctx) => angle(m[1], ctx) },
  { re: emphasis('*'), make: (m, ctx) => wrap('strong', m[1], ctx) },
  { re: emphasis('_'), make: (m, ctx) => wrap('em', m[1], ctx) },
  { re: emphasis('~'), make: (m, ctx) => wrap('s', m[1], ctx) },
];

function wrap(tag, inner, ctx) {
  const node = el(tag);
  node.append(...inline(inner, ctx));
  return node;
}

/** Inline formatting: finds the earliest rule match, renders it, and continues after it. */
function inline(text, ctx) {
  const out = [];
  let rest = text;
  while (rest) {
    let best = null;
    for (const rule of INLINE_RULES) {
      const m = rule.re.exec(rest);
      if (m && (!best || m.index < best.m.index)) best = { m, rule };
    }
    if (!best) {
      out.push(document.createTextNode(emojify(decodeEntities(rest))));
      break;
    }
    if (best.m.index > 0) out.push(document.createTextNode(emojify(decodeEntities(rest.slice(0, best.m.index)))));
    out.push(best.rule.make(best.m, ctx));
    rest = rest.slice(best.m.index + best.m[0].length);
  }
  return out;
}

/** Lines: ``` fences become <pre>, `>` lines become quotes, the rest keep their line breaks. */
export function renderMrkdwn(text, ctx) {
  const root = el('div', 'mrkdwn');
  const parts = String(text ?? '').split('```');
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      root.append(el('pre', 'code-block', decodeEntities(part.replace(/^\n/, ''))));
      return;
    }
    const lines = part.split('\n');
    lines.forEach((line, j) => {
      const quote = /^(&gt;|>)\s?/.exec(line);
      if (quote) {
        const q = el('div', 'quote');
        q.append(...inline(line.slice(quote[0].length), ctx));
        root.append(q);
        return;
      }
      root.append(...inline(line, ctx));
      if (j < lines.length - 1) root.append(el('br'));
    });
  });
  return root;
}

/** A text object (plain_text or mrkdwn) as a node. */
export function renderText(obj, ctx) {
  if (!obj) return document.createTextNode('');
  if (obj.type === 'mrkdwn') return renderMrkdwn(obj.text, ctx);
  const span = el('span', 'plain');
  span.textContent = obj.emoji === false ? obj.text : emojify(obj.text ?? '');
  return span;
}

/** Plain string for places that can only show text (option labels, titles). */
export function plainString(obj) {
  if (!obj) return '';
  const text = obj.type === 'mrkdwn' ? decodeEntities(obj.text ?? '').replace(/[*_~`]/g, '') : (obj.text ?? '');
  return emojify(text);
}
