// Fills a modal the way a person does: what the app prefilled stays, the person's answers replace
// the rest. The shapes come from the opened view itself, so a test cannot submit a field the view
// does not have, or miss one the app prefilled.

interface Element {
  type: string;
  action_id?: string;
  initial_value?: string;
  initial_date?: string;
  initial_option?: { value: string };
  initial_options?: { value: string }[];
  options?: { value: string; text: { text: string } }[];
}
interface InputBlock {
  type: string;
  block_id?: string;
  element?: Element;
}

/** An answer: a text, a date, one option (by value) or several. */
export type Answer = string | string[] | null;

function stateOf(element: Element, answer: Answer | undefined): Record<string, unknown> {
  const given = answer !== undefined;
  switch (element.type) {
    case "plain_text_input":
    case "number_input":
      return { type: element.type, value: given ? answer : (element.initial_value ?? null) };
    case "datepicker":
      return { type: element.type, selected_date: given ? answer : (element.initial_date ?? null) };
    case "static_select":
    case "external_select":
      return {
        type: element.type,
        selected_option: given
          ? answer === null
            ? null
            : { value: answer }
          : (element.initial_option ?? null),
      };
    case "checkboxes":
    case "multi_static_select":
    case "multi_external_select":
      return {
        type: element.type,
        selected_options: given
          ? ([] as string[]).concat(answer ?? []).map((value) => ({ value }))
          : (element.initial_options ?? []),
      };
    default:
      throw new Error(`the test does not know how to fill a ${element.type}`);
  }
}

/** state.values for a view_submission of `view`, answering by block id. */
export function fillModal(
  view: Record<string, unknown>,
  answers: Record<string, Answer>,
): Record<string, unknown> {
  const blocks = (view.blocks as InputBlock[]).filter((b) => b.type === "input" && b.block_id && b.element);
  const known = new Set(blocks.map((b) => b.block_id));
  const unknown = Object.keys(answers).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new Error(`the modal has no field ${unknown.join(", ")}`);
  return Object.fromEntries(
    blocks.map((b) => [
      b.block_id,
      { [b.element?.action_id ?? "value"]: stateOf(b.element as Element, answers[b.block_id ?? ""]) },
    ]),
  );
}

/** The value of the option whose label contains `label`, in the field `blockId` of `view`. */
export function optionWithLabel(view: Record<string, unknown>, blockId: string, label: string): string {
  const block = (view.blocks as InputBlock[]).find((b) => b.block_id === blockId);
  const option = block?.element?.options?.find((o) => o.text.text.includes(label));
  if (!option) throw new Error(`no option "${label}" in ${blockId}`);
  return option.value;
}

/** The field's prefilled value, as the person sees it when the modal opens. */
export function prefilled(view: Record<string, unknown>, blockId: string): string | undefined {
  const e = (view.blocks as InputBlock[]).find((b) => b.block_id === blockId)?.element;
  return e?.initial_option?.value ?? e?.initial_value ?? e?.initial_date;
}
