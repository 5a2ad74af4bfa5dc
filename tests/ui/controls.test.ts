import { readdirSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUTTONS, FORMS, runAction, submitForm } from "../../commands/dispatch.ts";
import { COMMANDS } from "../../commands/index.ts";
import type { Db } from "../../db/client.ts";
import { contacts, people } from "../../db/schema.ts";
import { type ActingPerson, type CaseContext, loadActingPerson } from "../../src/cases/context.ts";
import { type ButtonRef, commandOf, type FormRef } from "../../src/ui/control.ts";
import { importOrganisation } from "../jobs/organisation.ts";
import { testContext, testDatabase } from "../support/db.ts";

// Buttons and forms are declarations (src/ui/controls/), handled by commands and routed by the
// declaration. Every declared button and form has exactly one handler, in the command its id names;
// a value that does not fit its declaration is answered plainly and runs nothing.

const DIR = join(import.meta.dirname, "../../src/ui/controls");

type Ref = ButtonRef<unknown> | FormRef<unknown>;
const isRef = (v: unknown): v is Ref =>
  typeof v === "object" && v !== null && "kind" in v && (v.kind === "button" || v.kind === "form");

async function declared(): Promise<Ref[]> {
  const out: Ref[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".ts"))) {
    const module: Record<string, unknown> = await import(join(DIR, file));
    for (const group of Object.values(module)) {
      if (typeof group !== "object" || group === null) continue;
      for (const ref of Object.values(group)) if (isRef(ref)) out.push(ref);
    }
  }
  return out;
}

describe("the registry of buttons and forms", () => {
  it("routes every declared button and form, each to the command its id names, and nothing else", async () => {
    const refs = await declared();
    const buttons = refs.filter((r) => r.kind === "button").map((r) => r.id);
    const forms = refs.filter((r) => r.kind === "form").map((r) => r.id);
    expect(buttons.length).toBeGreaterThanOrEqual(20);
    expect(new Set(buttons).size).toBe(buttons.length);
    expect(new Set(forms).size).toBe(forms.length);
    expect([...BUTTONS.keys()].sort()).toEqual([...buttons].sort());
    expect([...FORMS.keys()].sort()).toEqual([...forms].sort());
    for (const ref of refs) {
      const owner = COMMANDS.find((c) => c.name === commandOf(ref));
      const handlers = ref.kind === "button" ? owner?.buttons : owner?.forms;
      expect(
        handlers?.some((h) => h.id === ref.id),
        `${ref.id} is handled by ${commandOf(ref)}`,
      ).toBe(true);
    }
  });
});

describe("a value that does not fit its declaration", () => {
  let db: Db;
  let close: () => Promise<void>;
  let ctx: CaseContext;
  let jb: ActingPerson;

  beforeAll(async () => {
    ({ db, close } = await testDatabase());
    ctx = testContext(db, "2026-05-11");
    await importOrganisation(
      testContext(db, "2026-05-04"),
      "zaaknummer;maatregel;ontvangen_op;fase;team;eigenaar\nS-1;ots;2026-05-04;regulier;REG;jb-reg",
    );
    const [row] = await db.select({ id: people.id }).from(people).where(eq(people.code, "jb-reg"));
    if (!row) throw new Error("no jb-reg");
    jb = await loadActingPerson(db, row.id);
  });
  afterAll(async () => close());

  const said = (reply: { kind: string; message?: { blocks: { type: string; text?: string }[] } }) =>
    reply.kind === "message" ? (reply.message?.blocks.map((b) => b.text ?? "").join(" ") ?? "") : "";

  it("a forged 'Ongedaan maken' is answered with 'werkt niet meer' and a reference; nothing is voided", async () => {
    const reply = await runAction(ctx, jb, "test", "zaak.ongedaan", '{"z":"S-1","r":"iets","id":"x"}');
    expect(said(reply)).toMatch(/werkt niet meer.*Referentie: ZCH-[0-9A-F]{6}/);
    expect(await db.select().from(contacts)).toEqual([]);
  });

  it("a form submitted with a state of the wrong shape saves nothing", async () => {
    const reply = await submitForm(
      ctx,
      jb,
      "test",
      "contact",
      { date: "2026-05-11", kind: "kind_face_to_face", newConcerns: "nee" },
      "",
    );
    expect(reply.kind).toBe("message");
    expect(await db.select().from(contacts)).toEqual([]);
  });

  it("the same button with a fitting value does its work", async () => {
    const reply = await runAction(ctx, jb, "test", "contact.open", "S-1");
    expect(reply.kind).toBe("form");
  });
});
