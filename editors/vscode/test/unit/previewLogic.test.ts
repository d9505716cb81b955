import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  debounce,
  escapeHtml,
  folderOf,
  isConnectorFile,
  isPreviewAnswer,
  isReadyMessage,
  makeNonce,
  messageHtml,
  parseRevealMessage,
  utf16IndexOfByteOffset,
  webviewHtml,
} from '../../src/previewLogic';

test('escapes markup and both quotes', () => {
  assert.equal(escapeHtml(`<img src=x onerror="a('b')"> & co`), '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co');
  assert.equal(escapeHtml('plain'), 'plain');
});

test('connector files are recognised by name in any case and folder', () => {
  assert.ok(isConnectorFile('/w/Contoso/apiDefinition.swagger.json'));
  assert.ok(isConnectorFile('C:\\w\\Contoso\\APIPROPERTIES.json'));
  assert.ok(!isConnectorFile('/w/Contoso/readme.md'));
  assert.ok(!isConnectorFile('/w/apiDefinition.swagger.json.bak'));
  assert.equal(folderOf('/w/Contoso/apiProperties.json'), '/w/Contoso');
  assert.equal(folderOf('C:\\w\\Contoso\\apiProperties.json'), 'C:\\w\\Contoso');
});

test('only well-formed reveal messages are accepted', () => {
  assert.deepEqual(parseRevealMessage({ type: 'reveal', file: 'swagger', start: 3, end: 9 }), {
    type: 'reveal',
    file: 'swagger',
    start: 3,
    end: 9,
  });
  for (const bad of [
    null,
    'reveal',
    { type: 'open', file: 'swagger', start: 1, end: 2 },
    { type: 'reveal', file: '../../etc/passwd', start: 1, end: 2 },
    { type: 'reveal', file: 'swagger', start: -1, end: 2 },
    { type: 'reveal', file: 'swagger', start: 5, end: 2 },
    { type: 'reveal', file: 'swagger', start: 1.5, end: 2 },
    { type: 'reveal', file: 'swagger', start: '1', end: 2 },
    { type: 'reveal', file: 'swagger', start: Number.NaN, end: 2 },
  ]) {
    assert.equal(parseRevealMessage(bad), undefined, JSON.stringify(bad));
  }
  assert.ok(isReadyMessage({ type: 'ready' }));
  assert.ok(!isReadyMessage({ type: 'reveal' }));
  assert.ok(!isReadyMessage(undefined));
});

test('byte offsets of the server become string indexes', () => {
  const text = '{"a": "é€😀", "b": 1}';
  const bytes = Buffer.from(text, 'utf8');
  for (const needle of ['"b"', '😀', '€', '1}']) {
    const byteOffset = bytes.indexOf(Buffer.from(needle, 'utf8'));
    assert.equal(utf16IndexOfByteOffset(text, byteOffset), text.indexOf(needle), needle);
  }
  assert.equal(utf16IndexOfByteOffset(text, 0), 0);
  assert.equal(utf16IndexOfByteOffset(text, 10_000), text.length);
});

test('the page has a strict policy, a nonce on its script and style, and escapes the status', () => {
  const nonce = makeNonce((n) => new Uint8Array(n).fill(251));
  assert.match(nonce, /^[A-Za-z0-9]{24}$/);
  const html = webviewHtml({ body: '<div class="preview">x</div>', css: '.a{}</style><script>alert(1)</script>' }, nonce, '<b>stale</b>');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  assert.equal(csp, `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`);
  assert.ok(!/unsafe-inline|unsafe-eval|https?:/.test(csp));
  assert.equal((html.match(/<script nonce=/g) ?? []).length, 1);
  // The style cannot end its element early (and so cannot open a script).
  assert.equal((html.match(/<\/style/gi) ?? []).length, 1);
  assert.ok(html.includes('&lt;b&gt;stale&lt;/b&gt;'));
  assert.ok(html.includes('<div id="root"><div class="preview">x</div></div>'));
  assert.ok(!/\bsrc=["']?https?:|<link/.test(html));
  const msg = messageHtml('bad <thing>', nonce);
  assert.ok(msg.includes('bad &lt;thing&gt;') && !msg.includes('<thing>'));
});

test('answers of the server are checked before use', () => {
  const ok = { title: 'Contoso', body: '', css: '', files: { swagger: 'file:///a/apiDefinition.swagger.json' } };
  assert.ok(isPreviewAnswer(ok));
  assert.ok(isPreviewAnswer({ ...ok, title: null }));
  assert.ok(!isPreviewAnswer(null));
  assert.ok(!isPreviewAnswer({ ...ok, body: 1 }));
  assert.ok(!isPreviewAnswer({ ...ok, files: null }));
  assert.ok(!isPreviewAnswer({ ...ok, title: 3 }));
});

test('debounce runs once after a burst, and not after cancel', async () => {
  let runs = 0;
  const d = debounce(() => runs++, 20);
  d();
  d();
  d();
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(runs, 1);
  d();
  d.cancel();
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(runs, 1);
});
