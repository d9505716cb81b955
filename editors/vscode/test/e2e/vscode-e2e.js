#!/usr/bin/env node
// End-to-end test of the extension in a real VS Code (code-server, driven in headless Chromium by
// playwright-core). Installs the .vsix into a fresh profile, opens the fixture connector and checks
// what a user sees: the Problems panel rows (codes, lines, severity from our settings), completion
// after typing `"x-ms-` in a parameter, the quick fix for a missing `x-ms-summary`, the
// "Check Whole Workspace" command, and the preview (operations, labels, required marks, updating
// as the summary is edited, a click selecting the source). Saves screenshots into --artifacts.
//
//   node vscode-e2e.js --install DIR --vsix EXT.vsix --server BIN --fixture DIR --artifacts DIR
//
// --server BIN sets connectorLs.server.path to BIN. --server bundled tests a platform .vsix as a
// user installs it: no connectorLs.server.path, and code-server runs with a PATH that has no
// connector-ls on it, so the only server there is is the one inside the .vsix.
//
// Exit status 0 when every check passed; the failures are listed otherwise.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

function parseArgs() {
  const a = {};
  const v = process.argv.slice(2);
  for (let i = 0; i < v.length; i += 2) a[v[i].replace(/^--/, '')] = v[i + 1];
  for (const k of ['install', 'vsix', 'server', 'fixture', 'artifacts']) {
    if (!a[k]) {
      console.error(`missing --${k}`);
      process.exit(2);
    }
  }
  return a;
}

/** PATH without the folders that hold a connector-ls executable. */
function pathWithoutServer() {
  return (process.env.PATH || '')
    .split(path.delimiter)
    .filter((d) => {
      try {
        fs.accessSync(path.join(d, 'connector-ls'), fs.constants.X_OK);
        return false;
      } catch {
        return true;
      }
    })
    .join(path.delimiter);
}

/**
 * User settings, and the same connectorLs.server.path in the Machine (remote) settings: the
 * setting has `machine` scope, and code-server's windows are remote ones.
 */
function writeSettings(ud, settings) {
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  if (settings['connectorLs.server.path'] !== undefined) {
    fs.mkdirSync(path.join(ud, 'Machine'), { recursive: true });
    fs.writeFileSync(path.join(ud, 'Machine', 'settings.json'),
      JSON.stringify({ 'connectorLs.server.path': settings['connectorLs.server.path'] }, null, 2));
  }
}

/** The text of every log file under `dir` (VS Code writes output channels there). */
function logsText(dir) {
  let out = '';
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out += logsText(p);
    else if (e.name.endsWith('.log')) out += fs.readFileSync(p, 'utf8') + '\n';
  }
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((res) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
}

async function waitPort(port, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise((res) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        res(true);
      });
      s.on('error', () => res(false));
    });
    if (ok) return;
    await sleep(200);
  }
  throw new Error('code-server did not listen');
}

/** Polls `fn` until it returns a truthy value or `ms` passes; returns the last value. */
async function until(fn, ms, every = 250) {
  const end = Date.now() + ms;
  let v;
  while (Date.now() < end) {
    v = await fn();
    if (v) return v;
    await sleep(every);
  }
  return v;
}

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const s = path.join(from, e.name);
    const d = path.join(to, e.name);
    if (e.isDirectory()) copyDir(s, d);
    else fs.copyFileSync(s, d);
  }
}

const results = [];

/**
 * A second, short session whose connectorLs.server.path points nowhere: the extension (activated
 * by the workspace's apiDefinition.swagger.json) shows one clear message with the install command.
 */
async function missingServer(bin, chromium, ext, ws, artifacts, env) {
  const ud = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-ls-e2e-user-'));
  writeSettings(ud, {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'connectorLs.server.path': '/nonexistent/connector-ls',
  });
  const port = await freePort();
  const cs = spawn(bin, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', ud, '--extensions-dir', ext,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ws], { stdio: 'ignore', env });
  let browser;
  try {
    await waitPort(port, 60000);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    const notes = () => page.$$eval('.notifications-toasts .notification-list-item', (els) =>
      els.map((e) => e.innerText).filter((t) => t.includes('connector-ls')));
    await until(async () => (await notes()).length > 0, 30000);
    await sleep(2000);
    const all = await notes();
    await page.screenshot({ path: path.join(artifacts, 'server-not-found.png') });
    check('a server path that points nowhere gives one message with the install command, no stack trace',
      all.length === 1 && all[0].includes('/nonexistent/connector-ls') && all[0].includes('cargo install') && !/\n\s+at /.test(all[0]), all);
  } catch (e) {
    check('the missing-server session ran', false, String(e));
  } finally {
    if (browser) await browser.close();
    cs.kill('SIGTERM');
  }
}
function check(name, ok, detail) {
  results.push({ name, ok: Boolean(ok) });
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${name}${!ok && detail !== undefined ? `\n       ${typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2).replace(/\n/g, '\n       ')}` : ''}`);
}

(async () => {
  const a = parseArgs();
  const install = path.resolve(a.install);
  const bin = path.join(install, 'node_modules/.bin/code-server');
  const { chromium } = require(path.join(install, 'node_modules/playwright-core'));
  const artifacts = path.resolve(a.artifacts);
  fs.mkdirSync(artifacts, { recursive: true });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-ls-e2e-'));
  const ws = path.join(tmp, 'workspace');
  copyDir(path.resolve(a.fixture), ws);
  const swaggerPath = path.join(ws, 'Contoso', 'apiDefinition.swagger.json');
  const original = fs.readFileSync(swaggerPath, 'utf8');
  // A misspelt member in apiProperties.json: ApiPropertiesUnknownProperty of ours, and a schema
  // warning of VS Code's own JSON validation once the file is open.
  const apiPath = path.join(ws, 'Contoso', 'apiProperties.json');
  const apiText = fs.readFileSync(apiPath, 'utf8').replace('    "publisher": "Contoso",\n', '    "publisher": "Contoso",\n    "publsher": "Contoso",\n');
  fs.writeFileSync(apiPath, apiText);
  const apiLine = apiText.split('\n').findIndex((l) => l.includes('"publsher"')) + 1;
  const ud = path.join(tmp, 'user');
  const ext = path.join(tmp, 'ext');
  const bundled = a.server === 'bundled';
  const env = bundled ? { ...process.env, PATH: pathWithoutServer() } : process.env;
  if (bundled) {
    const onPath = env.PATH.split(path.delimiter).filter((d) => fs.existsSync(path.join(d, 'connector-ls')));
    check('bundled mode: no connector-ls on the PATH code-server gets', onPath.length === 0, onPath);
  }
  writeSettings(ud, {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'editor.quickSuggestions': { other: true, comments: false, strings: true },
    // Exercised through the settings mapping: UnknownExtension is a warning by default.
    ...(bundled ? {} : { 'connectorLs.server.path': path.resolve(a.server) }),
    'connectorLs.severity': { UnknownExtension: 'error' },
    'connectorLs.debounceMs': 50,
  });

  const inst = spawnSync(bin, ['--user-data-dir', ud, '--extensions-dir', ext, '--install-extension', path.resolve(a.vsix)], {
    encoding: 'utf8',
  });
  check('the .vsix installs into code-server', inst.status === 0, inst.stdout + inst.stderr);
  if (inst.status !== 0) process.exit(1);

  const port = await freePort();
  const logFile = path.join(artifacts, 'code-server.log');
  const cs = spawn(
    bin,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', ud, '--extensions-dir', ext,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ws],
    { stdio: ['ignore', fs.openSync(logFile, 'w'), fs.openSync(logFile, 'a')], env },
  );
  let browser;
  let page;
  try {
    await waitPort(port, 60000);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    await sleep(2000);

    // Open the swagger through Quick Open, as a user would.
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
    await page.keyboard.type('Contoso/apiDefinition.swagger.json');
    // Enter before the file search answered would open nothing: wait for the result row.
    await until(
      () => page.$$eval('.quick-input-list .monaco-list-row', (els) => els.some((e) => e.innerText.includes('apiDefinition.swagger.json'))),
      30000,
    );
    await sleep(300);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });

    const problemRows = () =>
      page.$$eval('.markers-panel .monaco-tl-row', (els) =>
        els.map((e) => ({
          text: e.innerText.replace(/\n/g, ' | '),
          error: !!e.querySelector('.codicon-error'),
          warning: !!e.querySelector('.codicon-warning'),
        })),
      );
    await page.keyboard.press('Control+Shift+M');
    const has = (rows, code, where) => rows.find((r) => r.text.includes(code) && r.text.includes(where));
    let rows = await until(async () => {
      const r = await problemRows();
      // Every row the checks below expect: the panel fills in as diagnostics arrive (the package's
      // and apiProperties.json's come in their own publishes), so a partial list is not yet a failure.
      return has(r, 'RequiredPropertyMissing', '[Ln 30, Col 11]') && has(r, 'UnknownExtension', '[Ln 28, Col 9]') &&
        has(r, 'RequiredPropertyMissing', '[Ln 1, Col 1]') && has(r, 'IconMissing', '[Ln 1, Col 1]') &&
        has(r, 'ReadmeMissing', '[Ln 1, Col 1]') &&
        has(r, 'ApiPropertiesUnknownProperty', `[Ln ${apiLine}, Col 5]`) ? r : null;
    }, 60000);
    rows = rows || (await problemRows());
    fs.writeFileSync(path.join(artifacts, 'problems.json'), JSON.stringify(rows, null, 2));
    const summary = has(rows, 'RequiredPropertyMissing', '[Ln 30, Col 11]');
    check("Problems: RequiredPropertyMissing for the parameter without x-ms-summary on line 30", summary && summary.text.includes("The 'x-ms-summary' property is required.") && summary.text.includes('connector-ls'), rows);
    check('Problems: RequiredPropertyMissing x-ms-connector-metadata on line 1', has(rows, 'RequiredPropertyMissing', '[Ln 1, Col 1]'), rows);
    check("Problems: the package's IconMissing and ReadmeMissing on line 1 of the swagger", has(rows, 'IconMissing', '[Ln 1, Col 1]') && has(rows, 'ReadmeMissing', '[Ln 1, Col 1]'), rows);
    const unknown = has(rows, 'UnknownExtension', '[Ln 28, Col 9]');
    check("Problems: UnknownExtension 'x-ms-visibilty' on line 28, an error through connectorLs.severity", unknown && unknown.error && unknown.text.includes("Did you mean 'x-ms-visibility'?"), rows);
    check("Problems: apiProperties.json, not open, has its ApiPropertiesUnknownProperty (pushed; VS Code does not validate it)",
      has(rows, 'ApiPropertiesUnknownProperty', `[Ln ${apiLine}, Col 5]`), rows);
    const ours = rows.filter((r) => r.text.includes('connector-ls'));
    const texts = ours.map((r) => r.text);
    check('Problems: no diagnostic listed twice', new Set(texts).size === texts.length, texts);
    const editor = '.monaco-editor .view-lines';
    const goto = async (line, col) => {
      await page.click(editor);
      await page.keyboard.press('Control+G');
      await page.waitForSelector('.quick-input-widget input', { timeout: 5000 });
      await page.keyboard.type(col ? `${line}:${col}` : `${line}`);
      await page.keyboard.press('Enter');
      await sleep(300);
    };
    // Squiggles are drawn only for visible lines: bring lines 28-30 into view first.
    await goto(29);
    await sleep(500);
    const squiggles = await page.$$eval('.squiggly-error, .squiggly-warning, .squiggly-info', (e) => e.map((x) => x.className));
    // Both are errors: UnknownExtension through connectorLs.severity, RequiredPropertyMissing as in the pipeline.
    check('the editor squiggles lines 28 and 30 as errors', squiggles.filter((c) => c.includes('squiggly-error')).length >= 2, squiggles);
    await page.screenshot({ path: path.join(artifacts, 'squiggles.png') });

    // Completion: type `"x-ms-` as a new key of the parameter (after its last property, line 35).
    await goto(35);
    await page.keyboard.press('End');
    await page.keyboard.type(',');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"x-ms-', { delay: 60 });
    const suggestions = async () =>
      page.$$eval('.suggest-widget.visible .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') || e.innerText));
    let sugg = await until(async () => {
      const s = await suggestions();
      return s.some((l) => /x-ms-summary/.test(l)) ? s : null;
    }, 8000);
    if (!sugg) {
      await page.keyboard.press('Control+Space');
      sugg = await until(async () => {
        const s = await suggestions();
        return s.some((l) => /x-ms-summary/.test(l)) ? s : null;
      }, 8000);
    }
    sugg = sugg || (await suggestions());
    check('completion after typing "x-ms- in a parameter offers x-ms-summary', sugg.some((l) => /x-ms-summary/.test(l)), sugg);
    // The details pane of the focused item shows our docs when x-ms-summary is focused.
    const idx = sugg.findIndex((l) => /x-ms-summary/.test(l));
    for (let i = 0; i < idx; i++) await page.keyboard.press('ArrowDown');
    await sleep(300);
    const detailsVisible = await page.$('.suggest-details-container .suggest-details');
    if (!detailsVisible) await page.keyboard.press('Control+Space');
    const docs = await until(
      () => page.$$eval('.suggest-details .docs, .suggest-details .body', (els) => els.map((e) => e.innerText).join('\n').trim()),
      5000,
    );
    fs.writeFileSync(path.join(artifacts, 'completion.json'), JSON.stringify({ suggestions: sugg, docs }, null, 2));
    await page.screenshot({ path: path.join(artifacts, 'completion.png') });
    check('x-ms-summary comes with documentation', typeof docs === 'string' && docs.length > 20, docs);
    await page.keyboard.press('Escape');
    // Back to the file as it was (the undo stack starts at the opened text).
    for (let i = 0; i < 12; i++) await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+S');
    await sleep(500);
    check('undo restores the fixture', fs.readFileSync(swaggerPath, 'utf8') === original);

    // Quick fix on the missing x-ms-summary (line 30, where the diagnostic starts).
    await until(async () => has(await problemRows(), 'RequiredPropertyMissing', '[Ln 30, Col 11]'), 20000);
    await goto(30, 12);
    await page.keyboard.press('Control+.');
    const actionTitle = 'Add `x-ms-summary` "Page Size"';
    const actionRows = async () =>
      page.$$eval('.action-widget .monaco-list-row, .context-view .monaco-list-row', (els) =>
        els.map((e) => e.getAttribute('aria-label') || e.innerText),
      );
    const actions = (await until(async () => {
      const r = await actionRows();
      return r.some((t) => t.includes(actionTitle)) ? r : null;
    }, 10000)) || (await actionRows());
    check(`the light bulb offers ${actionTitle}`, actions.some((t) => t.includes(actionTitle)), actions);
    await page.screenshot({ path: path.join(artifacts, 'quickfix.png') });
    if (actions.some((t) => t.includes(actionTitle))) {
      // The action list takes the keyboard (a pointer block covers it): focus our row, then Enter.
      for (let i = 0; i < actions.length; i++) {
        const focused = await page.$eval('.action-widget .monaco-list-row.focused', (e) => e.getAttribute('aria-label') || e.innerText).catch(() => '');
        if (focused.includes(actionTitle)) break;
        await page.keyboard.press('ArrowDown');
        await sleep(150);
      }
      await page.keyboard.press('Enter');
      await sleep(500);
      await page.keyboard.press('Control+S');
      const fixed = await until(() => {
        const t = fs.readFileSync(swaggerPath, 'utf8');
        return t !== original ? t : null;
      }, 5000);
      const expected = original.replace(
        '            "name": "page_size",\n',
        '            "name": "page_size",\n            "x-ms-summary": "Page Size",\n',
      );
      check('the quick fix inserts "x-ms-summary": "Page Size" after the name', fixed === expected, fixed || '(file unchanged)');
      const after = await until(async () => {
        const r = await problemRows();
        return has(r, 'UnknownExtension', '[Ln 28, Col 9]') && !r.some((x) => x.text.includes("'x-ms-summary' property is required")) ? r : null;
      }, 15000);
      check('the x-ms-summary diagnostic is gone after the fix', after, await problemRows());
    }

    // Connector: Check Whole Workspace (command palette), with its notification.
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { timeout: 5000 });
    await page.keyboard.type('Connector: Check Whole Workspace');
    await sleep(800);
    await page.keyboard.press('Enter');
    const note = await until(
      () => page.$$eval('.notifications-toasts .notification-list-item', (els) => els.map((e) => e.innerText).find((t) => t.includes('file(s) checked'))),
      20000,
    );
    check('Check Whole Workspace reports the package in a notification', note && /1 package\(s\), 2 file\(s\) checked/.test(note), note);
    await sleep(1000);
    const final = (await problemRows()).filter((r) => r.text.includes('connector-ls')).map((r) => r.text);
    // Two in the swagger, the package's IconMissing and ReadmeMissing (shown on the swagger), and
    // the one of apiProperties.json.
    check('after the workspace check each diagnostic is listed once', final.length === 5 && new Set(final).size === 5, final);
    await page.screenshot({ path: path.join(artifacts, 'check-workspace.png') });

    // A syntax error is listed once: VS Code's JSON validation shows it, ours is hidden.
    await goto(25);
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    const syntax = await until(async () => {
      const r = await problemRows();
      return r.some((x) => /Expected comma|json\(/.test(x.text)) ? r : null;
    }, 15000);
    await sleep(1500);
    const syntaxRows = await problemRows();
    fs.writeFileSync(path.join(artifacts, 'syntax-problems.json'), JSON.stringify(syntaxRows, null, 2));
    check("a missing comma shows VS Code's JSON error and no duplicate JsonSyntaxError of ours",
      syntax && !syntaxRows.some((x) => x.text.includes('JsonSyntaxError')), syntaxRows);
    await page.keyboard.press('Control+Z');
    await until(async () => !(await problemRows()).some((x) => x.text.includes('Expected comma')), 10000);

    // Connector: Apply All Safe Fixes renames the misspelt extension (a safe fix).
    await page.click(editor);
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { timeout: 5000 });
    await page.keyboard.type('Connector: Apply All Safe Fixes');
    await sleep(800);
    await page.keyboard.press('Enter');
    await sleep(1000);
    await page.keyboard.press('Control+S');
    const fixedAll = await until(() => {
      const t = fs.readFileSync(swaggerPath, 'utf8');
      return t.includes('"x-ms-visibility": "important"') ? t : null;
    }, 10000);
    check('Apply All Safe Fixes renames x-ms-visibilty to x-ms-visibility',
      fixedAll && !fixedAll.includes('x-ms-visibilty') && fixedAll.includes('"x-ms-summary": "Page Size"'),
      fixedAll || fs.readFileSync(swaggerPath, 'utf8').split('\n').slice(24, 33).join('\n'));
    await page.screenshot({ path: path.join(artifacts, 'fix-all.png') });

    // Connector: Open Preview, from the button in the editor's title bar.
    await page.click(editor);
    const button = '.editor-actions .action-label[aria-label*="Open Preview"]';
    const hasButton = await until(() => page.$(button), 10000);
    check('connector files have an Open Preview button in the editor title bar', hasButton);
    if (hasButton) {
      await page.click(button);
    } else {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { timeout: 5000 });
      await page.keyboard.type('Connector: Open Preview');
      await sleep(800);
      await page.keyboard.press('Enter');
    }
    // The webview's page is two iframes deep (code-server's host frame, then the content frame):
    // look through every frame of the page for ours.
    const previewFrame = async () => {
      for (const f of page.frames()) {
        try {
          if (await f.$('.preview .op')) return f;
        } catch {
          // A frame that went away meanwhile.
        }
      }
      return null;
    };
    const seen = async () => {
      const f = await previewFrame();
      if (!f) return null;
      return f.evaluate(() => ({
        card: document.querySelector('.connector h1')?.textContent,
        operations: Array.from(document.querySelectorAll('.op-head .title')).map((e) => e.textContent),
        fields: Array.from(document.querySelectorAll('.op .field')).map((e) => ({
          label: e.querySelector('label')?.textContent,
          required: !!e.querySelector('label .req'),
        })),
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
      })).catch(() => null);
    };
    let view = await until(async () => {
      const v = await seen();
      return v && v.operations.length > 0 ? v : null;
    }, 30000);
    fs.writeFileSync(path.join(artifacts, 'preview.json'), JSON.stringify(view, null, 2));
    await page.screenshot({ path: path.join(artifacts, 'preview.png') });
    check('the preview shows the connector card and its operation', view && view.card === 'Contoso Items' && view.operations.includes('List items'), view);
    const field = (v, label) => v && v.fields.find((f) => f.label === label || f.label === `${label}*`);
    check('the preview shows the labels, with a required star on the required input only',
      field(view, 'Page Size') && !field(view, 'Page Size').required && field(view, 'Account') && field(view, 'Account').required, view);
    check("the preview's page has a strict Content-Security-Policy", view && /default-src 'none'/.test(view.csp || '') && !/unsafe-inline/.test(view.csp || ''), view && view.csp);

    // Typing in the swagger updates the preview: prefix the operation's summary.
    const summaryLine = fs.readFileSync(swaggerPath, 'utf8').split('\n').findIndex((l) => l.includes('"summary": "List items"')) + 1;
    await goto(summaryLine, 21);
    await page.keyboard.type('Browse ', { delay: 30 });
    view = await until(async () => {
      const v = await seen();
      return v && v.operations.includes('Browse List items') ? v : null;
    }, 15000);
    await page.screenshot({ path: path.join(artifacts, 'preview-edited.png') });
    check('editing the summary changes the preview', view, await seen());
    await page.keyboard.press('Control+S');

    // Clicking an input in the preview selects its source in the editor.
    const accountLine = fs.readFileSync(swaggerPath, 'utf8').split('\n').findIndex((l) => l.includes('"x-ms-summary": "Account"')) + 1;
    const frame = await previewFrame();
    if (frame) {
      await frame.evaluate(() => {
        const f = Array.from(document.querySelectorAll('.op .field')).find((e) => /^Account/.test(e.querySelector('label')?.textContent || ''));
        if (f) f.click();
      });
    }
    const selection = async () => page.$eval('[id="status.editor.selection"]', (e) => e.textContent).catch(() => '');
    const landed = await until(async () => {
      const s = await selection();
      return s && s.includes(`Ln ${accountLine},`) ? s : null;
    }, 10000);
    await page.screenshot({ path: path.join(artifacts, 'preview-reveal.png') });
    check(`clicking the Account input in the preview selects its label on line ${accountLine}`, landed, await selection());

    // Settings changed while running reach the server: edit the user settings.json in the editor.
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { timeout: 5000 });
    await page.keyboard.type('Preferences: Open User Settings (JSON)');
    await sleep(800);
    await page.keyboard.press('Enter');
    await sleep(1500);
    const current = JSON.parse(fs.readFileSync(path.join(ud, 'User', 'settings.json'), 'utf8'));
    current['connectorLs.severity'] = { RequiredPropertyMissing: 'warning' };
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify(current, null, 2));
    await page.keyboard.press('Control+S');
    await sleep(500);
    const promoted = await until(async () => {
      const r = await problemRows();
      const row = has(r, 'RequiredPropertyMissing', '[Ln 1, Col 1]');
      return row && row.warning && !row.error ? r : null;
    }, 15000);
    check('changing connectorLs.severity at run time re-checks: RequiredPropertyMissing (an error by default) becomes a warning', promoted, await problemRows());

    // Opened, apiProperties.json is validated by VS Code with the schema: its warning shows, and
    // ours is left out (the server knows VS Code shows it), not listed twice.
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
    await page.keyboard.type('Contoso/apiProperties.json');
    await until(
      () => page.$$eval('.quick-input-list .monaco-list-row', (els) => els.some((e) => e.innerText.includes('apiProperties.json'))),
      30000,
    );
    await sleep(300);
    await page.keyboard.press('Enter');
    const schemaRows = await until(async () => {
      const r = await problemRows();
      return r.some((x) => /publsher is not allowed/.test(x.text)) && !r.some((x) => x.text.includes('ApiPropertiesUnknownProperty')) ? r : null;
    }, 20000);
    await sleep(1500);
    const openedRows = await problemRows();
    fs.writeFileSync(path.join(artifacts, 'api-properties-problems.json'), JSON.stringify(openedRows, null, 2));
    check("apiProperties.json opened: VS Code's schema warning, and no ApiPropertiesUnknownProperty of ours beside it",
      schemaRows && !openedRows.some((x) => x.text.includes('ApiPropertiesUnknownProperty')) &&
        openedRows.some((x) => /publsher is not allowed/.test(x.text)), openedRows);
    const once = openedRows.filter((r) => r.text.includes('connector-ls')).map((r) => r.text);
    check('with apiProperties.json open, no diagnostic listed twice', new Set(once).size === once.length, once);
    await page.screenshot({ path: path.join(artifacts, 'api-properties.png') });

    const started = (logsText(path.join(ud, 'logs')).match(/starting .* serve \((setting|bundled|path)\)/g) || []);
    check(`the server was started from ${bundled ? 'the binary inside the .vsix' : 'connectorLs.server.path'}`,
      started.length > 0 && started.every((l) => l.endsWith(bundled ? '(bundled)' : '(setting)')), started);
  } catch (e) {
    check('the test ran to the end', false, String(e && e.stack ? e.stack : e));
    if (page) await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
  } finally {
    if (browser) await browser.close();
    cs.kill('SIGTERM');
  }
  await missingServer(bin, chromium, ext, ws, artifacts, env);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`vscode-e2e: ${passed} passed, ${failed} failed`);
  console.log(`artifacts: ${artifacts}`);
  process.exit(failed === 0 ? 0 : 1);
})();
