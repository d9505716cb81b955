// "Connector: Open Preview": the connector as the Power Automate designer shows it, in a webview
// beside the editor. The server builds it (`connector-ls.preview`, from the open buffers); this
// file shows it, refreshes it as the package's files change, and reveals the source of what is
// clicked.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import {
  ANSWER_PARTS,
  debounce,
  folderOf,
  isConnectorFile,
  isReadyMessage,
  isPreviewAnswer,
  makeNonce,
  messageHtml,
  parseRevealMessage,
  utf16IndexOfByteOffset,
  webviewHtml,
  type PreviewAnswer,
  type RevealMessage,
} from './previewLogic';

const PREVIEW_COMMAND = 'connector-ls.preview';
/** How long after the last keystroke the preview is rebuilt. */
const REFRESH_MS = 300;

type ClientGetter = () => LanguageClient | undefined;

/** One preview panel per connector folder. */
class Preview {
  private answer: PreviewAnswer | undefined;
  private shownCss: string | undefined;
  private readonly refreshSoon = debounce(() => void this.refresh(), REFRESH_MS);
  private disposed = false;
  /** Counts the refreshes: an older answer arriving late is dropped. */
  private sequence = 0;

  constructor(
    readonly folder: string,
    private document: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly client: ClientGetter,
    private sourceColumn: vscode.ViewColumn | undefined,
  ) {
    panel.webview.onDidReceiveMessage((m) => {
      // The page (re)loaded: it may show an older body than the latest answer.
      if (isReadyMessage(m) && this.answer) {
        void this.panel.webview.postMessage({ type: 'update', body: this.answer.body });
        return;
      }
      const reveal = parseRevealMessage(m);
      if (reveal) void this.reveal(reveal);
    });
  }

  /** Schedules a rebuild (an edit in the package). */
  changed(): void {
    this.refreshSoon();
  }

  /** Shows the preview of `document`'s package (another file of it may open it again). */
  show(document: vscode.Uri, column: vscode.ViewColumn | undefined): void {
    this.document = document;
    this.sourceColumn = column ?? this.sourceColumn;
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  async refresh(): Promise<void> {
    const c = this.client();
    const seq = ++this.sequence;
    if (!c) {
      this.panel.webview.html = messageHtml('connector-ls is not running. Run "Connector: Restart Server" after installing it.', nonce());
      return;
    }
    let answer: unknown;
    try {
      answer = await c.sendRequest(ExecuteCommandRequest.type, {
        command: PREVIEW_COMMAND,
        arguments: [{ uri: c.code2ProtocolConverter.asUri(this.document), include: ANSWER_PARTS }],
      });
    } catch (e) {
      if (this.disposed || seq !== this.sequence) return;
      this.panel.webview.html = messageHtml(`The preview could not be built: ${e instanceof Error ? e.message : String(e)}`, nonce());
      this.shownCss = undefined;
      return;
    }
    if (this.disposed || seq !== this.sequence) return;
    if (!isPreviewAnswer(answer)) {
      this.panel.webview.html = messageHtml('The server sent no preview (is it older than this extension?).', nonce());
      this.shownCss = undefined;
      return;
    }
    this.answer = answer;
    const title = answer.title;
    this.panel.title = `Preview: ${typeof title === 'string' && title ? title : 'connector'}`;
    if (this.shownCss === answer.css) {
      // Same style: only the body changes, and the search text, open sections and scroll stay.
      void this.panel.webview.postMessage({ type: 'update', body: answer.body });
    } else {
      this.panel.webview.html = webviewHtml(answer, nonce());
      this.shownCss = answer.css;
    }
  }

  /** Selects the source of a clicked element in the editor. */
  private async reveal(m: RevealMessage): Promise<void> {
    const target = this.answer?.files[m.file];
    if (!target) return;
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(target, true);
    } catch {
      return;
    }
    // Only a file of this connector (the server names no other).
    const same = (a: string, b: string) => (process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b);
    if (uri.scheme !== 'file' || !same(folderOf(uri.fsPath), this.folder)) return;
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    const start = doc.positionAt(utf16IndexOfByteOffset(text, m.start));
    const end = doc.positionAt(utf16IndexOfByteOffset(text, m.end));
    const column =
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn ??
      this.sourceColumn ??
      vscode.ViewColumn.One;
    await vscode.window.showTextDocument(doc, {
      viewColumn: column,
      selection: new vscode.Range(start, end),
      preserveFocus: false,
    });
  }

  dispose(): void {
    this.disposed = true;
    this.refreshSoon.cancel();
  }
}

function nonce(): string {
  return makeNonce((n) => randomBytes(n));
}

/**
 * Registers "Connector: Open Preview" (`connectorLs.openPreview`, also the editor title button of
 * connector files) and the refresh of open previews as their package's files change.
 */
export function registerPreview(client: ClientGetter): vscode.Disposable {
  const previews = new Map<string, Preview>();

  const open = async (arg?: vscode.Uri): Promise<boolean> => {
    const editor = vscode.window.activeTextEditor;
    const uri = arg instanceof vscode.Uri ? arg : editor?.document.uri;
    if (!uri || uri.scheme !== 'file' || !isConnectorFile(uri.fsPath)) {
      void vscode.window.showInformationMessage('Connector: open apiDefinition.swagger.json or apiProperties.json of a connector to preview it.');
      return false;
    }
    const folder = folderOf(uri.fsPath);
    const column = editor?.document.uri.toString() === uri.toString() ? editor.viewColumn : undefined;
    const existing = previews.get(folder);
    if (existing) {
      existing.show(uri, column);
      await existing.refresh();
      return true;
    }
    const panel = vscode.window.createWebviewPanel(
      'connectorLs.preview',
      'Preview: connector',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false },
    );
    const p = new Preview(folder, uri, panel, client, column);
    previews.set(folder, p);
    panel.onDidDispose(() => {
      p.dispose();
      previews.delete(folder);
    });
    // A hidden webview loses its page: show the latest again when it comes back.
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.visible) void p.refresh();
    });
    await p.refresh();
    return true;
  };

  const onChange = (uri: vscode.Uri) => {
    if (uri.scheme !== 'file' || !isConnectorFile(uri.fsPath)) return;
    previews.get(folderOf(uri.fsPath))?.changed();
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand('connectorLs.openPreview', open),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) onChange(e.document.uri);
    }),
    vscode.workspace.onDidSaveTextDocument((d) => onChange(d.uri)),
    { dispose: () => previews.forEach((p) => p.panel.dispose()) },
  );
}
