// Parses each Mermaid file with mermaid's own parser; jsdom stands in for
// the browser mermaid expects (DOMPurify needs a window).
//   node check-mermaid.mjs FILE.mmd...
import fs from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

// A broken diagram must fail, or the check proves nothing.
if (await mermaid.parse('flowchart LR\n  a -->|"x| b\n', { suppressErrors: true })) {
  console.log("FAIL: the parser accepts a broken diagram");
  process.exit(1);
}
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const result = await mermaid.parse(fs.readFileSync(file, "utf8"));
    console.log(`ok   ${file} (${result.diagramType})`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${file}: ${error.message ?? error}`);
  }
}
process.exit(failed ? 1 : 0);
