import { App } from "@microsoft/teams.apps";

// The Teams floor of the chat bench: a Teams SDK app on its own HTTP server, unauthenticated as
// Zicht's local mode is (no Microsoft to sign tokens here), whose handlers only acknowledge.
// Started as a child process; prints "ready <port>".

const port = Number(process.env.PORT);
const app = new App({ dangerouslyAllowUnauthenticatedRequests: true });
app.on("message", async () => {});
app.on("card.action", async () => ({
  statusCode: 200,
  type: "application/vnd.microsoft.activity.message",
  value: "ok",
}));
await app.start(port);
process.stdout.write(`ready ${port}\n`);
process.on("SIGTERM", () => process.exit(0));
