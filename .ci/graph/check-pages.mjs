// Opens each NAME.svg and NAME.html of a directory in headless Chromium,
// screenshots it to NAME.svg.png / NAME.html.png, and checks: no page
// error or console error, every frontend, listen and backend of NAME.json
// is on the page as text, and nothing drawn overlaps the legend.
//   node check-pages.mjs DIR [CHROMIUM]
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

const dir = path.resolve(process.argv[2]);
const executablePath = process.argv[3] ?? "/usr/bin/chromium";
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  defaultViewport: { width: 1400, height: 900 },
  args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--window-size=1400,900"],
});
let failed = 0;
const fail = (message) => {
  failed++;
  console.log(`FAIL ${message}`);
};
try {
  const pages = fs.readdirSync(dir).filter((name) => /\.(svg|html)$/.test(name)).sort();
  for (const name of pages) {
    const json = path.join(dir, name.replace(/\.(svg|html)$/, ".json"));
    const graph = JSON.parse(fs.readFileSync(json, "utf8"));
    const wanted = graph.nodes
      .filter((node) => ["frontend", "listen", "backend"].includes(node.kind))
      .map((node) => node.name);
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()}`));
    await page.goto(`file://${path.join(dir, name)}`, { waitUntil: "load" });
    const found = await page.evaluate(() => {
      const svg = document.querySelector("svg");
      const texts = [...document.querySelectorAll(".node text, .edge text")].map((t) => t.textContent);
      const legend = document.querySelector("#legend");
      const box = (element) => {
        const r = element.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      const legendBox = legend ? box(legend) : null;
      const drawn = [...document.querySelectorAll(".node rect, .edge text, .edge path")].map(box);
      const overlapping = legendBox
        ? drawn.filter((b) => b.left < legendBox.right && b.right > legendBox.left && b.top < legendBox.bottom && b.bottom > legendBox.top).length
        : -1;
      return { hasSvg: !!svg, texts, hasLegend: !!legend, overlapping };
    });
    if (!found.hasSvg) fail(`${name}: no <svg> on the page`);
    if (!found.hasLegend) fail(`${name}: no legend`);
    if (found.overlapping > 0) fail(`${name}: ${found.overlapping} drawn items overlap the legend`);
    for (const wantedName of wanted) {
      if (!found.texts.some((text) => text.split(/\s+/).includes(wantedName))) {
        fail(`${name}: "${wantedName}" is not on the page as text`);
      }
    }
    for (const error of errors) fail(`${name}: ${error}`);
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    console.log(`ok   ${name}: ${wanted.length} names, ${found.texts.length} texts, screenshot ${name}.png`);
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
