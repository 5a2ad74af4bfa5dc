// Use cases answer with a typed result; the Dutch message is what a person reads.
export type CaseErrorCode = "validation" | "forbidden" | "not_found" | "conflict" | "unknown_person";

export interface CaseError {
  code: CaseErrorCode;
  message: string;
  /** Per input field, the Dutch message to show at that field. */
  fields?: Record<string, string>;
  /** Per line of an imported file (1 = the header), the Dutch message for that line and column. */
  rows?: { line: number; column?: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CaseError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  code: CaseErrorCode,
  message: string,
  fields?: Record<string, string>,
): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

export const invalid = (fields: Record<string, string>): Result<never> =>
  fail("validation", "Niet alle velden zijn goed ingevuld.", fields);

/** Thrown inside a transaction to roll it back and answer with this error. */
export class CaseFailure extends Error {
  constructor(readonly error: CaseError) {
    super(error.message);
  }
}
