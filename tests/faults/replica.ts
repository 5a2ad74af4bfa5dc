import { openDatabase } from "../../db/client.ts";
import { Dispatcher } from "../../src/jobs/outbox.ts";
import { createSlackSender } from "../../src/platforms/slack/sender.ts";

// One Zicht replica's outbox as its own process, so the fault suite can kill -9 it:
//   replica.ts DATABASE_URL SLACK_API_URL claim|drain
// "claim" takes a batch and then waits (to be killed between claim and send); "drain" sends.

const [url, apiUrl, mode] = process.argv.slice(2);
if (!url || !apiUrl || (mode !== "claim" && mode !== "drain")) {
  process.stderr.write("usage: replica.ts DATABASE_URL SLACK_API_URL claim|drain\n");
  process.exit(2);
}
const database = await openDatabase({ url });
const dispatcher = new Dispatcher(database.db, {
  senders: { slack: createSlackSender("xoxb-test", { apiUrl, timeoutMs: 60_000 }) },
  pacePerTargetMs: 0,
  sendTimeoutMs: 60_000,
  batchSize: 50,
});
if (mode === "claim") {
  const rows = await dispatcher.claimBatch();
  process.stdout.write(`claimed ${rows.length}\n`);
  await new Promise(() => {}); // waits to be killed
} else {
  process.stdout.write("draining\n");
  await dispatcher.drain();
  process.stdout.write("done\n");
  await database.close();
}
