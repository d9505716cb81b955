// The VS Code side of connector-ls: finds and starts `connector-ls serve`, maps settings, and adds
// the commands (restart, output, check workspace, fix all). Everything language-related is the
// server's job; this file only wires VS Code to it.
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  type Middleware,
  RevealOutputChannelOn,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerPreview } from './preview';
import { discoveryMessage, findServer, rejectedMessage, type FoundServer } from './server';
import {
  filePatterns,
  isEditorSettingsFile,
  restrictForTrust,
  toServerSettings,
  trustedGetter,
  type Getter,
  type ServerSettings,
} from './settings';
import { looksLikeValidatorOutput, summaryMessage, type ValidatorSummary } from './validatorText';

const SECTION = 'connectorLs';
const CHECK_WORKSPACE = 'connector-ls.checkWorkspace';
const SHOW_VALIDATOR_OUTPUT = 'connector-ls.showValidatorOutput';
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('connector-ls');

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let lastFailure = '';

function isExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Our settings as this workspace may set them: in an untrusted workspace, the restricted ones
 * (server path, git, file globs, docs URL) come from the user's settings only.
 */
function settingsGetter(): Getter {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  return trustedGetter(
    (k) => cfg.get(k),
    (k) => cfg.inspect(k),
    vscode.workspace.isTrusted,
  );
}

function serverSettings(): ServerSettings {
  const problems: string[] = [];
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const s = restrictForTrust(
    toServerSettings(settingsGetter(), (k) => cfg.inspect(k)?.defaultValue, vscodeJsonValidates(), problems),
    vscode.workspace.isTrusted,
  );
  for (const p of problems) output.appendLine(`[settings] ${p}`);
  return s;
}

/**
 * `connectorLs.server.path` from the user's settings only, trusted workspace or not: it is
 * machine-scoped, and a workspace never chooses the executable.
 */
function configuredServerPath(): string | undefined {
  const value = vscode.workspace.getConfiguration(SECTION).inspect<string>('server.path')?.globalValue;
  return typeof value === 'string' ? value : undefined;
}

/** Whether VS Code's JSON language service validates (syntax, and the schemas package.json associates). */
function vscodeJsonValidates(): boolean {
  return vscode.workspace.getConfiguration('json').get<boolean>('validate.enable', true) !== false;
}

function discover(context: vscode.ExtensionContext): FoundServer | undefined {
  const d = findServer({
    configured: configuredServerPath(),
    extensionPath: context.extensionPath,
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    homeDir: os.homedir(),
    isExecutable,
  });
  const rejected = rejectedMessage(d);
  if (rejected) {
    output.appendLine(rejected);
    void vscode.window.showErrorMessage(rejected, 'Open Settings').then((pick) => {
      if (pick === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'connectorLs.server.path');
    });
  }
  if (d.ok) return d.server;
  const message = discoveryMessage(d);
  output.appendLine(message);
  if (!d.ok && d.reason === 'not-found') output.appendLine(`searched: ${d.searched.join(', ')}`);
  // One message per distinct problem, not one per restart or opened file.
  if (message !== lastFailure) {
    lastFailure = message;
    void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output').then((pick) => {
      if (pick === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'connectorLs.server.path');
      if (pick === 'Show Output') output.show(true);
    });
  }
  return undefined;
}

function middleware(): Middleware {
  return {
    // VS Code's own settings files are never a connector's settings.json.
    didOpen: (doc, next) => (isEditorSettingsFile(doc.uri.fsPath) ? Promise.resolve() : next(doc)),
    didChange: (e, next) => (isEditorSettingsFile(e.document.uri.fsPath) ? Promise.resolve() : next(e)),
    didClose: (doc, next) => (isEditorSettingsFile(doc.uri.fsPath) ? Promise.resolve() : next(doc)),
    // Diagnostics need nothing here: the server sends each document's by one channel (pulled
    // while it is open, pushed while it is not) and leaves out what VS Code's JSON validation
    // shows (`jsonValidatedByClient`).
    workspace: {
      configuration: async (params, token, next) => {
        const result = await next(params, token);
        if (!Array.isArray(result)) return result;
        return params.items.map((item, i) => (item.section === SECTION ? serverSettings() : result[i]));
      },
    },
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const found = discover(context);
  if (!found) return;
  lastFailure = '';
  output.appendLine(`starting ${found.command} serve (${found.source})`);
  const serverOptions: ServerOptions = {
    run: { command: found.command, args: ['serve'] },
    debug: { command: found.command, args: ['serve'], options: { env: { ...process.env, RUST_LOG: 'debug' } } },
  };
  const patterns = filePatterns(settingsGetter()('files'));
  const clientOptions: LanguageClientOptions = {
    documentSelector: patterns.map((pattern) => ({ scheme: 'file', pattern })),
    initializationOptions: serverSettings(),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: middleware(),
  };
  const c = new LanguageClient(SECTION, 'Connector (connector-ls)', serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
  } catch (e) {
    client = undefined;
    const msg = `connector-ls: the server ${found.command} did not start: ${e instanceof Error ? e.message : String(e)}`;
    output.appendLine(msg);
    void vscode.window.showErrorMessage(msg, 'Show Output').then((p) => p && output.show(true));
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(2000);
    } catch (e) {
      output.appendLine(`stopping the server: ${String(e)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  lastFailure = '';
  await start(context);
}

interface CheckResult {
  packages: number;
  files: number;
  errors: number;
  warnings: number;
  /** Folders that could not be searched (the server also says so in a message). */
  unreadable?: { path: string; message: string }[];
}

async function checkWorkspace(): Promise<CheckResult | undefined> {
  const c = client;
  if (!c) {
    void vscode.window.showErrorMessage('connector-ls is not running. Run "Connector: Restart Server" after installing it.');
    return undefined;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => c.code2ProtocolConverter.asUri(f.uri));
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Connector: checking the workspace…' },
    () => c.sendRequest(ExecuteCommandRequest.type, { command: CHECK_WORKSPACE, arguments: folders }),
  );
  const r = result as CheckResult | null;
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  for (const u of r?.unreadable ?? []) output.appendLine(`[check workspace] not searched: ${u.path}: ${u.message}`);
  if (r) {
    void vscode.window.showInformationMessage(
      `Connector: ${r.packages} package(s), ${r.files} file(s) checked: ${r.errors} error(s), ${r.warnings} warning(s)` +
        (r.unreadable?.length ? `; ${r.unreadable.length} folder(s) could not be searched (see the output).` : '.'),
    );
  }
  return r ?? undefined;
}

/**
 * "Connector: Show Validator Output": sends validator output (the clipboard when it looks like
 * some, else what the user pastes in an input box) to the server, which shows it in the Problems
 * view at the places it means, with source `validator`, until those lines are edited.
 */
async function showValidatorOutput(text?: string): Promise<ValidatorSummary | undefined> {
  const c = client;
  if (!c) {
    void vscode.window.showErrorMessage('connector-ls is not running. Run "Connector: Restart Server" after installing it.');
    return undefined;
  }
  let pasted = text;
  if (pasted === undefined) {
    const clip = await vscode.env.clipboard.readText();
    pasted = looksLikeValidatorOutput(clip)
      ? clip
      : await vscode.window.showInputBox({
          title: 'Connector: Show Validator Output',
          prompt: 'Paste the validator output (##[error] lines from the pull request, or paconn\'s error)',
          ignoreFocusOut: true,
        });
  }
  if (!pasted) return undefined;
  const doc = vscode.window.activeTextEditor?.document;
  const args: unknown[] = [pasted];
  if (doc && doc.uri.scheme === 'file') args.push(c.code2ProtocolConverter.asUri(doc.uri));
  let r: ValidatorSummary | null;
  try {
    r = (await c.sendRequest(ExecuteCommandRequest.type, { command: SHOW_VALIDATOR_OUTPUT, arguments: args })) as ValidatorSummary | null;
  } catch (e) {
    void vscode.window.showErrorMessage(`Connector: ${e instanceof Error ? e.message : String(e)}. Open a file of the connector the output is about, then try again.`);
    return undefined;
  }
  if (!r) return undefined;
  for (const u of r.unplaced) output.appendLine(`[validator] line ${u.line} not placed: ${u.text} (${u.reason})`);
  if (r.placed > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
  void vscode.window.showInformationMessage(summaryMessage(r));
  return r;
}

async function fixAll(): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Connector: open a connector file to apply its safe fixes.');
    return 0;
  }
  const doc = editor.document;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      FIX_ALL_KIND.value,
    )) ?? [];
  let applied = 0;
  for (const a of actions) {
    if (!a.kind || !FIX_ALL_KIND.contains(a.kind)) continue;
    if (a.edit && (await vscode.workspace.applyEdit(a.edit))) applied++;
    if (a.command) await vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []));
  }
  void vscode.window.showInformationMessage(applied ? 'Connector: applied the safe fixes.' : 'Connector: no safe fixes to apply.');
  return applied;
}

export async function activate(context: vscode.ExtensionContext): Promise<{ checkWorkspace: typeof checkWorkspace }> {
  output = vscode.window.createOutputChannel('Connector (connector-ls)', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('connectorLs.restartServer', () => restart(context)),
    vscode.commands.registerCommand('connectorLs.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('connectorLs.checkWorkspace', checkWorkspace),
    vscode.commands.registerCommand('connectorLs.fixAll', fixAll),
    vscode.commands.registerCommand('connectorLs.showValidatorOutput', showValidatorOutput),
    registerPreview(() => client),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.server`) || e.affectsConfiguration(`${SECTION}.files`)) {
        void restart(context);
      } else if ((e.affectsConfiguration(SECTION) || e.affectsConfiguration('json.validate.enable')) && client) {
        void client.sendNotification('workspace/didChangeConfiguration', { settings: { [SECTION]: serverSettings() } });
      }
    }),
    // Trusting the folder lifts the restrictions: its own settings apply from now on.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart(context)),
    { dispose: () => void stop() },
  );
  await start(context);
  return { checkWorkspace };
}

export function deactivate(): Promise<void> {
  return stop();
}
