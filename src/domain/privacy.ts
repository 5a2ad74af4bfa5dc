// The privacy line as a mechanism (domain.md §3): Zicht holds zaaknummers, never names, BSN,
// addresses or narratives. Every way in (chat forms, CSV import, CLI) passes these checks before
// anything is stored. Pure functions; the caller says which field it is and shows the message there.
// Messages never repeat the refused value: it may be exactly what must not be stored or logged.

/** Why a value was refused; one code per rule so tests and callers need not match on text. */
export type PrivacyProblem =
  | "zaaknummer_format"
  | "zaaknummer_bsn"
  | "zaaknummer_no_digit"
  | "zaaknummer_date"
  | "note_too_long"
  | "bsn"
  | "email"
  | "phone"
  | "iban"
  | "address"
  | "date";

/**
 * The default zaaknummer format: letters, digits and `- / .`, at most 30 characters, and no run of
 * five or more letters (a word or a name). It fits common case system numbers such as `2026-0123`,
 * `OTS-2026-17` or `JB/2026/0042`. An organisation sets its own in the policy file.
 */
export const DEFAULT_ZAAKNUMMER_PATTERN = "^(?!.*[A-Za-z]{5})[A-Za-z0-9][A-Za-z0-9./-]{0,29}$";

export const NOTE_MAX_LENGTH = 140;

/**
 * The 11-proef of the BSN: 9 digits (8 are padded with a leading zero), weights 9..2 and -1, the
 * sum divisible by 11. All zeros is not a BSN but is refused anyway: it is not a case number either.
 */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{8,9}$/.test(digits)) return false;
  const d = digits.padStart(9, "0");
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(d[i]);
  sum -= Number(d[8]);
  return sum % 11 === 0;
}

/** Checks a zaaknummer: the organisation's pattern, and always: a digit, no BSN-like run. */
export function checkZaaknummer(
  value: string,
  pattern: string = DEFAULT_ZAAKNUMMER_PATTERN,
): PrivacyProblem | null {
  if (!/\d/.test(value)) return "zaaknummer_no_digit";
  for (const run of value.match(/\d+/g) ?? []) {
    if (passesElevenTest(run)) return "zaaknummer_bsn";
  }
  // A full date (13-12-2020, 2020/12/13) is more likely a date of birth than a case number.
  if (FULL_DATES.some((p) => p.test(value))) return "zaaknummer_date";
  if (!new RegExp(pattern).test(value)) return "zaaknummer_format";
  return null;
}

// Digit groups written with spaces or dots in between ("123 456 789", "1234.56.789") count as one.
const DIGIT_GROUPS = /\d(?:[ .]?\d)*/g;
const EMAIL = /[^\s@]+@[^\s@]+\.[A-Za-z]{2,}/;
const PHONE_CANDIDATE = /(?:\+|\b00)?\d[\d ()-]{7,}\d/g;
// IBAN: country code, check digits, 11 to 30 letters/digits, spaces allowed in groups of four.
const IBAN_CANDIDATE = /\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}\b/g;
const POSTCODE_WITH_NUMBER = /\b[1-9]\d{3} ?[A-Z]{2}\b.{0,20}?\d|\d+[a-zA-Z]?,? *[1-9]\d{3} ?[A-Z]{2}\b/;
const STREET_WITH_NUMBER =
  /\b[A-Za-z][A-Za-z'-]*(?:straat|weg|laan|plein|gracht|kade|dijk|singel|hof|park|pad|steeg|dreef|plantsoen|markt|baan|erf|veld|wal)\s+\d+/i;
const MONTHS =
  "jan(?:uari)?|feb(?:ruari)?|maa(?:rt)?|mrt|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const FULL_DATES = [/\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b/, /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b/];
const DATE_PATTERNS = [
  ...FULL_DATES,
  new RegExp(`\\b\\d{1,2}\\s*(?:${MONTHS})\\.?\\s*\\d{2,4}\\b`, "i"),
  /\bgeb(?:oren|\.|oortedatum)/i,
];

function digitsOf(s: string): string {
  return s.replace(/\D/g, "");
}

function looksLikePhone(candidate: string): boolean {
  const digits = digitsOf(candidate);
  const international = /^(?:\+|00)/.test(candidate.trim());
  if (international) return digits.length >= 10 && digits.length <= 15;
  return digits.startsWith("0") && digits.length === 10;
}

/** ISO 13616 mod-97 check, so "AB12 CDEF…" lookalikes in a note are not refused by accident. */
function isIban(candidate: string): boolean {
  const compact = candidate.replace(/ /g, "").toUpperCase();
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const n = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of n) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

/** Checks an optional short note: at most 140 characters and nothing that identifies a person. */
export function checkNote(value: string): PrivacyProblem | null {
  if (value.length > NOTE_MAX_LENGTH) return "note_too_long";
  // Most specific first: a phone number or IBAN may hold a run of digits that passes the 11-proef.
  if (EMAIL.test(value)) return "email";
  for (const candidate of value.match(IBAN_CANDIDATE) ?? []) if (isIban(candidate)) return "iban";
  for (const candidate of value.match(PHONE_CANDIDATE) ?? []) if (looksLikePhone(candidate)) return "phone";
  for (const group of value.match(DIGIT_GROUPS) ?? []) {
    if (passesElevenTest(digitsOf(group))) return "bsn";
  }
  if (POSTCODE_WITH_NUMBER.test(value) || STREET_WITH_NUMBER.test(value)) return "address";
  if (DATE_PATTERNS.some((p) => p.test(value))) return "date";
  return null;
}

/** The Dutch message at the field, naming it and saying why, without the value itself. */
export function privacyMessage(problem: PrivacyProblem, field: string): string {
  switch (problem) {
    case "zaaknummer_no_digit":
      return `${field}: een zaaknummer bevat cijfers. Gebruik het nummer uit het zaaksysteem, geen naam.`;
    case "zaaknummer_bsn":
      return `${field}: dit lijkt een BSN (het klopt met de 11-proef). Gebruik het zaaknummer uit het zaaksysteem; een BSN bewaart Zicht niet.`;
    case "zaaknummer_date":
      return `${field}: dit lijkt een datum, zoals een geboortedatum. Gebruik het zaaknummer uit het zaaksysteem.`;
    case "zaaknummer_format":
      return `${field}: dit past niet bij de vorm van zaaknummers van de organisatie. Neem het nummer over uit het zaaksysteem.`;
    case "note_too_long":
      return `${field}: houd de notitie kort, hoogstens ${NOTE_MAX_LENGTH} tekens.`;
    case "bsn":
      return `${field}: bevat een nummer dat op een BSN lijkt. Zicht bewaart geen persoonsgegevens; laat het weg.`;
    case "email":
      return `${field}: bevat een e-mailadres. Zicht bewaart geen persoonsgegevens; laat het weg.`;
    case "phone":
      return `${field}: bevat een telefoonnummer. Zicht bewaart geen persoonsgegevens; laat het weg.`;
    case "iban":
      return `${field}: bevat een rekeningnummer (IBAN). Zicht bewaart geen persoonsgegevens; laat het weg.`;
    case "address":
      return `${field}: bevat een adres (straat of postcode met huisnummer). Zicht bewaart geen adressen; laat het weg.`;
    case "date":
      return `${field}: bevat een datum, zoals een geboortedatum. Zicht bewaart geen persoonsgegevens; laat de datum weg.`;
  }
}
