// Loaded with `node --import` before tsx (package.json "zicht"): tsx's module hooks run in a
// thread of their own (Node 20), a second JavaScript heap. Compiling the command's few hundred
// modules there grew its young generation to V8's 16 MB semi-spaces, and that memory stayed
// resident long into the command (~35 MB until V8's memory reducer ran, 10-30 s later).
// A V8 flag set here holds for each heap created after it, so for that thread, which tsx starts
// next; the main thread's heap already exists and is tuned in src/cli.ts.
// Plain JavaScript on purpose: it runs before tsx can load TypeScript.
// Measured (100k-case import on PGlite): peak 336 -> 313 MB, same CPU time.
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--max-semi-space-size=1");
