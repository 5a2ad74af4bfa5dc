import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { createTeamsPlatform } from "../../../src/platforms/teams/app.ts";
import { type RunningServer, startServer } from "../../../src/server.ts";
import { testContext, testDatabase } from "../../support/db.ts";

let server: RunningServer;
let close: () => Promise<void>;

beforeAll(async () => {
  const database = await testDatabase();
  close = database.close;
  const app: App = {
    config: loadConfig({}),
    database: {
      db: database.db,
      kind: "pglite",
      statements: database.statements,
      migrate: async () => {},
      close: async () => {},
    },
    ctx: testContext(database.db, "2026-11-23"),
    close: async () => {},
  };
  const teams = await createTeamsPlatform(app, {
    clientId: "00000000-0000-0000-0000-000000000001",
    clientSecret: "s",
    tenantId: "t",
  });
  server = await startServer(app, teams.routes, 0, "127.0.0.1");
});
afterAll(async () => {
  await server.stop();
  await close();
});

const activity = {
  type: "message",
  text: "help",
  serviceUrl: "http://127.0.0.1:9/",
  from: { id: "29:x" },
  conversation: { id: "a:x" },
  recipient: { id: "28:bot" },
};

describe("Teams endpoint with credentials configured", () => {
  it("refuses a request without a token with 401", async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(401);
  });

  it("refuses a forged token with 401", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "RS256", kid: "x" })).toString("base64url");
    const payload = Buffer.from(
      JSON.stringify({ aud: "00000000-0000-0000-0000-000000000001", iss: "https://api.botframework.com" }),
    ).toString("base64url");
    const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${header}.${payload}.c2lnbmF0dXJl`,
      },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(401);
  });

  it("will not skip authentication when credentials are configured", async () => {
    const database = await testDatabase();
    const app = {
      config: loadConfig({}),
      database: {} as never,
      ctx: testContext(database.db, "2026-11-23"),
      close: async () => {},
    };
    await expect(
      createTeamsPlatform(app, { clientId: "id", clientSecret: "s", unauthenticated: true }),
    ).rejects.toThrow(/refusing/);
    await database.close();
  });
});
