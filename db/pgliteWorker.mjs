// The embedded database in its own thread. PGlite runs Postgres compiled to WebAssembly: every
// query runs synchronously on the thread that owns it. Here that is this worker, so a long query
// never holds up the server's request handling (a Slack ack must go out within 3 s).
//
// Plain JavaScript on purpose: a worker is a fresh module graph, and this file must load the same
// way under node, tsx and vitest (Node 20 has no TypeScript stripping).
//
// Protocol (one message in, one answer out, matched by id):
//   { id, op: "open", dataDir, sharedBuffers? } → { id }
//   { id, op: "query", sql, params, rowMode, tx } → { id, result }   (tx: an open transaction, or 0)
//   { id, op: "begin" }                          → { id, tx }        (answered once BEGIN ran)
//   { id, op: "end", tx, commit }                → { id }            (COMMIT or ROLLBACK)
//   { id, op: "close" }                          → { id }
// Failures answer { id, error: { message, ...fields } } with the Postgres error fields kept.

import { parentPort } from "node:worker_threads";
import { PGlite, types } from "@electric-sql/pglite";

if (!parentPort) throw new Error("pgliteWorker runs as a worker thread");
const port = parentPort;

// Dates, timestamps and intervals stay the strings Postgres sends, as drizzle's PGlite driver asks
// (its parsers are functions, which cannot cross a thread; these are the same ones).
const same = (value) => value;
const parsers = {
  [types.TIMESTAMP]: same,
  [types.TIMESTAMPTZ]: same,
  [types.INTERVAL]: same,
  [types.DATE]: same,
  1231: same, // numeric[]
  1115: same, // timestamp[]
  1185: same, // timestamptz[]
  1187: same, // interval[]
  1182: same, // date[]
};

/** @type {PGlite | null} */
let db = null;
let nextTx = 1;
/** Open transactions: their query surface, how to finish them, and the id of the "end" message. */
const transactions = new Map();

class Rollback extends Error {}

function failure(err) {
  const fields = {};
  for (const key of Object.keys(err ?? {})) {
    const value = err[key];
    if (typeof value === "string" || typeof value === "number") fields[key] = value;
  }
  return { ...fields, message: err instanceof Error ? err.message : String(err), name: err?.name ?? "Error" };
}

/** Opens a transaction that stays open (holding PGlite's lock) until its "end" message arrives. */
function begin(id) {
  const tx = nextTx++;
  const state = { surface: null, finish: null, endId: undefined };
  const finished = new Promise((resolve) => {
    state.finish = resolve;
  });
  transactions.set(tx, state);
  db.transaction(async (surface) => {
    state.surface = surface;
    port.postMessage({ id, tx });
    const { commit } = await finished;
    if (!commit) throw new Rollback();
  })
    .then(
      () => ({ id: state.endId }),
      (err) =>
        err instanceof Rollback ? { id: state.endId } : { id: state.endId ?? id, error: failure(err) },
    )
    .then((answer) => {
      transactions.delete(tx);
      port.postMessage(answer);
    });
}

async function handle(message) {
  const { id, op } = message;
  switch (op) {
    case "open":
      // shared_buffers is memory PGlite takes at open, whatever the queries need (128 MB by default).
      db = await PGlite.create(
        message.dataDir,
        message.sharedBuffers
          ? { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${message.sharedBuffers}`] }
          : {},
      );
      return { id };
    case "query": {
      const target = message.tx ? transactions.get(message.tx)?.surface : db;
      if (!target) throw new Error("transaction already closed");
      const result = await target.query(message.sql, message.params, { rowMode: message.rowMode, parsers });
      return { id, result: { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows } };
    }
    case "begin":
      begin(id);
      return null; // answered from inside the transaction
    case "end": {
      const state = transactions.get(message.tx);
      if (!state?.finish || state.endId !== undefined) throw new Error("transaction already closed");
      state.endId = id;
      state.finish({ commit: message.commit });
      return null; // answered when COMMIT or ROLLBACK ran
    }
    case "close":
      await db?.close();
      db = null;
      return { id };
    default:
      throw new Error(`unknown op ${op}`);
  }
}

port.on("message", (message) => {
  handle(message).then(
    (answer) => {
      if (answer) port.postMessage(answer);
    },
    (err) => port.postMessage({ id: message.id, error: failure(err) }),
  );
});
