import { webApi } from "@slack/bolt";
import type { EmailDirectory } from "../linkByEmail.ts";

/** Slack's member directory by e-mail (users.lookupByEmail, scope users:read.email). */
export function slackDirectory(botToken: string, apiUrl?: string): EmailDirectory {
  const client = new webApi.WebClient(botToken, apiUrl ? { slackApiUrl: apiUrl } : {});
  return {
    platform: "slack",
    async findByEmail(email) {
      try {
        const found = await client.users.lookupByEmail({ email });
        return found.user?.id && !found.user.deleted ? found.user.id : null;
      } catch (err) {
        if ((err as { data?: { error?: string } }).data?.error === "users_not_found") return null;
        throw err;
      }
    },
  };
}
