import { createServer } from "node:net";

/** The port someone asked for is taken: said in one Dutch line, before the database is touched. */
export class PortBusyError extends Error {
  constructor(port: number) {
    super(
      `Poort ${port} is al in gebruik (draait Zicht al?). Stop dat programma of kies een andere poort met PORT=…`,
    );
  }
}

/**
 * Fails fast when the port is taken, so a second start-up does not seed or migrate first and then
 * die on listen. Port 0 (any free port) is always free.
 */
export async function ensurePortFree(port: number, host?: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new PortBusyError(port) : err),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
