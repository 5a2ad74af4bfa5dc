import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlackApi } from "../support/fakeSlackApi.ts";
import { type CliStore, freshStore, runCli } from "./cliSupport.ts";

// An administrator links people without copying platform ids: the people CSV carries e-mail
// addresses, `import people --link` asks Slack who they are, and `zicht koppelingen` shows who is
// still not linked on a platform.

let store: CliStore;
let files: string;
let slack: FakeSlackApi;

const TEAMS = "code;naam;soort\nNOORD;Team Noord;regulier\n";
const PEOPLE = `code;naam;rol;team;fte;email;slack_id
jb-1;Jet Voorbeeld;jeugdbeschermer;NOORD;1;jet@gi.example;U001
jb-2;Joop Proef;jeugdbeschermer;NOORD;1;Joop.Proef@GI.example;
pb-1;Pim Proef;praktijkbegeleider;NOORD;1;;
`;

beforeAll(async () => {
  store = await freshStore();
  files = mkdtempSync(join(tmpdir(), "zicht-links-"));
  writeFileSync(join(files, "teams.csv"), TEAMS);
  writeFileSync(join(files, "people.csv"), PEOPLE);
  slack = await new FakeSlackApi().start();
  slack.members.set("U002", "joop.proef@gi.example");
  expect((await runCli(["import", "teams", join(files, "teams.csv")], store.env)).code).toBe(0);
  expect((await runCli(["import", "people", join(files, "people.csv")], store.env)).code).toBe(0);
}, 300_000);

afterAll(async () => {
  await slack.stop();
  await store.dispose();
  rmSync(files, { recursive: true, force: true });
});

const slackEnv = () => ({
  ...store.env,
  SLACK_BOT_TOKEN: "xoxb-test",
  SLACK_SIGNING_SECRET: "secret",
  SLACK_API_URL: `${slack.url}/api/`,
});

describe("zicht koppelingen", () => {
  it("lists who is not linked on each platform, and whether an e-mail address will link them", async () => {
    const text = await runCli(["koppelingen"], store.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Nog niet gekoppeld: 3 medewerkers.");
    expect(text.stdout).toMatch(/jb-2 +Joop Proef +mist slack, teams \(e-mailadres bekend/);
    expect(text.stdout).toMatch(/pb-1 +Pim Proef +mist slack, teams \(geen e-mailadres/);
    const json = JSON.parse((await runCli(["koppelingen", "--json"], store.env)).stdout);
    expect(json).toEqual([
      { code: "jb-1", name: "Jet Voorbeeld", team: "NOORD", hasEmail: true, missing: ["teams"] },
      { code: "jb-2", name: "Joop Proef", team: "NOORD", hasEmail: true, missing: ["slack", "teams"] },
      { code: "pb-1", name: "Pim Proef", team: "NOORD", hasEmail: false, missing: ["slack", "teams"] },
    ]);
    // The e-mail address is staff contact data for linking: it is never listed.
    expect(text.stdout).not.toContain("@");
  }, 300_000);

  it("import people --link links by e-mail through Slack, and the list shrinks", async () => {
    const linked = await runCli(["import", "people", join(files, "people.csv"), "--link"], slackEnv());
    expect(linked.stderr).toBe("");
    expect(linked.code).toBe(0);
    expect(linked.stdout).toContain("slack: 1 medewerker gekoppeld op e-mailadres.");
    expect(linked.stdout).not.toContain("niet gevonden");
    expect(slack.callsTo("users.lookupByEmail").map((c) => c.body.email)).toEqual(["joop.proef@gi.example"]);

    // With Slack configured, the list is about Slack: only pb-1 (no e-mail address) is left.
    const json = JSON.parse((await runCli(["koppelingen", "--json"], slackEnv())).stdout);
    expect(json).toEqual([
      { code: "pb-1", name: "Pim Proef", team: "NOORD", hasEmail: false, missing: ["slack"] },
    ]);
  }, 300_000);
});
