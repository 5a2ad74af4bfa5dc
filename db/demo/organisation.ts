import type { Role, TeamKind } from "../../src/domain/types.ts";

// A made-up GI, "Jeugdbescherming Zichtland". Every name is invented; no real person is meant.

export interface DemoTeam {
  code: string;
  name: string;
  kind: TeamKind;
}

export interface DemoPerson {
  code: string;
  name: string;
  role: Role;
  team: string;
  fte: number;
}

export const DEMO_TEAMS: DemoTeam[] = [
  { code: "NOORD", name: "Regio Noord", kind: "regulier" },
  { code: "MIDDEN", name: "Regio Midden", kind: "regulier" },
  { code: "ZUID", name: "Regio Zuid", kind: "regulier" },
  { code: "CCP", name: "Cliënt Coördinatie Punt", kind: "ccp" },
  { code: "CRT", name: "Cliënt Regie Team", kind: "crt" },
];

const FIRST = [
  "Anouk",
  "Bram",
  "Carmen",
  "Daan",
  "Esra",
  "Fleur",
  "Gijs",
  "Hanna",
  "Ilse",
  "Joris",
  "Kiki",
  "Lars",
  "Mila",
  "Noah",
  "Olga",
  "Pepijn",
  "Quinty",
  "Ruben",
  "Sanne",
  "Thijs",
  "Umay",
  "Vera",
  "Wout",
  "Yara",
  "Zeno",
  "Lotte",
  "Mees",
  "Nina",
];
const LAST = [
  "Veldhuis",
  "Brink",
  "Kooistra",
  "de Wilde",
  "Aydın",
  "Hofstede",
  "Mulder",
  "Postma",
  "van Dam",
  "Smit",
  "Terpstra",
  "Bakker",
  "Dekker",
  "Haverkamp",
  "Janssen",
  "Kuipers",
  "Lammers",
  "Meijer",
  "Nauta",
  "Oosting",
  "Prins",
  "Roos",
  "Schouten",
  "Timmer",
  "Visser",
  "Wessels",
  "Zijlstra",
  "Boer",
];

function staff(): DemoPerson[] {
  const out: Omit<DemoPerson, "name">[] = [];
  for (const team of ["NOORD", "MIDDEN", "ZUID"]) {
    const t = team.toLowerCase();
    out.push({ code: `pb-${t}`, role: "praktijkbegeleider", team, fte: 0.9 });
    for (let i = 1; i <= 4; i++)
      out.push({
        code: `jb-${t}-${i}`,
        role: "jeugdbeschermer",
        team,
        fte: i === 4 ? 0.6 : i === 3 ? 0.8 : 1,
      });
  }
  out.push({ code: "pb-ccp", role: "praktijkbegeleider", team: "CCP", fte: 1 });
  out.push(
    { code: "ccp-1", role: "ccp", team: "CCP", fte: 1 },
    { code: "ccp-2", role: "ccp", team: "CCP", fte: 0.8 },
  );
  out.push({ code: "pb-crt", role: "praktijkbegeleider", team: "CRT", fte: 1 });
  out.push(
    { code: "jb-crt-1", role: "jeugdbeschermer", team: "CRT", fte: 1 },
    { code: "jb-crt-2", role: "jeugdbeschermer", team: "CRT", fte: 0.8 },
  );
  for (let i = 1; i <= 3; i++)
    out.push({
      code: `ajb-crt-${i}`,
      role: "assistent_jeugdbeschermer",
      team: "CRT",
      fte: i === 3 ? 0.6 : 1,
    });
  out.push(
    { code: "gw-1", role: "gedragswetenschapper", team: "NOORD", fte: 0.8 },
    { code: "gw-2", role: "gedragswetenschapper", team: "CRT", fte: 0.8 },
  );
  out.push(
    { code: "tm-1", role: "teammanager", team: "MIDDEN", fte: 1 },
    { code: "fb-1", role: "beheerder", team: "MIDDEN", fte: 0.6 },
  );
  return out.map((p, i) => ({ ...p, name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}` }));
}

export const DEMO_PEOPLE: DemoPerson[] = staff();

/** Made-up platform ids so the demo people can be addressed in the local console. */
export const demoSlackId = (index: number) => `U0DEMO${String(index + 1).padStart(4, "0")}`;
export const demoTeamsId = (index: number) =>
  `00000000-0000-4000-8000-${String(index + 1).padStart(12, "0")}`;
export const demoSlackChannel = (code: string) => `C0DEMO${code}`;
export const demoTeamsChannel = (code: string) => `19:demo-${code.toLowerCase()}@thread.tacv2`;
