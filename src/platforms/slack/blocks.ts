import type { types } from "@slack/bolt";
import { z } from "zod";
import {
  type Action,
  type Block,
  type Field,
  type Form,
  itemText,
  type ListItem,
  type Message,
} from "../../ui/view.ts";

// The view model as Block Kit, within Slack's limits: a message that breaks them is refused by Slack,
// so every text is cut to size here rather than trusted to be short.

export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  header: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  modalTitle: 24,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionsPerSelect: 100,
  checkboxOptions: 10,
  id: 255,
  privateMetadata: 3000,
} as const;

type SlackBlock = types.KnownBlock;
type InputElement = types.InputBlock["element"];

export const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** mrkdwn needs &, < and > escaped; `*bold*` is already Slack's. */
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: "plain_text",
  text: cut(text, max),
  emoji: false,
});
const mrkdwn = (text: string, max: number = LIMITS.sectionText): types.MrkdwnElement => ({
  type: "mrkdwn",
  text: cut(escapeMrkdwn(text), max),
});

/** Splits lines into chunks that fit a section of at most 3000 characters. */
function chunks(items: ListItem[]): ListItem[][] {
  const out: ListItem[][] = [];
  let current: ListItem[] = [];
  let length = 0;
  for (const item of items) {
    const line = itemText(item).length + 3;
    if (current.length > 0 && length + line > LIMITS.sectionText - 50) {
      out.push(current);
      current = [];
      length = 0;
    }
    current.push(item);
    length += line;
  }
  if (current.length > 0) out.push(current);
  return out;
}

const bullets = (items: ListItem[]) => items.map((i) => `• ${itemText(i)}`).join("\n");

/** What a line's picker option shows: the line without markup, cut to Slack's option size. */
const optionLabel = (item: ListItem) => itemText(item).replace(/\*/g, "");

/**
 * How a list's case lines open their case: `buttons` puts a button by each line (one section per
 * line); `pickers` gives each section of lines one select with its cases (a long list in a message
 * would pass Slack's 50 blocks otherwise).
 */
type ListStyle = "buttons" | "pickers";

function listSections(items: ListItem[], index: number, style: ListStyle): SlackBlock[] {
  const out: SlackBlock[] = [];
  if (style === "buttons") {
    let plainLines: ListItem[] = [];
    const flush = () => {
      for (const c of chunks(plainLines)) out.push({ type: "section", text: mrkdwn(bullets(c)) });
      plainLines = [];
    };
    items.forEach((item, k) => {
      if (typeof item === "string") {
        plainLines.push(item);
        return;
      }
      flush();
      out.push({
        type: "section",
        text: mrkdwn(bullets([item])),
        accessory: button(item.open, index * 1000 + k),
      });
    });
    flush();
    return out;
  }
  chunks(items).forEach((chunk, k) => {
    const opens = chunk.filter((i): i is Exclude<ListItem, string> => typeof i !== "string");
    const first = opens[0];
    // One select serves one action: lines that open something else keep their text only.
    const options = opens
      .filter((i) => i.open.id === first?.open.id)
      .slice(0, LIMITS.optionsPerSelect)
      .map((i) => ({ text: plain(optionLabel(i), LIMITS.optionText), value: cut(i.open.value, 150) }));
    out.push({
      type: "section",
      text: mrkdwn(bullets(chunk)),
      ...(first && options.length > 0
        ? {
            accessory: {
              type: "static_select",
              action_id: slackActionId(first.open.id, index * 1000 + k),
              placeholder: plain(`${first.open.label} openen`, LIMITS.optionText),
              options,
            },
          }
        : {}),
    });
  });
  return out;
}

/** Our action ids may repeat in one message (two page buttons); Slack's may not, so a suffix keeps them apart. */
export const slackActionId = (id: string, index: number, once = false) =>
  cut(`${id}#${index}${once ? ONCE : ""}`, LIMITS.id);
/** Marks an action id whose press is run once per person and value (see Action.once). */
export const ONCE = "!";
export const isOnceAction = (slackId: string) => slackId.endsWith(ONCE);
export const ourActionId = (slackId: string) => slackId.split("#")[0] ?? slackId;

function button(action: Action, index: number): types.Button {
  return {
    type: "button",
    text: plain(action.label, LIMITS.buttonText),
    action_id: slackActionId(action.id, index, action.once),
    value: cut(action.value, LIMITS.buttonValue),
    ...(action.style ? { style: action.style } : {}),
  };
}

function renderBlock(block: Block, index: number, style: ListStyle): SlackBlock[] {
  switch (block.type) {
    case "heading":
      return [{ type: "header", text: plain(block.text, LIMITS.header) }];
    case "text":
      return [{ type: "section", text: mrkdwn(block.text) }];
    case "fields": {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.fields.length; i += LIMITS.fieldsPerSection) {
        out.push({
          type: "section",
          fields: block.fields
            .slice(i, i + LIMITS.fieldsPerSection)
            .map((f) => mrkdwn(`*${f.label}*\n${f.value}`, LIMITS.fieldText)),
        });
      }
      return out;
    }
    case "list":
      return listSections(block.items, index, style);
    case "actions":
      return [
        { type: "actions", block_id: `actions_${index}`, elements: block.actions.slice(0, 25).map(button) },
      ];
    case "context":
      return [{ type: "context", elements: [mrkdwn(block.text, LIMITS.fieldText)] }];
    case "divider":
      return [{ type: "divider" }];
    case "image":
      // Block Kit shows only images it can fetch by URL; the chart is uploaded next to the message.
      return [];
  }
}

/**
 * A message as Block Kit blocks plus the plain text Slack shows in notifications. Case lines get a
 * button each when that fits within `maxBlocks`, else one picker per section of lines.
 */
export function renderMessage(
  message: Message,
  maxBlocks: number = LIMITS.messageBlocks,
): { blocks: SlackBlock[]; text: string } {
  const render = (style: ListStyle) => message.blocks.flatMap((b, i) => renderBlock(b, i, style));
  const withButtons = render("buttons");
  const blocks = withButtons.length <= maxBlocks ? withButtons : render("pickers");
  if (blocks.length > maxBlocks) {
    const kept = blocks.slice(0, maxBlocks - 1);
    kept.push({
      type: "context",
      elements: [mrkdwn(`(${blocks.length - kept.length} onderdelen weggelaten)`)],
    });
    return { blocks: kept, text: cut(message.summary, 3000) };
  }
  return { blocks, text: cut(message.summary, 3000) };
}

/** A person's home as Slack's App Home tab view (views.publish). */
export function homeView(message: Message): types.HomeView {
  return { type: "home", blocks: renderMessage(message, LIMITS.modalBlocks).blocks };
}

const option = (o: { value: string; label: string }): types.PlainTextOption => ({
  text: plain(o.label, LIMITS.optionText),
  value: cut(o.value, 150),
});

function element(field: Field, options?: { value: string; label: string }[]): InputElement {
  switch (field.kind) {
    case "text":
    case "textarea":
      return {
        type: "plain_text_input",
        action_id: "value",
        multiline: field.kind === "textarea",
        ...(field.maxLength ? { max_length: field.maxLength } : {}),
        ...(field.initial ? { initial_value: field.initial } : {}),
        ...(field.kind === "text" && field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {}),
      };
    case "number":
      return {
        type: "number_input",
        action_id: "value",
        is_decimal_allowed: false,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(field.initial !== undefined ? { initial_value: String(field.initial) } : {}),
      };
    case "date":
      return {
        type: "datepicker",
        action_id: "value",
        ...(field.initial ? { initial_date: field.initial } : {}),
      };
    case "select": {
      const opts = field.options.slice(0, LIMITS.optionsPerSelect).map(option);
      const initial = opts.find((o) => o.value === field.initial);
      return {
        type: "static_select",
        action_id: "value",
        options: opts,
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case "multiselect": {
      const shown = field.options.slice(0, LIMITS.optionsPerSelect);
      const initial = shown.filter((o) => field.initial?.includes(o.value)).map(option);
      return {
        type: "multi_static_select",
        action_id: "value",
        options: shown.map(option),
        ...(initial.length ? { initial_options: initial } : {}),
      };
    }
    case "checkboxes": {
      const shown = options ?? field.options;
      const opts = shown.map(option);
      const initial = shown.filter((o) => field.initial?.includes(o.value)).map(option);
      return {
        type: "checkboxes",
        action_id: "value",
        options: opts,
        ...(initial.length ? { initial_options: initial } : {}),
      };
    }
  }
}

/** The block id of a field; checkboxes beyond Slack's 10 per element continue in `${id}__2`, … */
export const fieldOfBlock = (blockId: string) => blockId.split("__")[0] ?? blockId;

function inputBlocks(field: Field): SlackBlock[] {
  const base = (blockId: string, label: string, el: InputElement, optional: boolean): types.InputBlock => ({
    type: "input",
    block_id: cut(blockId, LIMITS.id),
    label: plain(label, 2000),
    optional,
    element: el,
    ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
  });
  if (field.kind === "checkboxes" && field.options.length > LIMITS.checkboxOptions) {
    const parts: SlackBlock[] = [];
    for (let i = 0; i < field.options.length; i += LIMITS.checkboxOptions) {
      const n = i / LIMITS.checkboxOptions + 1;
      const id = n === 1 ? field.id : `${field.id}__${n}`;
      parts.push(
        base(
          id,
          n === 1 ? field.label : `${field.label} (vervolg)`,
          element(field, field.options.slice(i, i + 10)),
          true,
        ),
      );
    }
    return parts;
  }
  // A field shows as optional exactly when it is: a required checkbox group needs its ticks.
  return [base(field.id, field.label, element(field), !field.required)];
}

/** A message shown in a modal without inputs (e.g. "still saving"). */
export function messageModal(message: Message, title = "Zicht"): types.ModalView {
  return {
    type: "modal",
    title: plain(title, LIMITS.modalTitle),
    close: plain("Sluiten", LIMITS.modalTitle),
    blocks: renderMessage(message).blocks.slice(0, LIMITS.modalBlocks),
  };
}

const modalState = z.object({ formId: z.string().max(200), state: z.string() });
export type ModalState = z.output<typeof modalState>;

/** A submitted modal's form and state; a modal Zicht did not make routes to no form (an error reference). */
export function readModalState(privateMetadata: string | undefined): ModalState {
  try {
    const parsed = modalState.safeParse(JSON.parse(privateMetadata || "{}"));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON
  }
  return { formId: "", state: "" };
}

/** A form as a modal view; its id and state travel in private_metadata. */
export function renderModal(form: Form): types.ModalView {
  const blocks: SlackBlock[] = [];
  if (form.intro) blocks.push({ type: "context", elements: [mrkdwn(form.intro, LIMITS.fieldText)] });
  for (const field of form.fields) blocks.push(...inputBlocks(field));
  const meta: ModalState = { formId: form.id, state: form.state };
  const privateMetadata = JSON.stringify(meta);
  if (privateMetadata.length > LIMITS.privateMetadata)
    throw new Error(`form ${form.id}: state too large for Slack`);
  return {
    type: "modal",
    callback_id: "zicht_form",
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalTitle),
    close: plain("Annuleren", LIMITS.modalTitle),
    private_metadata: privateMetadata,
    blocks: blocks.slice(0, LIMITS.modalBlocks),
  };
}
