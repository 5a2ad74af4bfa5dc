import type { Action, Block, Field, Form, Message } from "../../ui/view.ts";

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

type SlackBlock = Record<string, unknown>;

export const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** mrkdwn needs &, < and > escaped; `*bold*` is already Slack's. */
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const plain = (text: string, max: number) => ({ type: "plain_text", text: cut(text, max), emoji: false });
const mrkdwn = (text: string, max: number = LIMITS.sectionText) => ({
  type: "mrkdwn",
  text: cut(escapeMrkdwn(text), max),
});

/** Splits lines into sections of at most 3000 characters each. */
function listSections(items: string[]): SlackBlock[] {
  const sections: string[] = [];
  let current = "";
  for (const item of items.map((i) => `• ${i}`)) {
    if (current && current.length + item.length + 1 > LIMITS.sectionText - 50) {
      sections.push(current);
      current = "";
    }
    current = current ? `${current}\n${item}` : item;
  }
  if (current) sections.push(current);
  return sections.map((text) => ({ type: "section", text: mrkdwn(text) }));
}

/** Our action ids may repeat in one message (two page buttons); Slack's may not, so a suffix keeps them apart. */
export const slackActionId = (id: string, index: number, once = false) =>
  cut(`${id}#${index}${once ? ONCE : ""}`, LIMITS.id);
/** Marks an action id whose press is run once per person and value (see Action.once). */
export const ONCE = "!";
export const isOnceAction = (slackId: string) => slackId.endsWith(ONCE);
export const ourActionId = (slackId: string) => slackId.split("#")[0] ?? slackId;

function button(action: Action, index: number) {
  return {
    type: "button",
    text: plain(action.label, LIMITS.buttonText),
    action_id: slackActionId(action.id, index, action.once),
    value: cut(action.value, LIMITS.buttonValue),
    ...(action.style ? { style: action.style } : {}),
  };
}

function renderBlock(block: Block, index: number): SlackBlock[] {
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
      return listSections(block.items);
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

/** A message as Block Kit blocks plus the plain text Slack shows in notifications. */
export function renderMessage(message: Message): { blocks: SlackBlock[]; text: string } {
  const blocks = message.blocks.flatMap((b, i) => renderBlock(b, i));
  if (blocks.length > LIMITS.messageBlocks) {
    const kept = blocks.slice(0, LIMITS.messageBlocks - 1);
    kept.push({
      type: "context",
      elements: [mrkdwn(`(${blocks.length - kept.length} onderdelen weggelaten)`)],
    });
    return { blocks: kept, text: cut(message.summary, 3000) };
  }
  return { blocks, text: cut(message.summary, 3000) };
}

const option = (o: { value: string; label: string }) => ({
  text: plain(o.label, LIMITS.optionText),
  value: cut(o.value, 150),
});

function element(field: Field, options?: { value: string; label: string }[]): Record<string, unknown> {
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
      const opts = field.options.slice(0, LIMITS.optionsPerSelect).map(option);
      const initial = opts.filter((o) => field.initial?.includes(o.value));
      return {
        type: "multi_static_select",
        action_id: "value",
        options: opts,
        ...(initial.length ? { initial_options: initial } : {}),
      };
    }
    case "checkboxes": {
      const opts = (options ?? field.options).map(option);
      const initial = opts.filter((o) => field.initial?.includes(o.value));
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
  const base = (blockId: string, label: string, el: Record<string, unknown>, optional: boolean) => ({
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
export function messageModal(message: Message, title = "Zicht"): Record<string, unknown> {
  return {
    type: "modal",
    title: plain(title, LIMITS.modalTitle),
    close: plain("Sluiten", LIMITS.modalTitle),
    blocks: renderMessage(message).blocks.slice(0, LIMITS.modalBlocks),
  };
}

export interface ModalState {
  formId: string;
  state: string;
}

/** A form as a modal view; its id and state travel in private_metadata. */
export function renderModal(form: Form): Record<string, unknown> {
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
