// The platform-neutral view model. Commands answer with these; each platform adapter renders them
// (Slack: Block Kit, Teams: Adaptive Cards). Nothing here knows a platform.

declare const brand: unique symbol;
/** The id of a declared button or form (./control.ts): nothing can route by a string typed elsewhere. */
export type ControlId = string & { readonly [brand]: "ControlId" };

/** An action a person can take from a message: a button, made by `button()` in ./control.ts. */
export interface Action {
  /** The declared button it is (./control.ts); routes the press to the command that handles it. */
  id: ControlId;
  label: string;
  /** Opaque payload for the handler, e.g. a zaaknummer; at most 2000 characters. */
  value: string;
  style?: "primary" | "danger";
  /**
   * The press records something by itself (no form): pressing it again for the same value within
   * the replay window is acknowledged and does nothing, whatever the platform delivers twice.
   */
  once?: boolean;
}

/**
 * A line of a list. A line that names a case carries the action that opens it (its case card):
 * platforms show it as a button by the line, or as one picker for a long list.
 */
export type ListItem = string | { text: string; open: Action };

/** The text of a list line, whatever it carries. */
export const itemText = (item: ListItem): string => (typeof item === "string" ? item : item.text);

export type Block =
  | { type: "heading"; text: string }
  /** Plain text; `*bold*` is the only markup, and platforms may render it plainly. */
  | { type: "text"; text: string }
  | { type: "fields"; fields: { label: string; value: string }[] }
  | { type: "list"; items: ListItem[] }
  | { type: "actions"; actions: Action[] }
  | { type: "context"; text: string }
  | { type: "divider" }
  | ImageBlock;

/** A chart drawn on the server: a PNG (base64) with its text alternative, shown as an image. */
export interface ImageBlock {
  type: "image";
  png: string;
  /** Says what the image shows, for screen readers and where images are off. */
  alt: string;
  title: string;
}

export interface Message {
  blocks: Block[];
  /** A one-line summary for notifications and screen readers. */
  summary: string;
  /**
   * The message is a view that stays current (a person's home): a platform that can ask for it
   * again while it is shown (Teams' card refresh) asks with this action.
   */
  refresh?: Action;
}

export interface Option {
  value: string;
  label: string;
}

/** Lists a person can search as they type: every active staff member who can carry cases. */
export type TypeAheadLookup = "caseCarriers";

interface FieldBase {
  id: string;
  label: string;
  required: boolean;
  hint?: string;
}

export type Field =
  | (FieldBase & { kind: "text"; initial?: string; maxLength?: number; placeholder?: string })
  | (FieldBase & { kind: "textarea"; initial?: string; maxLength?: number })
  | (FieldBase & { kind: "number"; initial?: number; min?: number; max?: number })
  | (FieldBase & { kind: "date"; initial?: string })
  | (FieldBase & {
      kind: "select";
      options: Option[];
      initial?: string;
      /**
       * The options are only the first part of a longer list; a platform that can search as the
       * person types (Teams) asks this named lookup for the rest.
       */
      typeAhead?: TypeAheadLookup;
    })
  | (FieldBase & { kind: "multiselect"; options: Option[]; initial?: string[] })
  | (FieldBase & { kind: "checkboxes"; options: Option[]; initial?: string[] });

/** A form a person fills in, made by `form()` in ./control.ts; its submission goes back to its command. */
export interface Form {
  /** The declared form it is (./control.ts) — routes the submission. */
  id: ControlId;
  title: string;
  submitLabel: string;
  /** Short text shown above the fields. */
  intro?: string;
  fields: Field[];
  /** Context the submission needs back (e.g. the zaaknummer), encoded; kept by the platform. */
  state: string;
  /** A long form: platforms with a dialog (Teams) open it there rather than in the chat. */
  long?: boolean;
}

/** Submitted values, by field id: text/number/date/select → string; multiselect/checkboxes → string[]. */
export type FormValues = Record<string, string | string[] | undefined>;

/** What a command answers: a message for the requester only, or a form to open. */
export type Reply = { kind: "message"; message: Message } | { kind: "form"; form: Form };

/** The answer to a form submission: errors at their fields (the form stays open), or a message. */
export type SubmitReply =
  /** `form` lets a platform that redraws forms itself (Teams cards) show them again with the errors. */
  | { kind: "errors"; errors: Record<string, string>; form?: Form }
  | { kind: "message"; message: Message }
  | { kind: "form"; form: Form };

export const message = (summary: string, blocks: Block[]): Message => ({ summary, blocks });
