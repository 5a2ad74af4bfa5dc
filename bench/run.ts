// npm run bench            → the scale bench (digest and sweep at 10k and 100k cases), then cijfers
// npm run bench -- chat    → the chat bench (ack and answer latency under concurrent users)
// npm run bench -- import  → `zicht import cases` of 10k and 100k cases: seconds and peak RSS
// npm run bench -- pipe    → `zicht due --json` on 100k cases, read whole through a shell pipe
// npm run bench -- cijfers → `cijfers` on 10k and 100k cases with a year of history
const which = process.argv[2] ?? "scale";
if (which === "chat") await import("./chat.ts");
else if (which === "import") await import("./importCsv.ts");
else if (which === "pipe") await import("./pipe.ts");
else if (which === "cijfers") await import("./cijfers.ts");
else if (which === "scale") {
  await import("./scale.ts");
  await import("./cijfers.ts");
} else {
  process.stderr.write(`Unknown bench "${which}": use "chat", "import", "pipe", "cijfers" or nothing.\n`);
  process.exitCode = 2;
}
