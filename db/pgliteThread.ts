import { Worker } from "node:worker_threads";

// The server's side of the embedded database: PGlite runs in a worker thread (db/pgliteWorker.mjs)
// and this client forwards each query to it. It offers the part of PGlite's interface drizzle's
// PGlite driver uses (query, transaction), so the same driver, migrations and queries run as before.
//
// Why a worker and not a queue in front of PGlite on the main thread: PGlite executes every query
// synchronously in WebAssembly. A queue only orders that work; it still runs on the thread that
// reads HTTP requests, so a 300 ms werkvoorraad blocks every Slack ack behind it. In a worker the
// main thread only sends messages and keeps answering requests while the database works.

export interface QueryResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: "array" | "object";
}

/** What a query runs on: the database, or one open transaction. */
export interface Queryable {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
}

type Request =
  | { op: "open"; dataDir: string; sharedBuffers?: string | undefined }
  | { op: "query"; sql: string; params: unknown[]; rowMode: "array" | "object"; tx: number }
  | { op: "begin" }
  | { op: "end"; tx: number; commit: boolean }
  | { op: "close" };

interface Answer {
  id: number;
  result?: QueryResult;
  tx?: number;
  error?: { message: string; [field: string]: unknown };
}

/** A Postgres error from the worker, with its fields (code, detail, constraint, …) kept. */
export class PgliteError extends Error {
  [field: string]: unknown;
}

const workerFile = new URL("./pgliteWorker.mjs", import.meta.url);

export class PgliteThread implements Queryable {
  private readonly pending = new Map<number, { resolve(a: Answer): void; reject(e: Error): void }>();
  private nextId = 1;
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (answer: Answer) => {
      const waiter = this.pending.get(answer.id);
      if (!waiter) return;
      this.pending.delete(answer.id);
      if (answer.error) {
        const { message, ...fields } = answer.error;
        waiter.reject(Object.assign(new PgliteError(message), fields));
      } else waiter.resolve(answer);
    });
    const failAll = (err: Error) => {
      for (const waiter of this.pending.values()) waiter.reject(err);
      this.pending.clear();
    };
    worker.on("error", failAll);
    worker.on("exit", (code) => {
      if (!this.closed) failAll(new Error(`the embedded database thread stopped (exit code ${code})`));
    });
  }

  /** Starts the worker and opens the database in `dataDir` ("memory://" for a throw-away one). */
  static async open(dataDir: string, sharedBuffers?: string): Promise<PgliteThread> {
    // The worker is plain JavaScript: it must not inherit a TypeScript loader it does not need.
    const thread = new PgliteThread(new Worker(workerFile, { execArgv: [] }));
    try {
      await thread.call({ op: "open", dataDir, sharedBuffers });
    } catch (err) {
      await thread.worker.terminate();
      throw err;
    }
    return thread;
  }

  private call(request: Request): Promise<Answer> {
    if (this.closed) return Promise.reject(new Error("the embedded database is closed"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request });
    });
  }

  private async run(tx: number, sql: string, params: unknown[] = [], options: QueryOptions = {}) {
    const answer = await this.call({ op: "query", sql, params, rowMode: options.rowMode ?? "object", tx });
    if (!answer.result) throw new Error("the embedded database answered without a result");
    return answer.result;
  }

  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult> {
    return this.run(0, sql, params, options);
  }

  /**
   * Runs `work` in one transaction. PGlite is a single connection: while it is open every other
   * query waits for it (as PGlite's own transaction() does), so transactions must stay short.
   */
  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const { tx } = await this.call({ op: "begin" });
    if (tx === undefined) throw new Error("the embedded database did not open a transaction");
    const surface: Queryable = { query: (sql, params, options) => this.run(tx, sql, params, options) };
    let result: T;
    try {
      result = await work(surface);
    } catch (err) {
      // The caller's error is the one that matters; a failed rollback ends the transaction too.
      await this.call({ op: "end", tx, commit: false }).catch(() => {});
      throw err;
    }
    await this.call({ op: "end", tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.call({ op: "close" });
    this.closed = true;
    await this.worker.terminate();
  }
}
