// Values a privacy guard must refuse, generated deterministically (a fixed seed) so a failure
// can be reproduced. Shared by the domain test and the every-field-of-every-command test.

import type { PrivacyProblem } from "../../src/domain/privacy.ts";

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Valid BSNs (9 digits passing the 11-proef). */
export function validBsns(n: number, seed = 7513): string[] {
  const rnd = seeded(seed);
  const out: string[] = [];
  while (out.length < n) {
    const d = Array.from({ length: 8 }, (_, i) =>
      i === 0 ? 1 + Math.floor(rnd() * 9) : Math.floor(rnd() * 10),
    );
    const sum = d.reduce((acc, digit, i) => acc + (9 - i) * digit, 0);
    const check = sum % 11;
    if (check > 9) continue;
    out.push([...d, check].join(""));
  }
  return out;
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

/** [problem, note] pairs: fixed examples of each pattern and a few hundred generated ones. */
export function forbiddenNotes(seed = 12): [PrivacyProblem, string][] {
  const rnd = seeded(seed);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join("");
  const out: [PrivacyProblem, string][] = [
    ["bsn", "BSN 111222333"],
    ["bsn", "bsn: 1112.22.333"],
    ["email", "mail naar j.devries@example.nl"],
    ["phone", "bel 06-12345678"],
    ["phone", "tel +31 6 1234 5678"],
    ["phone", "020 - 123 45 67"],
    ["iban", "rekening NL91 ABNA 0417 1643 00"],
    ["iban", "NL91ABNA0417164300"],
    ["address", "woont Dorpsstraat 4"],
    ["address", "1234 AB 12"],
    ["address", "nr 7, 3511 LK Utrecht"],
    ["date", "geboren 12-03-2015"],
    ["date", "geb. 2015"],
    ["date", "12 maart 2015"],
    ["date", "2015-03-12"],
  ];
  for (const bsn of validBsns(60, seed)) out.push(["bsn", `${pick(rnd, ["", "BSN ", "nr "])}${bsn}`]);
  const names = ["j.jansen", "piet", "m.de.boer", "info", "x123"];
  const domains = ["example.nl", "gmail.com", "mail.org", "jeugd.nl"];
  for (let i = 0; i < 60; i++) out.push(["email", `contact ${pick(rnd, names)}${i}@${pick(rnd, domains)}`]);
  for (let i = 0; i < 60; i++) {
    const mobile = `06${digits(8)}`;
    const form = pick(rnd, [
      mobile,
      `06-${mobile.slice(2)}`,
      `+31 6 ${mobile.slice(2)}`,
      `0031${mobile.slice(1)}`,
    ]);
    out.push(["phone", `bel ${form}`]);
  }
  const streets = ["Dorpsstraat", "Kerkweg", "Molenlaan", "Marktplein", "Havenkade", "Zeedijk"];
  for (let i = 0; i < 60; i++) {
    out.push(["address", `${pick(rnd, streets)} ${1 + Math.floor(rnd() * 300)}`]);
    const pc = `${1000 + Math.floor(rnd() * 8999)} ${pick(rnd, ["AB", "KL", "XZ", "PT"])}`;
    out.push(["address", `${pc} ${1 + Math.floor(rnd() * 99)}`]);
  }
  for (let i = 0; i < 60; i++) {
    const d = 1 + Math.floor(rnd() * 28);
    const m = 1 + Math.floor(rnd() * 12);
    const y = 2008 + Math.floor(rnd() * 18);
    out.push([
      "date",
      pick(rnd, [
        `${d}-${m}-${y}`,
        `${d}/${m}/${y}`,
        `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
      ]),
    ]);
  }
  // IBANs with a correct check: NL + check digits + bank + 10 digits.
  for (let i = 0; i < 30; i++) {
    const bban = `${pick(rnd, ["ABNA", "INGB", "RABO", "TRIO"])}${digits(10)}`;
    const numeric = `${bban}NL00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    let rest = 0;
    for (const ch of numeric) rest = (rest * 10 + Number(ch)) % 97;
    const check = String(98 - rest).padStart(2, "0");
    out.push(["iban", `IBAN NL${check}${bban}`]);
  }
  return out;
}
