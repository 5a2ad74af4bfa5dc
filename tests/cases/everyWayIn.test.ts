import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction, runText, submitForm } from "../../commands/dispatch.ts";
import { COMMANDS } from "../../commands/index.ts";
import { type Db, rowsOf } from "../../db/client.ts";
import { cases, people } from "../../db/schema.ts";
import type { App } from "../../src/app.ts";
import { type ActingPerson, loadActingPerson } from "../../src/cases/context.ts";
import type { Form, FormValues, Reply } from "../../src/ui/view.ts";
import { demoApp } from "../support/demoApp.ts";
import { forbiddenNotes, validBsns } from "../support/privacyValues.ts";

// The privacy line at every way in: every field of every form any command opens (found by opening
// each command and following its buttons, so a new form is covered without editing this test) gets
// each forbidden pattern. Each must come back with a Dutch error at that very field, never repeat
// the value, and write no row anywhere.

const TODAY = "2026-11-23";

let app: App;
let db: Db;
let close: () => Promise<void>;

/** A fixed example of each forbidden kind of the note guard, and a bare BSN. */
const EXAMPLES: string[] = [
  "111222333",
  ...new Map(forbiddenNotes().map(([kind, note]) => [kind, note])).values(),
];
/** A zaaknummer field also refuses a name (no digit) and a date. */
const ZAAKNUMMER_EXAMPLES = [...EXAMPLES, "JanDeVries", "Jan de Vries", "13-12-2020"];
/** Fields a person types into: the error must be at that very field. */
const TYPED = new Set(["text", "textarea", "number", "date"]);

async function rowCounts(): Promise<Record<string, number>> {
  const tables = rowsOf<{ t: string }>(
    await db.execute(sql`select tablename as t from pg_tables where schemaname = 'public' order by 1`),
  ).map((r) => r.t);
  const out: Record<string, number> = {};
  for (const t of tables) {
    // Reads are logged (a form redrawn with its errors shows its cases again): count the rest.
    const where = t === "audit_log" ? sql` where access <> 'lezen'` : sql``;
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ${sql.identifier(t)}${where}`),
    );
    out[t] = Number(row?.n ?? 0);
  }
  return out;
}

async function person(code: string): Promise<ActingPerson> {
  const [p] = await db.select({ id: people.id }).from(people).where(eq(people.code, code));
  return loadActingPerson(db, p?.id ?? 0);
}

function defaults(form: Form): FormValues {
  const values: FormValues = {};
  for (const f of form.fields) {
    if (f.kind === "multiselect" || f.kind === "checkboxes") values[f.id] = f.initial ?? [];
    else if (f.kind === "select") values[f.id] = f.initial ?? (f.required ? f.options[0]?.value : undefined);
    else if (f.kind === "number") values[f.id] = f.initial !== undefined ? String(f.initial) : undefined;
    else if (f.id === "zaaknummer") values[f.id] = f.initial ?? "2026-9999";
    else values[f.id] = f.initial;
  }
  return values;
}

interface Found {
  form: Form;
  who: ActingPerson;
  how: string;
}

/** Every form reachable from a command typed with a case, and from the buttons of its answer. */
async function discoverForms(): Promise<Found[]> {
  const byPhase = async (phase: string) =>
    (await db.select({ z: cases.zaaknummer }).from(cases).where(sql`${cases.phase} = ${phase}`).limit(1))[0]
      ?.z;
  const zaken = [
    await byPhase("aangemeld"),
    await byPhase("ccp"),
    await byPhase("crt"),
    await byPhase("regulier"),
  ];
  const actors = await Promise.all(["ccp-1", "pb-ccp", "pb-crt", "pb-noord"].map(person));
  const found: Found[] = [];
  const seen = new Set<string>();
  const collect = async (reply: Reply, who: ActingPerson, how: string, depth: number) => {
    if (reply.kind === "form") {
      const key = `${reply.form.id}:${reply.form.fields.map((f) => f.id).join(",")}`;
      if (!seen.has(key)) {
        seen.add(key);
        found.push({ form: reply.form, who, how });
      }
      return;
    }
    if (depth > 0) return;
    for (const block of reply.message.blocks) {
      if (block.type !== "actions") continue;
      for (const action of block.actions) {
        await collect(
          await runAction(app.ctx, who, "slack", action.id, action.value),
          who,
          `${how} → ${action.id}`,
          1,
        );
      }
    }
  };
  for (const command of COMMANDS) {
    for (const who of actors) {
      for (const z of ["", ...zaken]) {
        const text = `${command.name} ${z ?? ""}`.trim();
        await collect(await runText(app.ctx, who, "slack", text), who, text, 0);
      }
    }
  }
  return found;
}

beforeAll(async () => {
  ({ app, db, close } = await demoApp(TODAY));
});

afterAll(async () => {
  await close();
});

describe("every form field of every command refuses each forbidden pattern", () => {
  it("shows a Dutch error at that field, never echoes the value, and writes no row", async () => {
    const forms = await discoverForms();
    const ids = new Set(forms.map((f) => f.form.id));
    // The forms this test must at least reach; new ones join automatically.
    for (const id of ["triage", "contact", "arij", "kernbeslissing", "werkvoorraad"]) {
      expect(
        [...ids].some((x) => x.startsWith(id)),
        `form ${id} reached`,
      ).toBe(true);
    }
    const problems: string[] = [];
    let tried = 0;
    for (const { form, who, how } of forms) {
      const before = await rowCounts();
      for (const field of form.fields) {
        for (const bad of field.id === "zaaknummer" ? ZAAKNUMMER_EXAMPLES : EXAMPLES) {
          const values = {
            ...defaults(form),
            [field.id]: field.kind === "multiselect" || field.kind === "checkboxes" ? [bad] : bad,
          };
          const reply = await submitForm(app.ctx, who, "slack", form.id, values, form.state);
          tried++;
          const where = `${how} / ${form.id}.${field.id} = ${bad}`;
          if (reply.kind !== "errors") {
            problems.push(`${where}: no error (${reply.kind})`);
            continue;
          }
          // A list field (select, checkboxes) only ever sends its options; a tampered value must
          // still be refused, but a group of checkboxes may answer at the group's first field.
          const error = TYPED.has(field.kind)
            ? reply.errors[field.id]
            : Object.values(reply.errors).join(" ");
          if (!error)
            problems.push(`${where}: no error at the field (${Object.keys(reply.errors).join(",")})`);
          else if (error.includes(bad)) problems.push(`${where}: error repeats the value`);
        }
      }
      const after = await rowCounts();
      if (JSON.stringify(after) !== JSON.stringify(before))
        problems.push(`${how} / ${form.id}: rows written`);
    }
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(100);
  });

  it("a few hundred generated values in the zaaknummer and note fields", async () => {
    const forms = await discoverForms();
    const triage = forms.find((f) => f.form.fields.some((x) => x.id === "zaaknummer" && x.kind === "text"));
    const override = forms.find((f) => f.form.fields.some((x) => x.id === "note"));
    if (!triage || !override) throw new Error("forms not reached");
    const before = await rowCounts();
    for (const bsn of validBsns(150, 99)) {
      const reply = await submitForm(
        app.ctx,
        triage.who,
        "slack",
        triage.form.id,
        { ...defaults(triage.form), zaaknummer: bsn },
        triage.form.state,
      );
      expect(reply.kind === "errors" && reply.errors.zaaknummer, bsn).toContain("11-proef");
    }
    for (const [kind, note] of forbiddenNotes(31)) {
      const values = { ...defaults(override.form), reason: "anders", note };
      const reply = await submitForm(
        app.ctx,
        override.who,
        "slack",
        override.form.id,
        values,
        override.form.state,
      );
      expect(reply.kind === "errors" && reply.errors.note, `${kind}: ${note}`).toMatch(/^Notitie: /);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("a forbidden value typed after any command is refused without being repeated or stored", async () => {
    const who = await person("pb-ccp");
    const before = await rowCounts();
    for (const command of COMMANDS) {
      for (const bad of ["111222333", "JanDeVries", "13-12-2020"]) {
        // A date is what `cijfers` asks for (its reference date), shown back as the figures' date.
        if (command.name === "cijfers" && bad === "13-12-2020") continue;
        const reply = await runText(app.ctx, who, "slack", `${command.name} ${bad}`);
        const shown = JSON.stringify(reply);
        expect(shown, `${command.name} ${bad}`).not.toContain(bad);
      }
    }
    expect(await rowCounts()).toEqual(before);
  });
});
