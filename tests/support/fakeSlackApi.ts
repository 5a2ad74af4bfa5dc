import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for Slack's servers: it speaks the Web API (POST /api/<method>), takes
// response_url posts (/respond/<id>), records every call, and refuses what Slack would refuse
// for breaking Block Kit's limits. File uploads follow files.uploadV2: files.getUploadURLExternal
// gives an upload URL on this server, the bytes are posted there (multipart, as the SDK does), and
// files.completeUploadExternal shares the file into a conversation.

/** A file shared into a conversation through the upload flow. */
export interface SlackUpload {
  id: string;
  filename: string;
  altText?: string;
  title?: string;
  channel?: string;
  bytes: Buffer;
}

/** The file part of a multipart/form-data body. */
function multipartFile(raw: Buffer, type: string | undefined): Buffer {
  const boundary = /boundary=([^;]+)/.exec(type ?? "")?.[1];
  if (!boundary) return raw;
  const text = raw.toString("latin1");
  for (const part of text.split(`--${boundary}`)) {
    const start = part.indexOf("\r\n\r\n");
    if (start < 0 || !/name="/.test(part.slice(0, start))) continue;
    return Buffer.from(part.slice(start + 4, part.endsWith("\r\n") ? -2 : undefined), "latin1");
  }
  return Buffer.alloc(0);
}

export interface SlackCall {
  method: string;
  /** The request path, e.g. /respond/42 for a response_url post. */
  path?: string;
  body: Record<string, unknown>;
  /** When it arrived (ms since epoch), for pacing checks. */
  at: number;
}

/**
 * A scripted answer: a status (429 with Retry-After, 500, …), or a fault: `hang` never answers,
 * `drop` takes the message (when `deliver`) and then drops the connection without an answer,
 * `delayMs` answers normally after a while.
 */
export type Scripted =
  | { status: number; retryAfter?: number; body?: Record<string, unknown> }
  | { hang: true; deliver?: boolean }
  | { drop: true; deliver?: boolean }
  | { delayMs: number };

const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  header: 150,
  modalTitle: 24,
  optionText: 75,
  options: 100,
  id: 255,
  fields: 10,
  fieldText: 2000,
};

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes("application/json")) return raw ? JSON.parse(raw) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

/** Every Block Kit limit this message or view breaks, as readable strings. */
export function blockKitViolations(
  blocks: unknown,
  kind: "message" | "modal",
  view?: Record<string, unknown>,
): string[] {
  const out: string[] = [];
  const list = (Array.isArray(blocks) ? blocks : []) as Record<string, unknown>[];
  const max = kind === "modal" ? LIMITS.modalBlocks : LIMITS.messageBlocks;
  if (list.length > max) out.push(`${list.length} blocks > ${max}`);
  const text = (t: unknown) => ((t as { text?: string } | undefined)?.text ?? "").length;
  const id = (name: string, v: unknown) => {
    if (typeof v === "string" && v.length > LIMITS.id) out.push(`${name} longer than ${LIMITS.id}`);
  };
  if (view) {
    for (const key of ["title", "submit", "close"]) {
      if (view[key] && text(view[key]) > LIMITS.modalTitle)
        out.push(`modal ${key} longer than ${LIMITS.modalTitle}`);
    }
  }
  const blockIds = new Set<string>();
  for (const b of list) {
    id("block_id", b.block_id);
    if (typeof b.block_id === "string") {
      if (blockIds.has(b.block_id)) out.push(`duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    if (b.type === "header" && text(b.text) > LIMITS.header) out.push(`header longer than ${LIMITS.header}`);
    if (b.type === "section") {
      if (text(b.text) > LIMITS.sectionText) out.push(`section text longer than ${LIMITS.sectionText}`);
      const fields = (b.fields as unknown[] | undefined) ?? [];
      if (fields.length > LIMITS.fields) out.push(`more than ${LIMITS.fields} fields`);
      if (fields.some((f) => text(f) > LIMITS.fieldText)) out.push(`field longer than ${LIMITS.fieldText}`);
    }
    const elements = [
      ...(((b.elements as unknown[] | undefined) ?? []) as Record<string, unknown>[]),
      ...(b.element ? [b.element as Record<string, unknown>] : []),
    ];
    const actionIds = new Set<string>();
    for (const e of elements) {
      id("action_id", e.action_id);
      if (b.type === "actions" && typeof e.action_id === "string") {
        if (actionIds.has(e.action_id)) out.push(`duplicate action_id ${e.action_id}`);
        actionIds.add(e.action_id);
      }
      const options = (e.options as { text: unknown }[] | undefined) ?? [];
      if (options.length > LIMITS.options) out.push(`more than ${LIMITS.options} options`);
      if (e.type === "checkboxes" && options.length > 10) out.push("more than 10 checkboxes");
      if (options.some((o) => text(o.text) > LIMITS.optionText))
        out.push(`option text longer than ${LIMITS.optionText}`);
      if (e.type === "button" && text(e.text) > LIMITS.optionText) out.push("button text longer than 75");
    }
  }
  return out;
}

export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  readonly violations: string[] = [];
  /** Posted messages per conversation (a DM to U… lands in D…), for conversations.history. */
  private readonly history = new Map<string, { ts: string; text: unknown; metadata?: unknown }[]>();
  private readonly hanging = new Set<import("node:http").ServerResponse>();
  /** Calls that are hanging right now. */
  get hangingCount(): number {
    return this.hanging.size;
  }
  private readonly scripts = new Map<string, Scripted[]>();
  private readonly listeners = new Set<(call: SlackCall) => void>();
  /** A lasting answer per method (an outage) until it is lifted with outage(method, null). */
  private readonly outages = new Map<string, Scripted>();
  private readonly waiters: { method: string; resolve: () => void }[] = [];
  private server!: Server;
  url = "";
  /** The workspace's members: Slack user id → the e-mail address on their profile. */
  readonly members = new Map<string, string>();
  /** Files asked for (getUploadURLExternal) and their bytes, by file id; shared ones are in uploads(). */
  private readonly files = new Map<string, SlackUpload>();
  private readonly shared: SlackUpload[] = [];

  /** Files shared into conversations (completeUploadExternal), in order. */
  uploads(): SlackUpload[] {
    return [...this.shared];
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.releaseHanging();
    return new Promise((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }

  /** The next answers to `method`, before it answers normally again (429s, 500s, …). */
  script(method: string, answers: Scripted[]) {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }

  /** Calls `listener` with every call as it arrives (the chat bench times answers with it); returns the unsubscribe. */
  onCall(listener: (call: SlackCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every call to `method` gets `answer` until outage(method, null). */
  outage(method: string, answer: Scripted | null) {
    if (answer) this.outages.set(method, answer);
    else this.outages.delete(method);
  }

  /** Resolves when the next call to `method` arrives (before it is answered). */
  arrived(method: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ method, resolve }));
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages that went to a channel (not a DM, not ephemeral). */
  channelPosts(): SlackCall[] {
    return this.callsTo("chat.postMessage").filter((c) => String(c.body.channel).startsWith("C"));
  }

  clear() {
    this.calls.length = 0;
    this.shared.length = 0;
    this.scripts.clear();
    this.outages.clear();
    this.history.clear();
    this.releaseHanging();
  }

  /** Ends every hanging call by dropping its connection. */
  releaseHanging() {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  /** Delivered chat.postMessage calls per outbox key (the metadata every outbox message carries). */
  deliveriesByKey(): Map<string, number> {
    const out = new Map<string, number>();
    for (const c of this.callsTo("chat.postMessage")) {
      const key = (c.body.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;
      if (key) out.set(key, (out.get(key) ?? 0) + 1);
    }
    return out;
  }

  private conversationOf(channel: unknown): string {
    const id = String(channel);
    return id.startsWith("U") ? `D${id.slice(1)}` : id;
  }

  /** Records an accepted call; a posted message also lands in its conversation's history. */
  private deliver(method: string, path: string, body: Record<string, unknown>): string {
    const ts = (Date.now() / 1000 + this.calls.length / 1e6).toFixed(6);
    const call = { method, path, body, at: Date.now() };
    this.calls.push(call);
    for (const listener of this.listeners) listener(call);
    if (method === "chat.postMessage") {
      const conversation = this.conversationOf(body.channel);
      const list = this.history.get(conversation) ?? [];
      list.push({ ts, text: body.text, metadata: body.metadata });
      this.history.set(conversation, list);
    }
    return ts;
  }

  private async handle(req: IncomingMessage, res: import("node:http").ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", this.url).pathname;
    const upload = /^\/upload\/([^/]+)$/.exec(path);
    if (upload) {
      const file = this.files.get(upload[1] ?? "");
      const bytes = multipartFile(Buffer.concat(chunks), req.headers["content-type"]);
      if (!file) {
        res.writeHead(404);
        return res.end();
      }
      file.bytes = bytes;
      this.calls.push({ method: "upload", path, body: { length: bytes.length }, at: Date.now() });
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end(`OK - ${bytes.length}`);
    }
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = parseBody(raw, req.headers["content-type"]);
    const method = path.startsWith("/respond/") ? "response_url" : path.replace(/^\/api\//, "");
    const send = (status: number, payload: Record<string, unknown>, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };
    for (const w of this.waiters.filter((x) => x.method === method)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }
    const scripted = this.scripts.get(method)?.shift() ?? this.outages.get(method);
    if (scripted && "delayMs" in scripted) await new Promise((r) => setTimeout(r, scripted.delayMs));
    if (scripted && ("hang" in scripted || "drop" in scripted)) {
      if (scripted.deliver) this.deliver(method, path, body);
      else this.calls.push({ method: `${method}:refused`, body, at: Date.now() });
      if ("drop" in scripted) return res.destroy();
      this.hanging.add(res);
      res.on("close", () => this.hanging.delete(res));
      return;
    }
    if (scripted && "status" in scripted) {
      this.calls.push({ method: `${method}:refused`, body, at: Date.now() });
      return send(
        scripted.status,
        scripted.body ?? { ok: false, error: "scripted" },
        scripted.retryAfter ? { "retry-after": String(scripted.retryAfter) } : {},
      );
    }
    const view = body.view as Record<string, unknown> | undefined;
    const problems = view
      ? blockKitViolations(view.blocks, "modal", view)
      : body.blocks
        ? blockKitViolations(body.blocks, "message")
        : [];
    if (problems.length > 0) {
      this.violations.push(...problems.map((p) => `${method}: ${p}`));
      this.calls.push({ method: `${method}:invalid`, body, at: Date.now() });
      return send(200, { ok: false, error: "invalid_blocks", errors: problems });
    }
    const ts = this.deliver(method, path, body);
    switch (method) {
      case "auth.test":
        return send(200, { ok: true, user_id: "U0ZICHTBOT", bot_id: "B0ZICHT", team_id: "T0DEMO" });
      case "chat.postMessage":
        return send(200, { ok: true, channel: this.conversationOf(body.channel), ts });
      case "conversations.open":
        return send(200, { ok: true, channel: { id: this.conversationOf(body.users) } });
      case "conversations.history": {
        const oldest = Number(body.oldest ?? 0);
        const messages = (this.history.get(String(body.channel)) ?? [])
          .filter((m) => Number(m.ts) >= oldest)
          .map((m) => (body.include_all_metadata ? m : { ts: m.ts, text: m.text }));
        return send(200, { ok: true, messages, has_more: false });
      }
      case "views.open":
      case "views.push":
      case "views.update":
        return send(200, { ok: true, view: { ...view, id: `V${this.calls.length}` } });
      case "response_url":
        return send(200, { ok: true });
      case "users.info": {
        const id = String(body.user);
        const email = this.members.get(id);
        return send(200, {
          ok: true,
          user: { id, is_bot: false, deleted: false, profile: email ? { email } : {} },
        });
      }
      case "users.lookupByEmail": {
        const wanted = String(body.email).toLowerCase();
        const found = [...this.members].find(([, email]) => email.toLowerCase() === wanted);
        return found
          ? send(200, { ok: true, user: { id: found[0], profile: { email: found[1] } } })
          : send(200, { ok: false, error: "users_not_found" });
      }
      case "files.getUploadURLExternal": {
        if (!body.filename || !body.length) return send(200, { ok: false, error: "invalid_arguments" });
        const id = `F${this.files.size + 1}`;
        this.files.set(id, {
          id,
          filename: String(body.filename),
          ...(body.alt_text ? { altText: String(body.alt_text) } : {}),
          bytes: Buffer.alloc(0),
        });
        return send(200, { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id });
      }
      case "files.completeUploadExternal": {
        const listed = (typeof body.files === "string" ? JSON.parse(body.files) : body.files) as {
          id: string;
          title?: string;
        }[];
        const done = listed.map((f) => this.files.get(f.id));
        if (done.some((f) => !f || f.bytes.length === 0))
          return send(200, { ok: false, error: "file_not_found" });
        for (const [i, f] of done.entries())
          this.shared.push({
            ...f!,
            ...(listed[i]?.title ? { title: listed[i].title } : {}),
            ...(body.channel_id ? { channel: String(body.channel_id) } : {}),
          });
        return send(200, { ok: true, files: listed.map((f) => ({ id: f.id, title: f.title })) });
      }
      default:
        return send(200, { ok: true });
    }
  }
}
