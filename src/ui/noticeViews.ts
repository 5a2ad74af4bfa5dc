import { REJECTION_REASONS } from "../cases/decideHandover.ts";
import type { NoticeData } from "../cases/payloads.ts";
import { WITHDRAW_REASONS } from "../cases/putRight.ts";
import { SNOOZE_REASONS } from "../cases/snoozeReminder.ts";
import { dutchDate } from "../domain/dates.ts";
import { HANDOVER_REASONS } from "../domain/handover.ts";
import { button } from "./control.ts";
import { zaakButtons } from "./controls/zaak.ts";
import { DEADLINE_LABEL } from "./labels.ts";
import { type Message, message } from "./view.ts";

const withCard = (summary: string, text: string, zaaknummer: string): Message =>
  message(summary, [
    { type: "text", text },
    { type: "actions", actions: [button(zaakButtons.open, "Zaakkaart", zaaknummer)] },
  ]);

/** Direct messages about steps others took on a case. */
export function noticeMessage(n: NoticeData): Message {
  switch (n.type) {
    case "handover_rejected":
      return withCard(
        `Overdracht van zaak ${n.zaaknummer} afgewezen`,
        `${n.by} heeft de overdracht van zaak ${n.zaaknummer} afgewezen: ${REJECTION_REASONS[n.reason as keyof typeof REJECTION_REASONS] ?? n.reason}.`,
        n.zaaknummer,
      );
    case "handover_accepted":
      return withCard(
        `Overdracht van zaak ${n.zaaknummer} geaccepteerd`,
        `${n.by} heeft de overdracht van zaak ${n.zaaknummer} naar ${n.toTeam} geaccepteerd${n.ownerName ? `; vaste jeugdbeschermer is nu ${n.ownerName}` : ""}.`,
        n.zaaknummer,
      );
    case "handover_assigned":
      return withCard(
        `Zaak ${n.zaaknummer} is aan jou overgedragen`,
        `Zaak ${n.zaaknummer} is aan jou overgedragen door ${n.by}. Bekijk de zaakkaart voor de termijnen.`,
        n.zaaknummer,
      );
    case "handover_withdrawn":
      return withCard(
        `Overdracht van zaak ${n.zaaknummer} ingetrokken`,
        `${n.by} heeft de gevraagde overdracht van zaak ${n.zaaknummer} ingetrokken: ${WITHDRAW_REASONS[n.reason as keyof typeof WITHDRAW_REASONS] ?? n.reason}.`,
        n.zaaknummer,
      );
    case "terugstroom_ccp":
      return withCard(
        `Terugstroom zaak ${n.zaaknummer} ${n.stage}`,
        n.stage === "aangevraagd"
          ? `${n.by} stelt terugstroom voor van zaak ${n.zaaknummer} naar ${n.toTeam} (${HANDOVER_REASONS.crt_regulier[n.reason] ?? n.reason}). Het CCP coördineert.`
          : `De terugstroom van zaak ${n.zaaknummer} naar ${n.toTeam} is ${n.stage} door ${n.by}${n.ownerName ? `; vaste jeugdbeschermer: ${n.ownerName}` : ""}.`,
        n.zaaknummer,
      );
    case "reminder_snoozed":
      return withCard(
        `Herinnering uitgesteld voor zaak ${n.zaaknummer}`,
        `${n.by} heeft de herinnering (${DEADLINE_LABEL[n.kind]}, uiterlijk ${dutchDate(n.due)}) voor zaak ${n.zaaknummer} uitgesteld tot ${dutchDate(n.until)}: ${SNOOZE_REASONS[n.reason as keyof typeof SNOOZE_REASONS] ?? n.reason}.`,
        n.zaaknummer,
      );
  }
}
