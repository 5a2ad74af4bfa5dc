import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver } from "@slack/bolt";

// The floor of the chat bench: a Bolt 5 app on the same kind of HTTP server as Zicht, whose
// listeners only acknowledge. Started as a child process; prints "ready <port>".

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  endpoints: "/slack/events",
});
const bolt = new App({
  token: "xoxb-bare",
  receiver,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? "" },
});
bolt.command("/zicht", async ({ ack }) => ack());
bolt.view("zicht_form", async ({ ack }) => ack());
bolt.action(/.+/, async ({ ack }) => ack());

const server = createServer((req, res) => receiver.requestListener(req, res));
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
