import type { FormValues } from "../../ui/view.ts";
import { fieldOfBlock } from "./blocks.ts";

interface SlackInputState {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
}

/** view.state.values → our values by field id; split checkbox blocks are joined again. */
export function readValues(state: Record<string, Record<string, SlackInputState>>): FormValues {
  const out: FormValues = {};
  for (const [blockId, actions] of Object.entries(state)) {
    const input = actions.value;
    if (!input) continue;
    const field = fieldOfBlock(blockId);
    switch (input.type) {
      case "checkboxes":
      case "multi_static_select": {
        const prev = out[field];
        const chosen = (input.selected_options ?? []).map((o) => o.value);
        out[field] = [...(Array.isArray(prev) ? prev : []), ...chosen];
        break;
      }
      case "static_select":
        out[field] = input.selected_option?.value ?? undefined;
        break;
      case "datepicker":
        out[field] = input.selected_date ?? undefined;
        break;
      default:
        out[field] = input.value ?? undefined;
    }
  }
  return out;
}

/** Our errors by field id → Slack's by block id (a split field's error shows at its first block). */
export function slackErrors(errors: Record<string, string>, blockIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const block = blockIds.find((b) => fieldOfBlock(b) === field) ?? blockIds[0];
    if (block) out[block] = out[block] ? `${out[block]} ${message}` : message;
  }
  return out;
}
