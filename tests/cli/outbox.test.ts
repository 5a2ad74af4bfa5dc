import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.ts";
import { notifications } from "../../db/schema.ts";
import { type CliStore, freshStore, runCli } from "./cliSupport.ts";

// `zicht outbox --mislukt` and `zicht outbox opnieuw [--sinds D]` as an operator runs them after
// an outage: what was given up, in Dutch with Dutch dates, and queueing it again.

let store: CliStore;

beforeAll(async () => {
  store = await freshStore();
  expect((await runCli(["migrate"], store.env)).code).toBe(0);
  const database = await openDatabase({ url: store.env.DATABASE_URL, dataDir: store.env.ZICHT_DATA_DIR });
  try {
    await database.db.insert(notifications).values([
      {
        key: "reminder:O-9:contact:2026-04-23:vandaag",
        kind: "reminder",
        platform: "slack",
        payload: {
          type: "reminder",
          zaaknummer: "O-9",
          kind: "contact",
          due: "2026-04-23",
          stage: "vandaag",
        },
        status: "failed",
        attempts: 14,
        lastError: "Slack: HTTP 500",
        givenUpAt: new Date("2026-04-23T10:05:00Z"),
      },
      {
        key: "reminder:O-8:contact:2026-04-20:vandaag",
        kind: "reminder",
        platform: "slack",
        payload: {
          type: "reminder",
          zaaknummer: "O-8",
          kind: "contact",
          due: "2026-04-20",
          stage: "vandaag",
        },
        status: "failed",
        attempts: 9,
        lastError: "Slack: HTTP 500",
        givenUpAt: new Date("2026-04-20T08:00:00Z"),
      },
    ]);
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  await store.dispose();
});

describe("outbox --mislukt / opnieuw", () => {
  it("lists given-up messages by case, with a Dutch date and the reason", async () => {
    const r = await runCli(["outbox", "--mislukt"], store.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("2 opgegeven bericht(en)");
    expect(r.stdout).toContain(
      "opgegeven: herinnering zaak O-9, 23-04-2026 12:05, na 14 poging(en): Slack: HTTP 500",
    );
    expect(r.stdout).toContain("herinnering zaak O-8, 20-04-2026 10:00");
    expect(r.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it("queues again only what was given up since the day asked, then nothing is left to list for it", async () => {
    expect((await runCli(["outbox", "opnieuw", "--sinds", "2026-04-24"], store.env)).stdout).toContain(
      "Geen opgegeven berichten",
    );
    const r = await runCli(["outbox", "opnieuw", "--sinds", "2026-04-23"], store.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 bericht(en) opnieuw in de wachtrij");
    const left = await runCli(["outbox", "--mislukt"], store.env);
    expect(left.stdout).toContain("zaak O-8");
    expect(left.stdout).not.toContain("zaak O-9");
    expect((await runCli(["outbox", "--json"], store.env)).stdout).toContain('"pending": 1');
  });

  it("refuses a --sinds that is not a date, in Dutch", async () => {
    const r = await runCli(["outbox", "opnieuw", "--sinds", "gisteren"], store.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--sinds: geen geldige datum");
  });
});
