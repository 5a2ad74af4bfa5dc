import type { Result } from "../cases/result.ts";
import type { Form, FormValues, Message, SubmitReply } from "./view.ts";

// Reading submitted form values, and turning a use case's answer into what the form shows.

export const text = (values: FormValues, id: string): string | undefined => {
  const v = values[id];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === "" ? undefined : s.trim();
};

export const list = (values: FormValues, id: string): string[] => {
  const v = values[id];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((s) => s !== "");
};

/** "ja"/"nee" selects → boolean; anything else stays undefined so the use case reports it. */
export const yesNo = (values: FormValues, id: string): boolean | undefined => {
  const v = text(values, id);
  return v === "ja" ? true : v === "nee" ? false : undefined;
};

/** A whole number, or the raw text so the use case can say what is wrong with it. */
export const wholeNumber = (values: FormValues, id: string): number | string | undefined => {
  const v = text(values, id);
  if (v === undefined) return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : v;
};

/** "2015 2018" or "2015, 2018" → [2015, 2018]; a word that is no year stays as text for the error. */
export const years = (values: FormValues, id: string): (number | string)[] =>
  (text(values, id) ?? "")
    .split(/[\s,;]+/)
    .filter((w) => w !== "")
    .map((w) => (/^\d{4}$/.test(w) ? Number(w) : w));

export const YES_NO = [
  { value: "ja", label: "Ja" },
  { value: "nee", label: "Nee" },
];

/**
 * A use case's refusal shown on the form: each error at its field; an error about something not on
 * the form (permission, a missing case) at the first field, so the person sees it where they are.
 */
export function submitReply<T>(
  form: Pick<Form, "fields">,
  result: Result<T>,
  onOk: (value: T) => Message,
): SubmitReply {
  if (result.ok) return { kind: "message", message: onOk(result.value) };
  const ids = new Set(form.fields.map((f) => f.id));
  const errors: Record<string, string> = {};
  const stray: string[] = [];
  for (const [field, msg] of Object.entries(result.error.fields ?? {})) {
    if (ids.has(field)) errors[field] = msg;
    else stray.push(msg);
  }
  if (Object.keys(errors).length === 0 || stray.length > 0) {
    const first = form.fields[0]?.id ?? "_";
    const msg = stray.length > 0 ? stray.join(" ") : result.error.message;
    errors[first] = errors[first] ? `${errors[first]} ${msg}` : msg;
  }
  return "id" in form ? { kind: "errors", errors, form: form as Form } : { kind: "errors", errors };
}
