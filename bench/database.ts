import postgres from "postgres";
import { openDatabase } from "../db/client.ts";

/** A fresh database for one bench size: in memory, or a new one on BENCH_DATABASE_URL's server. */
export async function freshDatabase() {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return { database: await openDatabase({ dataDir: "memory://" }), drop: async () => {} };
  const name = `zicht_bench_${Date.now()}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ url: url.toString() }),
    drop: async () => {
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}
