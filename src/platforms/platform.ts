import type { PlatformName } from "../cases/identity.ts";
import type { Sender } from "../jobs/outbox.ts";
import type { Route } from "../server.ts";

/**
 * What a chat platform adapter gives the rest of Zicht (see src/platforms/README.md). Everything
 * else about the platform — its SDK, its request format, its ids — stays inside its folder.
 */
export interface ChatPlatform {
  /** Its name in linked accounts, channel bindings and outbox rows, and in the CSV columns. */
  name: PlatformName;
  /** Its endpoints on the one HTTP server (none when it holds a socket of its own). */
  routes: Route[];
  /** The outbox's way out: a direct message to a linked account, or a post in a bound channel. */
  sender: Sender;
  start(): Promise<void>;
  stop(): Promise<void>;
}
