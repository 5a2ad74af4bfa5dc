import { z } from "zod";

/**
 * The limits of Slack's app manifest schema (docs.slack.dev/reference/app-manifest, and the
 * field documentation of @slack/web-api's `Manifest` type) for the parts Zicht uses. Slack
 * validates manifests only online (apps.manifest.validate), which tests cannot reach.
 */
const scope = z.string().regex(/^[a-z]+(\.[a-z]+)*(:[a-z.]+)*$/);
const httpsUrl = z.url({ protocol: /^https$/ });

export const slackManifestSchema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.literal([1, 2]), minor_version: z.number().int() }).optional(),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().max(140).optional(),
    long_description: z.string().min(174).max(4000).optional(),
    background_color: z
      .string()
      .regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i)
      .optional(),
  }),
  features: z.strictObject({
    app_home: z
      .strictObject({
        home_tab_enabled: z.boolean().optional(),
        messages_tab_enabled: z.boolean().optional(),
        messages_tab_read_only_enabled: z.boolean().optional(),
      })
      .optional(),
    bot_user: z.strictObject({
      display_name: z.string().min(1).max(80),
      always_online: z.boolean().optional(),
    }),
    slash_commands: z
      .array(
        z.strictObject({
          command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
          url: httpsUrl,
          description: z.string().min(1).max(2000),
          usage_hint: z.string().max(1000).optional(),
          should_escape: z.boolean().optional(),
        }),
      )
      .max(50),
  }),
  oauth_config: z.strictObject({ scopes: z.strictObject({ bot: z.array(scope).min(1).max(255) }) }),
  settings: z.strictObject({
    event_subscriptions: z
      .strictObject({ request_url: httpsUrl, bot_events: z.array(z.string().regex(/^[a-z_.]+$/)).max(100) })
      .optional(),
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: httpsUrl }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});
