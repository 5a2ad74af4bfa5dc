import { readFileSync } from "node:fs";
import { z } from "zod";
import type { PlatformName } from "./cases/identity.ts";
import { detectCredentials, type PlatformCredentials } from "./credentials.ts";
import { type Policy, resolvePolicy } from "./domain/policy.ts";

// The one place that reads the environment.
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  DATABASE_URL: z.string().url().optional(),
  /** The owner role for migrations (README, "Database roles"); DATABASE_URL is then the app's role. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  ZICHT_DATA_DIR: z.string().min(1).default("./data"),
  ZICHT_POLICY_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().min(1).optional(),
  SLACK_API_URL: z.string().url().optional(),
  TEAMS_CLIENT_ID: z.string().min(1).optional(),
  TEAMS_CLIENT_SECRET: z.string().min(1).optional(),
  TEAMS_TENANT_ID: z.string().min(1).optional(),
  ZICHT_SWEEP_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM")
    .default("08:00"),
  ZICHT_DIGEST_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM")
    .default("08:30"),
  ZICHT_DIGEST_CCP: z.enum(["true", "false"]).default("false"),
  ZICHT_DISPATCH_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  ZICHT_ADMIN_SLACK_CHANNEL: z.string().min(1).optional(),
  ZICHT_ADMIN_TEAMS_CHANNEL: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env;
  /** The chat platforms with credentials: where reminders and digests are delivered. */
  platforms: PlatformName[];
  /** The complete credential set of each configured platform. */
  credentials: PlatformCredentials;
  policy: Policy;
  /** True when any platform is configured: then no demo data is ever seeded. */
  hasPlatformCredentials: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const detected = detectCredentials(source);
  if (!detected.ok)
    throw new ConfigError(
      `Zicht does not start with these credentials:\n  ${detected.problems.join("\n  ")}`,
    );
  const { credentials } = detected;
  const platforms: PlatformName[] = [];
  if (credentials.slack) platforms.push("slack");
  if (credentials.teams) platforms.push("teams");
  return {
    env,
    platforms,
    credentials,
    policy: loadPolicy(env.ZICHT_POLICY_FILE),
    hasPlatformCredentials: platforms.length > 0,
  };
}

export function loadPolicy(file: string | undefined): Policy {
  let overrides: unknown;
  if (file) {
    try {
      overrides = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new ConfigError(`ZICHT_POLICY_FILE ${file}: ${(err as Error).message}`);
    }
  }
  const result = resolvePolicy(overrides);
  if (!result.ok) throw new ConfigError(`ZICHT_POLICY_FILE ${file}:\n  ${result.errors.join("\n  ")}`);
  return result.policy;
}

/** Job settings from the environment. */
export function scheduleSettings(config: Config) {
  return {
    platforms: config.platforms,
    digestToCcp: config.env.ZICHT_DIGEST_CCP === "true",
    sweepAt: config.env.ZICHT_SWEEP_AT,
    digestAt: config.env.ZICHT_DIGEST_AT,
    dispatchEverySeconds: config.env.ZICHT_DISPATCH_SECONDS,
  };
}
