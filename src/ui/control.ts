import { z } from "zod";
import type { Action, ControlId, Field, Form } from "./view.ts";

// Buttons and forms are typed references, not strings. A command's buttons and forms are declared
// once (src/ui/controls/<command>.ts) with the zod schema of what they carry; views place a button by
// importing its declaration, the command handles it by the same declaration (commands/command.ts),
// and the dispatcher routes by it. A renamed or removed button is a compile error, and a value that
// does not fit its schema never reaches a handler.
//
// To add a button: `export const x = defineButton("command.word", schema)` in the command's controls
// file; `button(x, "Label", value)` in a view; `on(x, handler)` in the command's `buttons`.

export interface ButtonRef<T> {
  readonly kind: "button";
  readonly id: ControlId;
  /** What the button carries; checked when it is pressed. */
  readonly value: z.ZodType<T>;
  /** See Action.once. */
  readonly once: boolean;
}

export interface FormRef<T> {
  readonly kind: "form";
  readonly id: ControlId;
  /** What the form carries back besides the fields (e.g. the zaaknummer); checked at submission. */
  readonly state: z.ZodType<T>;
}

const ID = /^[a-z]+(\.[a-z_]+)?$/;

/** Declares a button: `id` is "command" or "command.word" (the wire id old messages still carry). */
export function defineButton<T>(
  id: string,
  value: z.ZodType<T>,
  options: { once?: boolean } = {},
): ButtonRef<T> {
  if (!ID.test(id)) throw new Error(`button id ${id}: "command" or "command.word"`);
  return { kind: "button", id: id as ControlId, value, once: options.once ?? false };
}

/** Declares a form; its id routes the submission back to the command that handles it. */
export function defineForm<T>(id: string, state: z.ZodType<T>): FormRef<T> {
  if (!ID.test(id)) throw new Error(`form id ${id}: "command" or "command.word"`);
  return { kind: "form", id: id as ControlId, state };
}

/** The command a control belongs to: the part of its id before the dot. */
export const commandOf = (ref: { id: ControlId }): string => ref.id.split(".")[0] ?? ref.id;

// Values travel as strings (Slack's button value, a card's data). A string stays as it is, so a
// button carrying a zaaknummer has the zaaknummer as its value; anything else is JSON.

export const encode = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** The value as the schema reads it, or null when it does not fit (an old or forged button). */
export function decode<T>(schema: z.ZodType<T>, raw: string): T | null {
  let json: unknown = raw;
  try {
    json = JSON.parse(raw);
  } catch {
    // not JSON: the raw string
  }
  const fromJson = schema.safeParse(json);
  if (fromJson.success) return fromJson.data;
  const asIs = schema.safeParse(raw);
  return asIs.success ? asIs.data : null;
}

/** A button for a view: the declaration, its label and what it carries. */
export function button<T>(ref: ButtonRef<T>, label: string, value: T, style?: Action["style"]): Action {
  return {
    id: ref.id,
    label,
    value: encode(value),
    ...(style ? { style } : {}),
    ...(ref.once ? { once: true } : {}),
  };
}

/** A form to open: the declaration, what it carries back, and what it shows. */
export function form<T>(
  ref: FormRef<T>,
  state: T,
  shown: { title: string; submitLabel: string; intro?: string; fields: Field[]; long?: boolean },
): Form {
  return { id: ref.id, state: encode(state), ...shown };
}

/** Common value schemas. */
export const zaaknummerValue = z.string().min(1).max(200);
export const idValue = z.number().int().positive();
