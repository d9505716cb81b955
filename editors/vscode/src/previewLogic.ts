// The pure part of the connector preview (no `vscode` import, unit-tested): the webview's page
// and its script, escaping, the messages the webview may send, and byte offsets of the server
// turned into string positions.

/** The connector files a preview can be opened from (and whose edits refresh it). */
export const CONNECTOR_FILES = ['apidefinition.swagger.json', 'apiproperties.json', 'settings.json'];

/** Whether the file at `fsPath` is one of the connector's own files. */
export function isConnectorFile(fsPath: string): boolean {
  const name = fsPath.split(/[\\/]/).pop() ?? '';
  return CONNECTOR_FILES.includes(name.toLowerCase());
}

/** The folder of a file path (the connector package). */
export function folderOf(fsPath: string): string {
  const i = Math.max(fsPath.lastIndexOf('/'), fsPath.lastIndexOf('\\'));
  return i < 0 ? '' : fsPath.slice(0, i);
}

/** Escapes text for an HTML element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

/** The parts of the server's answer the webview uses (the model is not needed: it can be megabytes). */
export const ANSWER_PARTS = ['title', 'body', 'css', 'files'];

/** What the server's `connector-ls.preview` command answers (the parts asked for). */
export interface PreviewAnswer {
  title?: string | null;
  body: string;
  css: string;
  /** The URI of each file kind the model's ranges point into (`swagger`, `apiProperties`, ...). */
  files: Record<string, string>;
}

/** Whether a value is a usable answer of the preview command. */
export function isPreviewAnswer(v: unknown): v is PreviewAnswer {
  if (!v || typeof v !== 'object') return false;
  const a = v as Record<string, unknown>;
  return (
    typeof a.body === 'string' &&
    typeof a.css === 'string' &&
    !!a.files &&
    typeof a.files === 'object' &&
    (a.title === undefined || a.title === null || typeof a.title === 'string')
  );
}

/** A request of the webview: select the source of a clicked element. */
export interface RevealMessage {
  type: 'reveal';
  file: string;
  start: number;
  end: number;
}

/** The webview's message if it is a well-formed reveal request, else `undefined`. */
export function parseRevealMessage(m: unknown): RevealMessage | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const r = m as Record<string, unknown>;
  const offset = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
  if (r.type !== 'reveal' || typeof r.file !== 'string' || !/^[A-Za-z]{1,32}$/.test(r.file)) return undefined;
  if (!offset(r.start) || !offset(r.end) || (r.end as number) < (r.start as number)) return undefined;
  return { type: 'reveal', file: r.file, start: r.start as number, end: r.end as number };
}

/** Whether the webview says its page has loaded. */
export function isReadyMessage(m: unknown): boolean {
  return !!m && typeof m === 'object' && (m as Record<string, unknown>).type === 'ready';
}

/**
 * The index in `text` (UTF-16 code units, as `TextDocument.positionAt` takes) of UTF-8 byte
 * offset `byteOffset` (the server's unit); past the end: the end.
 */
export function utf16IndexOfByteOffset(text: string, byteOffset: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byteOffset) {
    const cp = text.codePointAt(i) as number;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp >= 0x10000 ? 2 : 1;
  }
  return i;
}

/** A random nonce for the page's script and style (base64 letters and digits). */
export function makeNonce(random: (n: number) => Uint8Array): string {
  return Buffer.from(random(18)).toString('base64').replace(/[^A-Za-z0-9]/g, 'x');
}

/**
 * The script of the webview: shows each update of the body, keeps the search box's text and the
 * scroll position across updates, filters operations by the search text, and asks the extension
 * to reveal the source of a clicked element (its `data-file`, `data-start`, `data-end`).
 */
export const WEBVIEW_SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  let query = (vscode.getState() || {}).query || '';
  function filter() {
    const box = document.getElementById('search');
    if (box && box.value !== query) box.value = query;
    const q = query.toLowerCase();
    document.querySelectorAll('.op').forEach(function (op) {
      op.classList.toggle('filtered', op.textContent.toLowerCase().indexOf(q) < 0);
    });
  }
  root.addEventListener('input', function (e) {
    if (e.target && e.target.id === 'search') {
      query = e.target.value;
      vscode.setState({ query: query });
      filter();
    }
  });
  root.addEventListener('click', function (e) {
    const el = e.target && e.target.closest ? e.target.closest('[data-start]') : null;
    if (!el) return;
    vscode.postMessage({ type: 'reveal', file: el.getAttribute('data-file'),
      start: Number(el.getAttribute('data-start')), end: Number(el.getAttribute('data-end')) });
  });
  window.addEventListener('message', function (e) {
    const m = e.data;
    if (!m || m.type !== 'update' || typeof m.body !== 'string') return;
    const y = window.scrollY;
    const open = Array.from(document.querySelectorAll('details[open]')).map(function (d) {
      const op = d.closest('.op');
      return op ? op.getAttribute('data-operation') : '';
    });
    root.innerHTML = m.body;
    document.querySelectorAll('details.all').forEach(function (d) {
      const op = d.closest('.op');
      if (op && open.indexOf(op.getAttribute('data-operation')) >= 0) d.open = true;
    });
    filter();
    window.scrollTo(0, y);
  });
  filter();
  vscode.postMessage({ type: 'ready' });
})();
`;

/** Extra style for the editor: the page's own look, fitted to the panel. */
const WEBVIEW_CSS = `
body { padding: 0; }
.preview { max-width: 900px; }
.status { font-size: 12px; color: var(--muted); margin: 0 0 8px; }
.status.error { color: var(--err); }
.filtered { display: none; }
`;

/**
 * The webview's page: a strict Content-Security-Policy (nothing from the network; the one
 * script and the one style element by nonce; images only as `data:` URLs), the server's style,
 * and its body, which the server escaped. `status` (escaped here) is a line above the body.
 */
export function webviewHtml(answer: Pick<PreviewAnswer, 'body' | 'css'>, nonce: string, status = ''): string {
  const csp = [
    "default-src 'none'",
    'img-src data:',
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const line = status ? `<p class="status">${escapeHtml(status)}</p>` : '';
  // The style text goes into a <style> element: only `</style` could end it early.
  const css = (answer.css + WEBVIEW_CSS).replace(/<\/style/gi, '<\\/style');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${css}</style>
</head>
<body>
${line}<div id="root">${answer.body}</div>
<script nonce="${nonce}">${WEBVIEW_SCRIPT}</script>
</body>
</html>
`;
}

/** A page that says why there is no preview (escaped). */
export function messageHtml(message: string, nonce: string): string {
  return webviewHtml({ body: `<div class="preview"><p class="status error">${escapeHtml(message)}</p></div>`, css: '' }, nonce);
}

/** Calls `fn` once `ms` after the last of a burst of calls. */
export function debounce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
