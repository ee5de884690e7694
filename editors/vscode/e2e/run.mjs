// End-to-end test of the packaged extension in a real VS Code: code-server
// (the browser build of VS Code) in Debian's headless Chromium, driven by
// puppeteer-core. Everything is checked from the page, as a user sees it.
//
//   node e2e/run.mjs --code-server BIN --vsix PLATFORM.vsix \
//       --universal-vsix UNIVERSAL.vsix --haplint BIN --out DIR
//
// Run 1 installs the platform package (bundled binary) and opens a
// workspace with a broken haproxy.cfg and a split configuration; run 2
// installs the universal package with no haplint on the PATH and expects
// the error notification. Screenshots go to DIR.

import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = {};
for (let index = 2; index < process.argv.length; index += 2) {
  args[process.argv[index].replace(/^--/, '')] = process.argv[index + 1];
}
for (const required of ['code-server', 'vsix', 'universal-vsix', 'haplint', 'out']) {
  if (!args[required]) {
    console.error(`missing --${required}`);
    process.exit(2);
  }
}
const chromium = args.chromium ?? '/usr/bin/chromium';
const out = path.resolve(args.out);
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(path.join(os.tmpdir(), 'haplint-vscode-e2e-'));
const started = Date.now();

let passed = 0;
let failed = 0;
const results = [];
function log(message) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}
async function test(name, body) {
  try {
    await body();
    passed += 1;
    results.push(`ok   ${name}`);
    log(`ok   ${name}`);
  } catch (error) {
    failed += 1;
    results.push(`FAIL ${name}: ${error.message}`);
    log(`FAIL ${name}: ${error.stack ?? error}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// --- the workspace -------------------------------------------------------

function writeWorkspace(root) {
  mkdirSync(path.join(root, 'haproxy', 'conf.d'), { recursive: true });
  for (const name of ['haproxy.cfg', 'haproxy/global.cfg', 'haproxy/conf.d/web.cfg', 'haproxy/haplint.toml']) {
    copyFileSync(path.join(here, 'workspace', name), path.join(root, name));
  }
}

// --- code-server ---------------------------------------------------------

/** Process groups of the code-servers still running, ended if we are. */
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const group of running) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
  // Colours then come from the TextMate grammar alone, which is under test.
  'editor.semanticHighlighting.enabled': false,
};

/** Installs `vsix` into a fresh profile and starts code-server on `workspace`. */
async function startCodeServer(name, vsix, workspace, env) {
  const home = path.join(scratch, name);
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  const port = await freePort();
  const config = path.join(home, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  const environment = { ...process.env, ...env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data') };
  const install = spawnSync(args['code-server'], [...common, '--install-extension', vsix], { env: environment, encoding: 'utf8' });
  assert(install.status === 0, `installing ${vsix}: ${install.stdout}${install.stderr}`);
  log(`${name}: installed ${path.basename(vsix)}`);
  const logFile = path.join(out, `code-server-${name}.log`);
  const child = spawn(args['code-server'], [
    ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', workspace,
  ], { env: environment, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks = [];
  child.stdout.on('data', (chunk) => chunks.push(chunk));
  child.stderr.on('data', (chunk) => chunks.push(chunk));
  running.add(child.pid);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      assert(Date.now() < deadline, `${name}: code-server did not answer /healthz within 30 s`);
      assert(child.exitCode === null, `${name}: code-server exited: ${Buffer.concat(chunks).toString()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    running.delete(child.pid);
    writeFileSync(logFile, Buffer.concat(chunks));
    throw error;
  }
  log(`${name}: code-server listening on ${port}`);
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
    async stop() {
      // The extension host and the language server are children of
      // code-server, in its process group: stop them all, then wait.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
      running.delete(child.pid);
      writeFileSync(logFile, Buffer.concat(chunks));
    },
  };
}

// --- the page ------------------------------------------------------------

async function openWorkbench(browser, url) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout: 30_000 }).catch(() => {});
  return page;
}

async function chord(page, ...keys) {
  for (const key of keys) await page.keyboard.down(key);
  for (const key of keys.reverse()) await page.keyboard.up(key);
}

async function quickInput(page, opener, text) {
  await page.evaluate(() => document.activeElement?.blur());
  await chord(page, ...opener);
  await page.waitForSelector('.quick-input-widget input:focus', { timeout: 10_000 });
  await page.keyboard.type(text);
}

/** Opens a file by its absolute path (Quick Open then needs no search). */
async function openFile(page, file) {
  await quickInput(page, ['Control', 'p'], file);
  // Wait for the file to be listed before taking it.
  const base = path.basename(file);
  await page.waitForFunction(
    (name) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((row) => row.textContent.includes(name)),
    { timeout: 20_000 }, base);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (name) => document.querySelector('.tabs-container .tab.active')?.textContent.includes(name),
    { timeout: 10_000 }, base);
  await page.waitForSelector('.monaco-editor.focused', { timeout: 10_000 });
}

async function runCommand(page, title) {
  await quickInput(page, ['Control', 'Shift', 'P'], title);
  await page.waitForFunction(
    (wanted) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((row) => row.textContent.includes(wanted)),
    { timeout: 10_000 }, title);
  await page.keyboard.press('Enter');
}

async function goToLine(page, line) {
  await quickInput(page, ['Control', 'g'], String(line));
  await page.keyboard.press('Enter');
  await page.waitForSelector('.monaco-editor.focused', { timeout: 10_000 });
}

async function textOf(page, selector) {
  return page.evaluate((css) => {
    const element = document.querySelector(css);
    return element ? element.innerText.replace(/\u00a0/g, ' ') : '';
  }, selector);
}

async function waitForText(page, selector, needles, what, timeout = 20_000) {
  try {
    await page.waitForFunction((css, wanted) => {
      // Wrapped lines and non-breaking spaces read as single spaces.
      const text = [...document.querySelectorAll(css)].map((element) => element.innerText).join('\n').replace(/\s+/g, ' ');
      return wanted.every((needle) => text.includes(needle));
    }, { timeout }, selector, needles);
  } catch {
    throw new Error(`${what}: ${JSON.stringify(needles)} not found in ${selector}: ${JSON.stringify(await textOf(page, selector))}`);
  }
}

async function showProblems(page) {
  if (!(await page.$('.markers-panel'))) {
    await page.evaluate(() => document.activeElement?.blur());
    await chord(page, 'Control', 'Shift', 'M');
    await page.waitForSelector('.markers-panel', { timeout: 10_000 });
  }
}

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(out, name) });
}

/** The colour of each token of the line whose text is `lineText`. */
async function tokenColours(page, lineText) {
  return page.evaluate((wanted) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
      // Inlay hints may follow the text on the same line.
      if (line.textContent.replace(/\u00a0/g, ' ').trim().startsWith(wanted)) {
        return [...line.querySelectorAll('span > span')]
          .filter((span) => span.textContent.trim() !== '')
          .map((span) => [span.textContent.replace(/\u00a0/g, ' ').trim(), getComputedStyle(span).color]);
      }
    }
    return null;
  }, lineText);
}

/** The centre of the first token `word` on screen. */
async function tokenCentre(page, word) {
  return page.evaluate((wanted) => {
    for (const span of document.querySelectorAll('.monaco-editor .view-line span > span')) {
      if (span.textContent === wanted) {
        const box = span.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }
    }
    return null;
  }, word);
}

// --- the runs ------------------------------------------------------------

async function mainRun(browser) {
  const workspace = path.join(scratch, 'workspace');
  writeWorkspace(workspace);
  const original = readFileSync(path.join(workspace, 'haproxy.cfg'), 'utf8');
  // What the CLI's fix of the same rule makes of the file.
  const expected = path.join(scratch, 'cli-fixed.cfg');
  writeFileSync(expected, original);
  spawnSync(args.haplint, ['check', '--fix', '--select', 'timeout-without-unit', expected], { encoding: 'utf8' });
  const cliFixed = readFileSync(expected, 'utf8');
  assert(cliFixed !== original, 'the CLI fixes timeout-without-unit in the sample');

  const server = await startCodeServer('main', path.resolve(args.vsix), workspace, {});
  let page;
  try {
    page = await openWorkbench(browser, server.url);
    await openFile(page, path.join(workspace, 'haproxy.cfg'));

    await test('haproxy.cfg is recognised as HAProxy', async () => {
      await waitForText(page, '#status\\.editor\\.mode', ['HAProxy'], 'language mode');
    });

    await test('the grammar highlights it', async () => {
      // Tokenizing happens after the text shows: wait for `frontend` to be a token.
      const deadline = Date.now() + 15_000;
      while (!(await tokenColours(page, 'frontend www'))?.some(([text]) => text === 'frontend')) {
        assert(Date.now() < deadline, `not tokenized: ${JSON.stringify(await tokenColours(page, 'frontend www'))}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const header = await tokenColours(page, 'frontend www');
      const acl = await tokenColours(page, 'acl is_api path_beg /api');
      const timeout = await tokenColours(page, 'timeout connect 5000');
      assert(header && acl && timeout, 'sample lines are on screen');
      const colour = (tokens, word) => tokens.find(([text]) => text === word)?.[1];
      assert(colour(header, 'frontend') !== colour(header, 'www'), `section keyword and name differ: ${JSON.stringify(header)}`);
      assert(colour(acl, 'acl') !== colour(acl, 'is_api') && colour(acl, 'is_api') !== colour(acl, '/api'),
        `acl keyword, name and pattern differ: ${JSON.stringify(acl)}`);
      assert(colour(timeout, 'timeout') !== colour(timeout, '5000'), `keyword and number differ: ${JSON.stringify(timeout)}`);
      await screenshot(page, '01-highlighting.png');
    });

    await test('the status bar shows haplint and the target version', async () => {
      await waitForText(page, '.statusbar', ['haplint 0.', 'HAProxy 3.2'], 'status bar');
    });

    await test('the Problems panel lists haplint diagnostics with rule names', async () => {
      await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 30_000 });
      await showProblems(page);
      await waitForText(page, '.markers-panel', [
        'use_backend` names backend `api`, which is not defined', 'undefined-backend',
        'without a unit means 5000 milliseconds', 'timeout-without-unit',
        'missing-stats-socket',
      ], 'Problems panel');
      await screenshot(page, '02-problems.png');
    });

    await test('hover shows the keyword documentation', async () => {
      const target = await tokenCentre(page, 'balance');
      assert(target, '`balance` is on screen');
      await page.mouse.move(target.x - 40, target.y - 40);
      await page.mouse.move(target.x, target.y, { steps: 5 });
      await waitForText(page, '.monaco-hover', ['balance', 'backend'], 'hover');
      const hover = await page.$$eval('.monaco-hover', (elements) => elements.map((element) => element.innerText).join(' '));
      log(`hover: ${JSON.stringify(hover.slice(0, 300))}`);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the fade-in
      await screenshot(page, '03-hover.png');
      await page.mouse.move(5, 450);
      await page.keyboard.press('Escape');
    });

    await test('a quick fix from the light bulb changes the text as the CLI fix does', async () => {
      await goToLine(page, original.split('\n').findIndex((line) => line.includes('timeout connect 5000')) + 1);
      await page.keyboard.press('End');
      // The bulb of the line the cursor was on before may still show: wait
      // for the one beside the cursor's line.
      await page.waitForFunction(() => {
        const bulb = document.querySelector('.monaco-editor.focused .lightBulbWidget');
        const line = document.querySelector('.monaco-editor.focused .view-overlays .current-line');
        if (!bulb || !line || bulb.offsetParent === null) return false;
        const a = bulb.getBoundingClientRect();
        const b = line.getBoundingClientRect();
        return a.height > 0 && Math.abs(a.top + a.height / 2 - (b.top + b.height / 2)) < b.height / 2;
      }, { timeout: 20_000 }).catch(async (error) => {
        const found = await page.$$eval('[class*="ightBulb"]', (elements) => elements.map((element) => element.className));
        throw new Error(`${error.message}; light bulbs: ${JSON.stringify(found)}`);
      });
      const bulb = await page.$('.monaco-editor.focused .lightBulbWidget');
      await bulb.click();
      await page.waitForSelector('.action-widget', { visible: true, timeout: 10_000 });
      const rows = await page.$$('.action-widget .monaco-list-row');
      const items = await Promise.all(rows.map((row) => row.evaluate((element) => element.innerText.trim())));
      log(`light bulb menu: ${JSON.stringify(items)}`);
      await screenshot(page, '04-quick-fix.png');
      const index = items.findIndex((text) => text.startsWith('Write the unit'));
      if (index < 0) await page.keyboard.press('Escape');
      assert(index >= 0, `the rule's fix is offered: ${JSON.stringify(items)}`);
      await rows[index].click();
      await page.waitForSelector('.action-widget', { hidden: true, timeout: 10_000 });
      await chord(page, 'Control', 's');
      const file = path.join(workspace, 'haproxy.cfg');
      const deadline = Date.now() + 10_000;
      while (readFileSync(file, 'utf8') === original && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const saved = readFileSync(file, 'utf8');
      assert(saved === cliFixed, `the saved file equals the CLI fix:\n--- editor\n${saved}\n--- cli\n${cliFixed}`);
      await page.waitForFunction(() => !document.querySelector('.markers-panel')?.innerText.includes('timeout-without-unit'),
        { timeout: 10_000 });
    });

    await test('completion offers the keywords of the section', async () => {
      const lines = cliFixed.split('\n');
      const last = lines.findIndex((line) => line.includes('server s1')) + 1;
      await goToLine(page, last);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await chord(page, 'Control', ' ');
      await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 15_000 });
      await page.keyboard.type('htt');
      await waitForText(page, '.suggest-widget.visible', ['http-request', 'http-check'], 'completion in a backend');
      await screenshot(page, '05-completion.png');
      await page.keyboard.press('Escape');
      for (let index = 0; index < 3; index += 1) await page.keyboard.press('Backspace');
    });

    await test('diagnostics follow an edit typed into the editor', async () => {
      const lines = cliFixed.split('\n');
      const bind = lines.findIndex((line) => line.includes('bind :8080')) + 1;
      await goToLine(page, bind);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.keyboard.type('timeout client 10x', { delay: 20 });
      await page.keyboard.press('Escape');
      await waitForText(page, '.markers-panel', ['unknown time unit in `10x`', 'invalid-value'], 'Problems after the edit');
      await screenshot(page, '06-after-edit.png');
      for (let index = 0; index < 'x'.length; index += 1) await page.keyboard.press('Backspace');
      await page.keyboard.type('s');
      await page.waitForFunction(() => !document.querySelector('.markers-panel')?.innerText.includes('unknown time unit'),
        { timeout: 10_000 });
    });

    await test('the fix-all command applies every safe fix', async () => {
      const lines = cliFixed.split('\n');
      const bind = lines.findIndex((line) => line.includes('bind :8080')) + 1;
      await goToLine(page, bind);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.keyboard.type('timeout http-request 3000', { delay: 10 });
      await page.keyboard.press('Escape');
      await waitForText(page, '.markers-panel', ['`3000` without a unit'], 'Problems before fixing all');
      await runCommand(page, 'haplint: Fix all safely fixable problems in this file');
      await waitForText(page, '.monaco-editor .view-lines', ['timeout http-request 3000ms'], 'the editor after fixing all');
    });

    await test('explain opens the rule documentation in a Markdown preview', async () => {
      const line = cliFixed.split('\n').findIndex((text) => text.includes('use_backend api')) + 1;
      // The two lines typed above come first; column 18 is in `api`.
      await goToLine(page, `${line + 2}:18`);
      await runCommand(page, 'haplint: Explain the rule under the cursor');
      await waitForText(page, '.tabs-container', ['undefined-backend'], 'the preview tab');
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the preview renders in a webview
      await screenshot(page, '09-explain.png');
      await chord(page, 'Control', 'w');
    });

    await test('the status bar changes the target version', async () => {
      await openFile(page, path.join(workspace, 'haproxy.cfg'));
      // A real click on the item, again if the picker did not open (the
      // status bar may still be redrawing after the editor change).
      for (let attempt = 1; ; attempt += 1) {
        const centre = await page.waitForFunction(() => {
          const item = [...document.querySelectorAll('.statusbar-item')]
            .find((element) => element.textContent.includes('haplint 0.') && element.offsetParent !== null);
          if (!item) return null;
          const box = item.getBoundingClientRect();
          return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        }, { timeout: 10_000 }).then((handle) => handle.jsonValue());
        await page.mouse.click(centre.x, centre.y);
        const opened = await page.waitForSelector('.quick-input-widget input:focus', { timeout: 3000 }).then(() => true, () => false);
        if (opened) break;
        assert(attempt < 3, 'clicking the status bar item opens the version picker');
      }
      await page.keyboard.type('HAProxy 2.6');
      await page.keyboard.press('Enter');
      await waitForText(page, '.statusbar', ['HAProxy 2.6'], 'status bar after choosing 2.6');
    });

    await test('restart brings the diagnostics back; the output shows the server log', async () => {
      await runCommand(page, 'haplint: Restart the language server');
      await waitForText(page, '.statusbar', ['haplint 0.'], 'status bar after the restart');
      await showProblems(page);
      await waitForText(page, '.markers-panel', ['undefined-backend'], 'Problems after the restart');
      await runCommand(page, 'haplint: Show the output');
      await waitForText(page, '.output-view, .panel', ['server (found through the binary bundled with the extension)'], 'the output channel');
    });

    await test('a split configuration is checked as one set', async () => {
      await openFile(page, path.join(workspace, 'haproxy', 'conf.d', 'web.cfg'));
      await waitForText(page, '#status\\.editor\\.mode', ['HAProxy'], 'language mode of conf.d/web.cfg');
      await showProblems(page);
      await waitForText(page, '.markers-panel', ['names backend `legacy`, which is not defined'], 'Problems of the set');
      const panel = await textOf(page, '.markers-panel');
      assert(!panel.includes('backend `app`, which is not defined'), `app is defined in the other file of the set:\n${panel}`);
      assert(!panel.includes('frontend `web` has no `timeout client`'), `web inherits its timeouts from the set's defaults:\n${panel}`);
      await screenshot(page, '07-split-configuration.png');
    });
  } finally {
    if (page) {
      await screenshot(page, '99-main-last.png').catch(() => {});
      await page.close().catch(() => {});
    }
    await server.stop();
  }
}

async function missingBinaryRun(browser) {
  const workspace = path.join(scratch, 'workspace-missing');
  writeWorkspace(workspace);
  // No directory of the PATH may hold a haplint.
  const searchPath = (process.env.PATH ?? '').split(path.delimiter).filter((directory) => {
    try {
      accessSync(path.join(directory, 'haplint'), constants.X_OK);
      return false;
    } catch {
      return true;
    }
  }).join(path.delimiter);
  const server = await startCodeServer('missing', path.resolve(args['universal-vsix']), workspace, { PATH: searchPath });
  let page;
  try {
    page = await openWorkbench(browser, server.url);
    await openFile(page, path.join(workspace, 'haproxy.cfg'));
    await test('a missing binary gives an error notification saying where it looked', async () => {
      await waitForText(page, '.notifications-toasts', [
        'the haplint binary was not found', 'haplint.path: not set', 'bundled binary', 'PATH', 'cargo install',
      ], 'notification', 30_000);
      await screenshot(page, '08-missing-binary.png');
    });
  } finally {
    if (page) await page.close().catch(() => {});
    await server.stop();
  }
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--window-size=1400,900'],
});
async function run(name, body) {
  try {
    await body();
  } catch (error) {
    failed += 1;
    results.push(`FAIL ${name}: ${error.message}`);
    log(`FAIL ${name}: ${error.stack ?? error}`);
  }
}
try {
  await run('the run with the platform package', () => mainRun(browser));
  await run('the run with the universal package and no haplint', () => missingBinaryRun(browser));
} finally {
  await browser.close();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`\n${results.join('\n')}\n`);
console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${out}`);
console.log(`vscode-e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
