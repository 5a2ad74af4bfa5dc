import type { CaseContext } from "../../src/cases/context.ts";
import { importCsv } from "../../src/cases/import/index.ts";

// A small made-up organisation for the job tests: a regular team, a CCP and a CRT with channels.
const TEAMS = `code;naam;soort;slack_kanaal;teams_kanaal
REG;Regio Test;regulier;C0REG;
CCP;CCP Test;ccp;C0CCP;
CRT;CRT Test;crt;C0CRT;`;

const PEOPLE = `code;naam;rol;team;fte;slack_id
pb-reg;Pia Begeleider;praktijkbegeleider;REG;1;U0PBREG
jb-reg;Joost Beschermer;jeugdbeschermer;REG;1;U0JBREG
pb-crt;Petra Crt;praktijkbegeleider;CRT;1;U0PBCRT
ajb-crt;Anna Assistent;assistent_jeugdbeschermer;CRT;1;U0AJBCRT
pb-ccp;Paul Ccp;praktijkbegeleider;CCP;1;U0PBCCP`;

export async function importOrganisation(ctx: CaseContext, casesCsv: string) {
  for (const [kind, text] of [
    ["teams", TEAMS],
    ["people", PEOPLE],
    ["cases", casesCsv],
  ] as const) {
    const r = await importCsv(ctx, null, kind, text);
    if (!r.ok) throw new Error(`${kind}: ${JSON.stringify(r.error)}`);
  }
}
