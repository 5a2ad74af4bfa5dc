import { createRequire } from "node:module";

// The official `adaptivecards` library parses every card the app produces; any parse or validation
// event (unknown element, duplicate id, missing property…) is a defect Teams would show.

const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js") as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

/** Teams refuses messages over about 28 KB. */
export const TEAMS_MESSAGE_LIMIT = 28 * 1024;

export function cardProblems(card: unknown): string[] {
  const ac = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  ac.parse(card, context);
  const out: string[] = [];
  for (let i = 0; i < context.eventCount; i++) out.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of ac.validateProperties().validationEvents) out.push(`validate: ${e.message}`);
  const size = JSON.stringify(card).length;
  if (size > TEAMS_MESSAGE_LIMIT) out.push(`card of ${size} bytes exceeds Teams' limit`);
  return out;
}
