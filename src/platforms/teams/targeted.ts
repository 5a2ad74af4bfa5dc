import { MessageActivity } from "@microsoft/teams.api";
import type { AdaptiveCard } from "./cards.ts";

/** Who a targeted message is for: the member who wrote or pressed, as Teams named them. */
export interface Member {
  id: string;
  aadObjectId?: string;
  name?: string;
}

/** How long Zicht stops trying targeted messages after Teams refused them (the tenant lacks the preview). */
const REFUSED_FOR_MS = 60 * 60 * 1000;

/**
 * Teams' targeted messages: posted in the channel or group chat itself, seen only by the one member.
 * They are a developer preview, so a tenant's connector may refuse them; then Zicht uses the 1:1
 * chat for a while instead of paying a refused request on every answer.
 */
export class TargetedMessages {
  private refusedUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get available(): boolean {
    return this.now() >= this.refusedUntil;
  }

  /** The card as an activity only `member` sees; the SDK sends it with `isTargetedActivity=true`. */
  activity(member: Member, card: AdaptiveCard): MessageActivity {
    return new MessageActivity()
      .addAttachments({ contentType: "application/vnd.microsoft.card.adaptive", content: card })
      .withRecipient(
        {
          id: member.id,
          role: "user",
          ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}),
          ...(member.name ? { name: member.name } : {}),
        },
        true,
      );
  }

  /** A refusal (4xx other than throttling) means this connector does not take them: stop for a while. */
  failed(err: unknown) {
    const status = (err as { response?: { status?: number } }).response?.status;
    if (status !== undefined && status >= 400 && status < 500 && status !== 429)
      this.refusedUntil = this.now() + REFUSED_FOR_MS;
  }
}
