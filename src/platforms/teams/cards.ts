import type {
  CardElementArray,
  IAdaptiveCard,
  IChoiceSetInput,
  IDateInput,
  IExecuteAction,
  INumberInput,
  ISubmitAction,
  ITextInput,
} from "@microsoft/teams.cards";
import {
  type Action,
  type Block,
  type Field,
  type Form,
  type FormValues,
  itemText,
  type ListItem,
  type Message,
} from "../../ui/view.ts";

// The view model as Adaptive Cards 1.5. Buttons are Action.Execute (Universal Actions) with an
// Action.Submit fallback for older clients; both carry the same data, so one handler serves both.

/** An Adaptive Card 1.5 as the Teams SDK types it. */
export type AdaptiveCard = IAdaptiveCard;
type Element = CardElementArray[number];
type InputElement = ITextInput | INumberInput | IDateInput | IChoiceSetInput;

const MAX_ACTIONS = 5;

/** What every button and form submit carries back to us. */
export type CardData = {
  zicht: "action" | "submit";
  /** action: the command action id; submit: the form id. */
  id: string;
  /** action: its value; submit: the form's state. */
  value: string;
  /** submit: the fields whose answers are lists ("a,b" on the card). */
  multi?: string[];
  /** The card travels into conversations Zicht may not see (search results): always answer privately. */
  anywhere?: boolean;
  /** action: the value is what was picked in this input of the card (a long list's case picker). */
  pick?: string;
};

const card = (body: Element[], actions?: (IExecuteAction | ISubmitAction)[]): AdaptiveCard => ({
  type: "AdaptiveCard",
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  version: "1.5",
  body,
  ...(actions?.length ? { actions } : {}),
});

/** Adaptive Cards markdown knows **bold**; our `*bold*` becomes that. */
const md = (text: string) => text.replace(/\*([^*\n]+)\*/g, "**$1**");

function execute(title: string, data: CardData, style?: Action["style"]): IExecuteAction {
  return {
    type: "Action.Execute",
    title,
    verb: data.zicht,
    data,
    ...(style ? { style: style === "danger" ? "destructive" : "positive" } : {}),
    fallback: { type: "Action.Submit", title, data },
  };
}

/** Below Teams' 28 KB per message, with room for the activity around the card. */
const CARD_BUDGET = 24 * 1024;

/**
 * How a list's case lines open their case: `buttons` puts a button by each line; `pickers` gives a
 * list one choice of its cases and one button (a long list stays within Teams' size limit).
 */
type ListStyle = "buttons" | "pickers";

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const listText = (items: ListItem[]): Element => ({
  type: "TextBlock",
  text: items.map((i) => `- ${md(itemText(i))}`).join("\n"),
  wrap: true,
});

function listElements(items: ListItem[], index: number, anywhere: boolean, style: ListStyle): Element[] {
  const opens = items.filter((i): i is Exclude<ListItem, string> => typeof i !== "string");
  const first = opens[0];
  if (!first) return [listText(items)];
  const data = (a: Action): CardData => ({
    zicht: "action",
    id: a.id,
    value: a.value,
    ...(anywhere ? { anywhere } : {}),
  });
  if (style === "pickers") {
    // One choice serves one action: lines that open something else keep their text only.
    const pick = `open_${index}`;
    return [
      listText(items),
      {
        type: "Input.ChoiceSet",
        id: pick,
        label: `${first.open.label} openen`,
        placeholder: "Kies een zaak",
        style: "compact",
        choices: opens
          .filter((i) => i.open.id === first.open.id)
          .map((i) => ({ title: cut(itemText(i).replace(/\*/g, ""), 40), value: i.open.value })),
      },
      {
        type: "ActionSet",
        actions: [execute(`${first.open.label} openen`, { ...data(first.open), value: "", pick })],
      },
    ];
  }
  const out: Element[] = [];
  let plainLines: ListItem[] = [];
  const flush = () => {
    if (plainLines.length > 0) out.push(listText(plainLines));
    plainLines = [];
  };
  for (const item of items) {
    if (typeof item === "string") {
      plainLines.push(item);
      continue;
    }
    flush();
    out.push({
      type: "ColumnSet",
      spacing: "Small",
      columns: [
        { type: "Column", width: "stretch", items: [listText([item])], verticalContentAlignment: "Center" },
        {
          type: "Column",
          width: "auto",
          items: [
            { type: "ActionSet", actions: [execute(item.open.label, data(item.open), item.open.style)] },
          ],
        },
      ],
    });
  }
  flush();
  return out;
}

function renderBlock(block: Block, index: number, anywhere: boolean, style: ListStyle): Element[] {
  switch (block.type) {
    case "heading":
      return [{ type: "TextBlock", text: block.text, weight: "Bolder", size: "Medium", wrap: true }];
    case "text":
      return [{ type: "TextBlock", text: md(block.text), wrap: true }];
    case "fields":
      return [{ type: "FactSet", facts: block.fields.map((f) => ({ title: f.label, value: md(f.value) })) }];
    case "list":
      return listElements(block.items, index, anywhere, style);
    case "context":
      return [{ type: "TextBlock", text: md(block.text), wrap: true, isSubtle: true, size: "Small" }];
    case "divider":
      return [{ type: "TextBlock", text: " ", separator: true }];
    case "image":
      // Inline, so the card needs no URL Teams would have to fetch from Zicht (about 10 KB of the 28).
      return [
        {
          type: "Image",
          url: `data:image/png;base64,${block.png}`,
          altText: block.alt,
          size: "Stretch",
        },
      ];
    case "actions": {
      // Hosts show at most 5 actions per set, so longer rows are split.
      const sets: Element[] = [];
      for (let k = 0; k < block.actions.length; k += MAX_ACTIONS) {
        sets.push({
          type: "ActionSet",
          actions: block.actions
            .slice(k, k + MAX_ACTIONS)
            .map((a) =>
              execute(
                a.label,
                { zicht: "action", id: a.id, value: a.value, ...(anywhere ? { anywhere } : {}) },
                a.style,
              ),
            ),
        });
      }
      return sets;
    }
  }
}

export interface MessageCardOptions {
  anywhere?: boolean;
  /** The Teams user (29:… id) this card is for: a view that stays current refreshes for them. */
  viewer?: string;
}

/**
 * A message as a card. Case lines get a button each when the card stays within Teams' size,
 * else one picker per list. A view that stays current carries a refresh for its viewer only.
 */
export function messageCard(message: Message, options: MessageCardOptions = {}): AdaptiveCard {
  const anywhere = options.anywhere ?? false;
  const render = (style: ListStyle) => message.blocks.flatMap((b, i) => renderBlock(b, i, anywhere, style));
  const withButtons = render("buttons");
  const body = JSON.stringify(withButtons).length <= CARD_BUDGET ? withButtons : render("pickers");
  const refresh: Pick<IAdaptiveCard, "refresh"> =
    message.refresh && options.viewer
      ? {
          refresh: {
            action: {
              type: "Action.Execute",
              verb: "refresh",
              data: {
                zicht: "action",
                id: message.refresh.id,
                value: message.refresh.value,
              } satisfies CardData,
            },
            userIds: [options.viewer],
          },
        }
      : {};
  // Full width: lists of cases read badly in a narrow bubble. Teams documents the value as "Full";
  // the SDK's type spells it "full", so the documented spelling is added to the typed card.
  return Object.assign(card(body), { msteams: { width: "Full" } }, refresh);
}

const choices = (options: { value: string; label: string }[]) =>
  options.map((o) => ({ title: o.label, value: o.value }));

/**
 * The one message Teams shows for any check it does itself: for a number that is also the range
 * ("0" with min 1 is not "verplicht" — it is out of range).
 */
function clientError(field: Field): string {
  if (field.kind === "number" && (field.min !== undefined || field.max !== undefined)) {
    const range =
      field.min !== undefined && field.max !== undefined
        ? `van ${field.min} tot en met ${field.max}`
        : field.min !== undefined
          ? `van ${field.min} of meer`
          : `tot en met ${field.max}`;
    return `Vul bij ${field.label} een getal ${range} in.`;
  }
  if (field.kind === "checkboxes") return `Vink aan bij ${field.label}.`;
  return `${field.label} is verplicht.`;
}

function input(field: Field, typed: FormValues | undefined): InputElement {
  const given = typed?.[field.id];
  const value = (fallback: string | undefined): string | undefined =>
    given !== undefined ? (Array.isArray(given) ? given.join(",") : given) : fallback;
  const base = {
    id: field.id,
    label: field.label,
    isRequired: field.required,
    errorMessage: clientError(field),
  };
  switch (field.kind) {
    case "text":
    case "textarea":
      return {
        type: "Input.Text",
        ...base,
        isMultiline: field.kind === "textarea",
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(value(field.initial) !== undefined ? { value: value(field.initial) } : {}),
        ...(field.kind === "text" && field.placeholder ? { placeholder: field.placeholder } : {}),
      };
    case "number":
      return {
        type: "Input.Number",
        ...base,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(value(field.initial?.toString()) !== undefined
          ? { value: Number(value(field.initial?.toString())) }
          : {}),
      };
    case "date":
      return {
        type: "Input.Date",
        ...base,
        ...(value(field.initial) ? { value: value(field.initial) } : {}),
      };
    case "select":
      return {
        type: "Input.ChoiceSet",
        ...base,
        style: "compact",
        choices: choices(field.options),
        // Teams' type-ahead: as the person types, Teams asks Zicht (application/search) for more.
        ...(field.typeAhead ? { "choices.data": { type: "Data.Query", dataset: field.typeAhead } } : {}),
        ...(value(field.initial) ? { value: value(field.initial) } : {}),
      };
    case "multiselect":
    case "checkboxes":
      return {
        type: "Input.ChoiceSet",
        ...base,
        isRequired: field.required,
        isMultiSelect: true,
        style: field.kind === "checkboxes" ? "expanded" : "compact",
        choices: choices(field.options),
        ...(value(field.initial?.join(",")) ? { value: value(field.initial?.join(",")) } : {}),
      };
  }
}

/**
 * A form as a card. After a refused submission it comes back with what was typed and each Dutch
 * error under its field.
 */
export function formCard(
  form: Form,
  typed?: FormValues,
  errors: Record<string, string> = {},
  where: "chat" | "dialog" = "chat",
): AdaptiveCard {
  const body: Element[] = [
    { type: "TextBlock", text: form.title, weight: "Bolder", size: "Medium", wrap: true },
  ];
  if (form.intro) body.push({ type: "TextBlock", text: md(form.intro), wrap: true, isSubtle: true });
  const stray = Object.entries(errors).filter(([id]) => !form.fields.some((f) => f.id === id));
  for (const [, message] of stray)
    body.push({ type: "TextBlock", text: message, color: "Attention", wrap: true });
  for (const field of form.fields) {
    body.push(input(field, typed));
    // Adaptive Cards inputs have no hint of their own: it goes right under the field.
    if (field.hint)
      body.push({
        type: "TextBlock",
        text: field.hint,
        isSubtle: true,
        size: "Small",
        wrap: true,
        spacing: "None",
      });
    const error = errors[field.id];
    if (error) body.push({ type: "TextBlock", text: error, color: "Attention", wrap: true, size: "Small" });
  }
  const multi = form.fields
    .filter((f) => f.kind === "multiselect" || f.kind === "checkboxes")
    .map((f) => f.id);
  const data: CardData = { zicht: "submit", id: form.id, value: form.state, multi };
  // In a dialog, Action.Submit is what Teams sends back as task/submit.
  return card(body, [
    where === "dialog"
      ? { type: "Action.Submit", title: form.submitLabel, style: "positive", data }
      : execute(form.submitLabel, data, "primary"),
  ]);
}

/** How a dialog finds its form again when Teams asks for it (task/fetch). */
export type DialogSource = { via: "text"; text: string } | { via: "action"; id: string; value: string };

/** A long form's place in the chat: its title and a button that opens it as a dialog. */
export function dialogLauncherCard(form: Form, source: DialogSource): AdaptiveCard {
  const body: Element[] = [
    { type: "TextBlock", text: form.title, weight: "Bolder", size: "Medium", wrap: true },
  ];
  if (form.intro) body.push({ type: "TextBlock", text: md(form.intro), wrap: true, isSubtle: true });
  return card(body, [
    {
      type: "Action.Submit",
      title: "Formulier openen",
      style: "positive",
      data: { msteams: { type: "task/fetch" }, zicht: "dialog", ...source },
    },
  ]);
}

/** Card inputs come back as strings, multi-selects as "a,b"; the submit data says which are lists. */
export function readCardValues(data: Record<string, unknown>): FormValues {
  const multi = new Set(Array.isArray(data.multi) ? (data.multi as string[]) : []);
  const out: FormValues = {};
  for (const [key, v] of Object.entries(data)) {
    if (["zicht", "id", "value", "multi", "anywhere", "pick"].includes(key)) continue;
    const s = v === undefined || v === null ? undefined : String(v);
    out[key] = multi.has(key) ? (s ?? "").split(",").filter((x) => x !== "") : s;
  }
  return out;
}
