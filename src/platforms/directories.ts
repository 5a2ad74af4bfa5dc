import type { Config } from "../config.ts";
import type { EmailDirectory } from "./linkByEmail.ts";
import { slackDirectory } from "./slack/directory.ts";

/**
 * The configured platforms that can look an account up by e-mail address. Teams cannot without
 * Microsoft Graph rights Zicht does not ask for: there a person is linked on first contact.
 */
export function emailDirectories(config: Config): EmailDirectory[] {
  const slack = config.credentials.slack;
  return slack ? [slackDirectory(slack.botToken, config.env.SLACK_API_URL)] : [];
}
