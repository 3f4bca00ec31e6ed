/**
 * Block Kit validator enforcing the limits Slack's API enforces (reference/slack.md §B2).
 *
 * Problems are reported in Slack's own wording and pointer style, e.g.
 * `must be less than 3001 characters [json-pointer:/blocks/0/text/text]`, so the Web API simulator can return them
 * verbatim as `[ERROR] …` lines in `response_metadata.messages`, and a unit test can print them.
 */

export type Surface = 'message' | 'modal' | 'home';

/** The numbers behind every check, exported so builders and tests can share them. */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  accessibilityLabel: 75,
  checkboxOptions: 10,
  radioOptions: 10,
  selectOptions: 100,
  selectOptionGroups: 100,
  overflowOptionsMin: 2,
  overflowOptionsMax: 5,
  optionText: 75,
  optionDescription: 75,
  // Slack's docs allow 150; @slack/types' JSDoc still says 75 (see slack.md §B2).
  optionValue: 150,
  optionGroupLabel: 75,
  placeholder: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  imageUrl: 3000,
  altText: 2000,
  imageTitle: 2000,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputLength: 3000,
  markdownText: 12000,
  tableRows: 100,
  tableCells: 20,
  videoTitle: 200,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  messageText: 40000,
} as const;

const L = BLOCK_KIT_LIMITS;

type Json = Record<string, unknown>;

const SELECTS = ['static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select'];
const MULTI_SELECTS = SELECTS.map((s) => `multi_${s}`);
const SECTION_ACCESSORIES = new Set([
  'button', 'checkboxes', 'datepicker', 'image', 'overflow', 'radio_buttons', 'timepicker', 'workflow_button',
  ...SELECTS, ...MULTI_SELECTS,
]);
const ACTIONS_ELEMENTS = new Set([
  'button', 'checkboxes', 'datepicker', 'datetimepicker', 'overflow', 'radio_buttons', 'timepicker',
  'workflow_button', 'rich_text_input', ...SELECTS, ...MULTI_SELECTS,
]);
const INPUT_ELEMENTS = new Set([
  'plain_text_input', 'checkboxes', 'radio_buttons', 'datepicker', 'timepicker', 'datetimepicker',
  'email_text_input', 'number_input', 'url_text_input', 'file_input', 'rich_text_input', ...SELECTS, ...MULTI_SELECTS,
]);
const BLOCKS_BY_SURFACE: Record<Surface, Set<string>> = {
  message: new Set(['actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text',
    'section', 'video', 'table', 'alert', 'context_actions']),
  modal: new Set(['actions', 'context', 'divider', 'header', 'image', 'input', 'rich_text', 'section', 'video']),
  home: new Set(['actions', 'context', 'divider', 'header', 'image', 'input', 'rich_text', 'section', 'video']),
};

/** Collects problems while walking a payload; `at` is a JSON pointer. */
class Problems {
  readonly list: string[] = [];

  add(message: string, at: string): void {
    this.list.push(`${message} [json-pointer:${at}]`);
  }

  maxLength(value: unknown, max: number, at: string): void {
    if (typeof value === 'string' && value.length > max) this.add(`must be less than ${max + 1} characters`, at);
  }

  maxItems(value: unknown[], max: number, at: string): void {
    if (value.length > max) this.add(`no more than ${max} items allowed`, at);
  }

  minItems(value: unknown[], min: number, at: string): void {
    if (value.length < min) this.add(`must provide at least ${min} item${min === 1 ? '' : 's'}`, at);
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a `blocks` array for a surface. Returns an empty list when Slack would accept it.
 * Pointers are rooted at `/blocks` (pass `root` to nest, e.g. `/view/blocks`).
 */
export function validateBlocks(blocks: unknown, surface: Surface, root = '/blocks'): string[] {
  const p = new Problems();
  checkBlocks(p, blocks, surface, root);
  return p.list;
}

/** Validates a modal or Home tab view object (what `views.open/update/push/publish` take). */
export function validateView(view: unknown, root = '/view'): string[] {
  const p = new Problems();
  if (!isObject(view)) {
    p.add('must be an object', root);
    return p.list;
  }
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    p.add('must be one of "modal", "home"', `${root}/type`);
    return p.list;
  }
  if (type === 'modal') {
    if (view.title === undefined) p.add('missing required field: title', root);
    else plainText(p, view.title, `${root}/title`, L.viewTitle);
    if (view.submit !== undefined) plainText(p, view.submit, `${root}/submit`, L.viewSubmit);
    if (view.close !== undefined) plainText(p, view.close, `${root}/close`, L.viewClose);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) p.add('submit is required when the view contains input blocks', `${root}/submit`);
  }
  p.maxLength(view.private_metadata, L.privateMetadata, `${root}/private_metadata`);
  p.maxLength(view.callback_id, L.callbackId, `${root}/callback_id`);
  p.maxLength(view.external_id, L.externalId, `${root}/external_id`);
  checkBlocks(p, view.blocks, type, `${root}/blocks`);
  return p.list;
}

function checkBlocks(p: Problems, blocks: unknown, surface: Surface, at: string): void {
  if (!Array.isArray(blocks)) {
    p.add('must be an array', at);
    return;
  }
  p.maxItems(blocks, surface === 'message' ? L.blocksPerMessage : L.blocksPerView, at);
  const seenBlockIds = new Map<string, number>();
  let markdownTotal = 0;
  blocks.forEach((block, i) => {
    const bAt = `${at}/${i}`;
    if (!isObject(block) || typeof block.type !== 'string') {
      p.add('failed to match all allowed schemas', bAt);
      return;
    }
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== 'string' || block.block_id.length === 0) p.add('must be a non-empty string', `${bAt}/block_id`);
      else {
        p.maxLength(block.block_id, L.blockId, `${bAt}/block_id`);
        const first = seenBlockIds.get(block.block_id);
        if (first !== undefined) p.add(`duplicate block_id "${block.block_id}" (first used at ${at}/${first})`, `${bAt}/block_id`);
        else seenBlockIds.set(block.block_id, i);
      }
    }
    if (!BLOCKS_BY_SURFACE[surface].has(block.type)) {
      p.add(`block type "${block.type}" is not supported in ${surface === 'message' ? 'messages' : `${surface} views`}`, `${bAt}/type`);
      return;
    }
    if (block.type === 'markdown' && typeof block.text === 'string') markdownTotal += block.text.length;
    checkBlock(p, block, bAt);
  });
  if (markdownTotal > L.markdownText) p.add(`markdown blocks may hold at most ${L.markdownText} characters in total`, at);
}

function checkBlock(p: Problems, block: Json, at: string): void {
  switch (block.type) {
    case 'section':
      return checkSection(p, block, at);
    case 'header':
      if (required(p, block, 'text', at)) plainText(p, block.text, `${at}/text`, L.headerText);
      return;
    case 'actions':
      return checkElementList(p, block.elements, at, ACTIONS_ELEMENTS, 1, L.actionsElements);
    case 'context':
      return checkContext(p, block, at);
    case 'input':
      return checkInput(p, block, at);
    case 'image':
      return checkImage(p, block, at, true);
    case 'markdown':
      if (typeof block.text !== 'string' || block.text.length === 0) p.add('must be a non-empty string', `${at}/text`);
      return;
    case 'rich_text':
      if (!Array.isArray(block.elements)) p.add('missing required field: elements', at);
      return;
    case 'video':
      for (const f of ['alt_text', 'title', 'thumbnail_url', 'video_url']) required(p, block, f, at);
      if (block.title !== undefined) plainText(p, block.title, `${at}/title`, L.videoTitle);
      return;
    case 'file':
      if (block.source !== 'remote') p.add('must be "remote"', `${at}/source`);
      required(p, block, 'external_id', at);
      return;
    case 'table':
      return checkTable(p, block, at);
    case 'alert':
      required(p, block, 'text', at);
      return;
    default:
      return;
  }
}

function checkSection(p: Problems, block: Json, at: string): void {
  if (block.text === undefined && block.fields === undefined) {
    p.add('must provide either text or fields', at);
  }
  if (block.text !== undefined) textObject(p, block.text, `${at}/text`, L.sectionText);
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields)) p.add('must be an array', `${at}/fields`);
    else {
      p.minItems(block.fields, 1, `${at}/fields`);
      p.maxItems(block.fields, L.sectionFields, `${at}/fields`);
      block.fields.forEach((f, i) => textObject(p, f, `${at}/fields/${i}`, L.sectionFieldText));
    }
  }
  if (block.accessory !== undefined) checkElement(p, block.accessory, `${at}/accessory`, SECTION_ACCESSORIES);
}

function checkContext(p: Problems, block: Json, at: string): void {
  if (!Array.isArray(block.elements)) {
    p.add('missing required field: elements', at);
    return;
  }
  p.minItems(block.elements, 1, `${at}/elements`);
  p.maxItems(block.elements, L.contextElements, `${at}/elements`);
  block.elements.forEach((el, i) => {
    const eAt = `${at}/elements/${i}`;
    if (isObject(el) && el.type === 'image') checkImage(p, el, eAt, false);
    else textObject(p, el, eAt, L.sectionText);
  });
}

function checkInput(p: Problems, block: Json, at: string): void {
  if (required(p, block, 'label', at)) plainText(p, block.label, `${at}/label`, L.inputLabel);
  if (block.hint !== undefined) plainText(p, block.hint, `${at}/hint`, L.inputHint);
  if (required(p, block, 'element', at)) checkElement(p, block.element, `${at}/element`, INPUT_ELEMENTS);
}

function checkTable(p: Problems, block: Json, at: string): void {
  if (!Array.isArray(block.rows)) {
    p.add('missing required field: rows', at);
    return;
  }
  p.maxItems(block.rows, L.tableRows, `${at}/rows`);
  block.rows.forEach((row, i) => {
    if (Array.isArray(row)) p.maxItems(row, L.tableCells, `${at}/rows/${i}`);
    else p.add('must be an array', `${at}/rows/${i}`);
  });
}

function checkImage(p: Problems, img: Json, at: string, isBlock: boolean): void {
  if (img.image_url === undefined && img.slack_file === undefined) p.add('must provide either image_url or slack_file', at);
  p.maxLength(img.image_url, L.imageUrl, `${at}/image_url`);
  if (required(p, img, 'alt_text', at)) p.maxLength(img.alt_text, L.altText, `${at}/alt_text`);
  if (isBlock && img.title !== undefined) plainText(p, img.title, `${at}/title`, L.imageTitle);
}

/** Elements of an actions block: count bounds plus unique action_ids within the block. */
function checkElementList(p: Problems, elements: unknown, at: string, allowed: Set<string>, min: number, max: number): void {
  const eAt = `${at}/elements`;
  if (!Array.isArray(elements)) {
    p.add('missing required field: elements', at);
    return;
  }
  p.minItems(elements, min, eAt);
  p.maxItems(elements, max, eAt);
  const seen = new Set<string>();
  elements.forEach((el, i) => {
    checkElement(p, el, `${eAt}/${i}`, allowed);
    if (isObject(el) && typeof el.action_id === 'string') {
      if (seen.has(el.action_id)) p.add(`duplicate action_id "${el.action_id}" within the block`, `${eAt}/${i}/action_id`);
      seen.add(el.action_id);
    }
  });
}

function checkElement(p: Problems, el: unknown, at: string, allowed: Set<string>): void {
  if (!isObject(el) || typeof el.type !== 'string') {
    p.add('failed to match all allowed schemas', at);
    return;
  }
  if (!allowed.has(el.type)) {
    p.add(`element type "${el.type}" is not allowed here`, `${at}/type`);
    return;
  }
  if (el.action_id !== undefined) {
    if (typeof el.action_id !== 'string' || el.action_id.length === 0) p.add('must be a non-empty string', `${at}/action_id`);
    else p.maxLength(el.action_id, L.actionId, `${at}/action_id`);
  }
  if (el.confirm !== undefined) checkConfirm(p, el.confirm, `${at}/confirm`);
  if (el.placeholder !== undefined) plainText(p, el.placeholder, `${at}/placeholder`, L.placeholder);
  switch (el.type) {
    case 'button':
      if (required(p, el, 'text', at)) plainText(p, el.text, `${at}/text`, L.buttonText);
      p.maxLength(el.value, L.buttonValue, `${at}/value`);
      p.maxLength(el.url, L.url, `${at}/url`);
      p.maxLength(el.accessibility_label, L.accessibilityLabel, `${at}/accessibility_label`);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') p.add('must be one of "primary", "danger"', `${at}/style`);
      return;
    case 'checkboxes':
      checkOptions(p, el, at, { min: 1, max: L.checkboxOptions, allowMrkdwn: true });
      checkInitialOptions(p, el, at, 'initial_options');
      return;
    case 'radio_buttons':
      checkOptions(p, el, at, { min: 1, max: L.radioOptions, allowMrkdwn: true });
      checkInitialOptions(p, el, at, 'initial_option');
      return;
    case 'overflow':
      checkOptions(p, el, at, { min: L.overflowOptionsMin, max: L.overflowOptionsMax, allowMrkdwn: false });
      return;
    case 'static_select':
    case 'multi_static_select':
      checkSelectOptions(p, el, at);
      checkInitialOptions(p, el, at, el.type === 'static_select' ? 'initial_option' : 'initial_options');
      if (el.max_selected_items !== undefined && !(Number.isInteger(el.max_selected_items) && (el.max_selected_items as number) >= 1)) {
        p.add('must be an integer of at least 1', `${at}/max_selected_items`);
      }
      return;
    case 'image':
      checkImage(p, el, at, false);
      return;
    case 'plain_text_input':
      for (const f of ['min_length', 'max_length'] as const) {
        const v = el[f];
        if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= L.plainTextInputLength)) {
          p.add(`must be an integer between 0 and ${L.plainTextInputLength}`, `${at}/${f}`);
        }
      }
      return;
    case 'datepicker':
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) p.add('must be in YYYY-MM-DD format', `${at}/initial_date`);
      return;
    case 'timepicker':
      if (el.initial_time !== undefined && !/^\d{2}:\d{2}$/.test(String(el.initial_time))) p.add('must be in HH:mm format', `${at}/initial_time`);
      return;
    default:
      return;
  }
}

interface OptionRules {
  min: number;
  max: number;
  allowMrkdwn: boolean;
}

function checkOptions(p: Problems, el: Json, at: string, rules: OptionRules): void {
  if (!Array.isArray(el.options)) {
    p.add('missing required field: options', at);
    return;
  }
  p.minItems(el.options, rules.min, `${at}/options`);
  p.maxItems(el.options, rules.max, `${at}/options`);
  el.options.forEach((o, i) => checkOption(p, o, `${at}/options/${i}`, rules.allowMrkdwn, el.type === 'overflow'));
}

function checkSelectOptions(p: Problems, el: Json, at: string): void {
  const hasOptions = el.options !== undefined;
  const hasGroups = el.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    p.add('must provide exactly one of options or option_groups', at);
    return;
  }
  if (hasOptions) {
    checkOptions(p, el, at, { min: 1, max: L.selectOptions, allowMrkdwn: false });
    return;
  }
  if (!Array.isArray(el.option_groups)) {
    p.add('must be an array', `${at}/option_groups`);
    return;
  }
  p.minItems(el.option_groups, 1, `${at}/option_groups`);
  p.maxItems(el.option_groups, L.selectOptionGroups, `${at}/option_groups`);
  el.option_groups.forEach((g, i) => {
    const gAt = `${at}/option_groups/${i}`;
    if (!isObject(g)) {
      p.add('must be an object', gAt);
      return;
    }
    if (required(p, g, 'label', gAt)) plainText(p, g.label, `${gAt}/label`, L.optionGroupLabel);
    checkOptions(p, g, gAt, { min: 1, max: L.selectOptions, allowMrkdwn: false });
  });
}

function checkOption(p: Problems, o: unknown, at: string, allowMrkdwn: boolean, allowUrl: boolean): void {
  if (!isObject(o)) {
    p.add('must be an object', at);
    return;
  }
  if (required(p, o, 'text', at)) {
    if (allowMrkdwn) textObject(p, o.text, `${at}/text`, L.optionText);
    else plainText(p, o.text, `${at}/text`, L.optionText);
  }
  if (required(p, o, 'value', at)) p.maxLength(o.value, L.optionValue, `${at}/value`);
  if (o.description !== undefined) textObject(p, o.description, `${at}/description`, L.optionDescription);
  if (o.url !== undefined) {
    if (!allowUrl) p.add('url is only allowed on overflow options', `${at}/url`);
    p.maxLength(o.url, L.url, `${at}/url`);
  }
}

/** Slack rejects an initial option that is not one of the element's options (compared by value). */
function checkInitialOptions(p: Problems, el: Json, at: string, field: 'initial_option' | 'initial_options'): void {
  const initial = el[field];
  if (initial === undefined) return;
  const values = new Set(allOptions(el).map((o) => o.value));
  const list = field === 'initial_option' ? [initial] : Array.isArray(initial) ? initial : [];
  if (field === 'initial_options' && !Array.isArray(initial)) p.add('must be an array', `${at}/${field}`);
  list.forEach((o, i) => {
    const oAt = field === 'initial_option' ? `${at}/${field}` : `${at}/${field}/${i}`;
    if (!isObject(o) || !values.has(o.value)) p.add('must match one of the provided options', oAt);
  });
}

/** Every option of an element, flattening option_groups. */
export function allOptions(el: Json): Json[] {
  const direct = Array.isArray(el.options) ? el.options : [];
  const grouped = Array.isArray(el.option_groups)
    ? el.option_groups.flatMap((g) => (isObject(g) && Array.isArray(g.options) ? g.options : []))
    : [];
  return [...direct, ...grouped].filter(isObject);
}

function checkConfirm(p: Problems, c: unknown, at: string): void {
  if (!isObject(c)) {
    p.add('must be an object', at);
    return;
  }
  if (required(p, c, 'title', at)) plainText(p, c.title, `${at}/title`, L.confirmTitle);
  if (required(p, c, 'text', at)) textObject(p, c.text, `${at}/text`, L.confirmText);
  if (required(p, c, 'confirm', at)) plainText(p, c.confirm, `${at}/confirm`, L.confirmButton);
  if (required(p, c, 'deny', at)) plainText(p, c.deny, `${at}/deny`, L.confirmButton);
  if (c.style !== undefined && c.style !== 'primary' && c.style !== 'danger') p.add('must be one of "primary", "danger"', `${at}/style`);
}

function required(p: Problems, obj: Json, field: string, at: string): boolean {
  if (obj[field] === undefined || obj[field] === null) {
    p.add(`missing required field: ${field}`, at);
    return false;
  }
  return true;
}

/** A text object of either type. */
function textObject(p: Problems, t: unknown, at: string, max: number): void {
  if (!isObject(t) || (t.type !== 'plain_text' && t.type !== 'mrkdwn')) {
    p.add('must be a text object of type "plain_text" or "mrkdwn"', at);
    return;
  }
  textContent(p, t, at, max);
}

function plainText(p: Problems, t: unknown, at: string, max: number): void {
  if (!isObject(t) || t.type !== 'plain_text') {
    p.add('must be a text object of type "plain_text"', at);
    return;
  }
  textContent(p, t, at, max);
}

function textContent(p: Problems, t: Json, at: string, max: number): void {
  if (typeof t.text !== 'string' || t.text.length === 0) {
    p.add('must be more than 0 characters', `${at}/text`);
    return;
  }
  p.maxLength(t.text, max, `${at}/text`);
}
