import type { Action, Block, Field, Form, FormValues, Message } from "../../ui/view.ts";

// The view model as Adaptive Cards 1.5. Buttons are Action.Execute (Universal Actions) with an
// Action.Submit fallback for older clients; both carry the same data, so one handler serves both.

type Element = Record<string, unknown>;
export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  body: Element[];
  actions?: Element[];
  /** Teams: "Full" uses the chat's whole width (lists of cases read badly in a narrow bubble). */
  msteams?: { width: "Full" };
}

const MAX_ACTIONS = 5;

/** What every button and form submit carries back to us. */
export interface CardData {
  zicht: "action" | "submit";
  /** action: the command action id; submit: the form id. */
  id: string;
  /** action: its value; submit: the form's state. */
  value: string;
  /** submit: the fields whose answers are lists ("a,b" on the card). */
  multi?: string[];
  /** The card travels into conversations Zicht may not see (search results): always answer privately. */
  anywhere?: boolean;
}

const card = (body: Element[], actions?: Element[]): AdaptiveCard => ({
  type: "AdaptiveCard",
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  version: "1.5",
  body,
  ...(actions?.length ? { actions } : {}),
});

/** Adaptive Cards markdown knows **bold**; our `*bold*` becomes that. */
const md = (text: string) => text.replace(/\*([^*\n]+)\*/g, "**$1**");

function execute(title: string, data: CardData, style?: Action["style"]): Element {
  return {
    type: "Action.Execute",
    title,
    verb: data.zicht,
    data,
    ...(style ? { style: style === "danger" ? "destructive" : "positive" } : {}),
    fallback: { type: "Action.Submit", title, data },
  };
}

function renderBlock(block: Block, anywhere: boolean): Element[] {
  switch (block.type) {
    case "heading":
      return [{ type: "TextBlock", text: block.text, weight: "Bolder", size: "Medium", wrap: true }];
    case "text":
      return [{ type: "TextBlock", text: md(block.text), wrap: true }];
    case "fields":
      return [{ type: "FactSet", facts: block.fields.map((f) => ({ title: f.label, value: md(f.value) })) }];
    case "list":
      return [{ type: "TextBlock", text: block.items.map((i) => `- ${md(i)}`).join("\n"), wrap: true }];
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

export function messageCard(message: Message, options: { anywhere?: boolean } = {}): AdaptiveCard {
  const body = message.blocks.flatMap((b) => renderBlock(b, options.anywhere ?? false));
  return { ...card(body), msteams: { width: "Full" } };
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

function input(field: Field, typed: FormValues | undefined): Element {
  const given = typed?.[field.id];
  const value = (fallback: unknown) =>
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
        ...(value(field.initial) !== undefined ? { value: Number(value(field.initial)) } : {}),
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
    if (errors[field.id])
      body.push({ type: "TextBlock", text: errors[field.id], color: "Attention", wrap: true, size: "Small" });
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
    if (["zicht", "id", "value", "multi", "anywhere"].includes(key)) continue;
    const s = v === undefined || v === null ? undefined : String(v);
    out[key] = multi.has(key) ? (s ?? "").split(",").filter((x) => x !== "") : s;
  }
  return out;
}
