// Which chat platforms the environment configures. A half-configured platform, or credentials under a
// name Zicht does not read, must stop the start: otherwise Zicht would run with that platform silently
// off, or — with no platform at all — fall back to the unauthenticated local console with demo data.

export interface SlackCredentials {
  signingSecret: string;
  botToken: string;
  appToken?: string;
}

export interface TeamsCredentials {
  clientId: string;
  clientSecret: string;
  tenantId: string;
}

export interface PlatformCredentials {
  slack?: SlackCredentials;
  teams?: TeamsCredentials;
}

type Source = Record<string, string | undefined>;

const SLACK_REQUIRED = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"] as const;
const SLACK_ALL = [...SLACK_REQUIRED, "SLACK_APP_TOKEN"] as const;
// The tenant is required: Azure Bot Service creates single-tenant bots only, whose tokens come from
// the tenant's own endpoint.
const TEAMS_ALL = ["TEAMS_CLIENT_ID", "TEAMS_CLIENT_SECRET", "TEAMS_TENANT_ID"] as const;

/**
 * Names other tools and samples use for the same credentials (the Teams SDK itself reads CLIENT_ID,
 * CLIENT_SECRET, TENANT_ID and MANAGED_IDENTITY_CLIENT_ID from the environment). Compared without
 * case or underscores, so MicrosoftAppId and MICROSOFT_APP_ID are the same name.
 */
const FOREIGN: Record<string, string> = {
  CLIENT_ID: "TEAMS_CLIENT_ID",
  CLIENT_SECRET: "TEAMS_CLIENT_SECRET",
  TENANT_ID: "TEAMS_TENANT_ID",
  MicrosoftAppId: "TEAMS_CLIENT_ID",
  MicrosoftAppPassword: "TEAMS_CLIENT_SECRET",
  MicrosoftAppTenantId: "TEAMS_TENANT_ID",
  MicrosoftAppType: "TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID",
  BOT_ID: "TEAMS_CLIENT_ID",
  BOT_PASSWORD: "TEAMS_CLIENT_SECRET",
  BOT_TENANT_ID: "TEAMS_TENANT_ID",
  MANAGED_IDENTITY_CLIENT_ID: "TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET (managed identity is not supported)",
  SLACK_TOKEN: "SLACK_BOT_TOKEN",
  SLACK_USER_TOKEN: "SLACK_BOT_TOKEN (a bot token, xoxb-)",
  SLACK_CLIENT_ID: "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (Zicht is installed to one workspace)",
  SLACK_CLIENT_SECRET: "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (Zicht is installed to one workspace)",
  SLACK_STATE_SECRET: "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (Zicht is installed to one workspace)",
};

const squash = (name: string) => name.replace(/_/g, "").toUpperCase();
const FOREIGN_BY_SQUASHED = new Map(Object.entries(FOREIGN).map(([name, ours]) => [squash(name), ours]));

/** Checks the credentials; returns the complete sets, or every problem found, each naming its variable. */
export function detectCredentials(
  source: Source,
): { ok: true; credentials: PlatformCredentials } | { ok: false; problems: string[] } {
  const set = (name: string) => {
    const v = source[name];
    return v !== undefined && v.trim() !== "" ? v : undefined;
  };
  const problems: string[] = [];

  for (const name of Object.keys(source)) {
    const ours = FOREIGN_BY_SQUASHED.get(squash(name));
    if (ours && set(name)) problems.push(`${name} is set, but Zicht reads ${ours}: rename it (or unset it).`);
  }

  const credentials: PlatformCredentials = {};
  const slackGiven = SLACK_ALL.filter(set);
  if (slackGiven.length > 0) {
    const missing = SLACK_REQUIRED.filter((n) => !set(n));
    for (const name of missing)
      problems.push(
        `${name} is missing: Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET together (${slackGiven.join(", ")} set).`,
      );
    const signingSecret = set("SLACK_SIGNING_SECRET");
    const botToken = set("SLACK_BOT_TOKEN");
    if (signingSecret && botToken) {
      const appToken = set("SLACK_APP_TOKEN");
      credentials.slack = { signingSecret, botToken, ...(appToken ? { appToken } : {}) };
    }
  }

  const teamsGiven = TEAMS_ALL.filter(set);
  if (teamsGiven.length > 0) {
    for (const name of TEAMS_ALL.filter((n) => !set(n)))
      problems.push(
        `${name} is missing: Teams needs TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID together (${teamsGiven.join(", ")} set).`,
      );
    const clientId = set("TEAMS_CLIENT_ID");
    const clientSecret = set("TEAMS_CLIENT_SECRET");
    const tenantId = set("TEAMS_TENANT_ID");
    if (clientId && clientSecret && tenantId) credentials.teams = { clientId, clientSecret, tenantId };
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, credentials };
}
