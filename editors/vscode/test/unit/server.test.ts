import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { bundledCandidates, discoveryMessage, findServer, rejectedMessage, type DiscoveryInput } from '../../src/server';

function input(files: string[], over: Partial<DiscoveryInput> = {}): DiscoveryInput {
  const set = new Set(files);
  return {
    configured: '',
    extensionPath: '/ext',
    platform: 'linux',
    arch: 'x64',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    homeDir: '/home/me',
    isExecutable: (p) => set.has(p),
    ...over,
  };
}

test('the setting wins over a bundled binary and PATH', () => {
  const d = findServer(input(['/opt/cls/connector-ls', '/ext/server/linux-x64/connector-ls', '/usr/bin/connector-ls'], { configured: '/opt/cls/connector-ls' }));
  assert.deepEqual(d, { ok: true, server: { command: '/opt/cls/connector-ls', source: 'setting' } });
});

test('a setting with ~ is expanded to the home folder', () => {
  assert.deepEqual(findServer(input(['/home/me/bin/connector-ls'], { configured: '~/bin/connector-ls' })), {
    ok: true,
    server: { command: '/home/me/bin/connector-ls', source: 'setting' },
  });
  assert.deepEqual(findServer(input(['/home/me/x/connector-ls'], { configured: '${userHome}/x/connector-ls' })), {
    ok: true,
    server: { command: '/home/me/x/connector-ls', source: 'setting' },
  });
});

test('a relative setting never resolves into the workspace: refused, discovery goes on', () => {
  // The opened repository ships an executable at every relative spelling; none is run.
  const planted = ['/ws/target/debug/connector-ls', 'target/debug/connector-ls', '/ws/x/connector-ls', './connector-ls'];
  for (const configured of ['target/debug/connector-ls', './connector-ls', '${workspaceFolder}/x/connector-ls', '..\\bin\\connector-ls']) {
    const d = findServer(input([...planted, '/usr/bin/connector-ls'], { configured }));
    assert.deepEqual(d, { ok: true, server: { command: '/usr/bin/connector-ls', source: 'path' }, rejected: { configured } }, configured);
    assert.match(rejectedMessage(d), /must be an absolute path/);
  }
  const none = findServer(input(planted, { configured: 'connector-ls' }));
  assert.equal(none.ok, false);
  assert.equal(!none.ok && none.reason, 'not-found');
  assert.match(rejectedMessage(none), /absolute path/);
  assert.equal(rejectedMessage(findServer(input(['/usr/bin/connector-ls']))), '');
});

test('windows: a drive path is absolute, a bare name is not', () => {
  const win = { platform: 'win32' as const, env: { Path: 'C:\\tools' }, extensionPath: 'C:\\ext' };
  assert.deepEqual(findServer(input(['D:\\cls\\connector-ls.exe'], { ...win, configured: 'D:\\cls\\connector-ls.exe' })), {
    ok: true,
    server: { command: 'D:\\cls\\connector-ls.exe', source: 'setting' },
  });
  const d = findServer(input(['bin\\connector-ls.exe'], { ...win, configured: 'bin\\connector-ls.exe' }));
  assert.equal(d.ok, false);
  assert.ok(!d.ok && d.reason === 'not-found' && d.rejected);
});

test('a setting that points nowhere is an error, not a silent fallback', () => {
  const d = findServer(input(['/usr/bin/connector-ls'], { configured: '/nope/connector-ls' }));
  assert.equal(d.ok, false);
  assert.equal(!d.ok && d.reason, 'configured-missing');
  assert.match(discoveryMessage(d), /connectorLs\.server\.path.*\/nope\/connector-ls.*cargo install/);
});

test('the bundled binary for this platform comes before PATH', () => {
  const d = findServer(input(['/ext/server/linux-x64/connector-ls', '/usr/bin/connector-ls']));
  assert.deepEqual(d, { ok: true, server: { command: '/ext/server/linux-x64/connector-ls', source: 'bundled' } });
  const other = findServer(input(['/ext/server/darwin-arm64/connector-ls', '/usr/bin/connector-ls']));
  assert.deepEqual(other, { ok: true, server: { command: '/usr/bin/connector-ls', source: 'path' } });
  assert.deepEqual(findServer(input(['/ext/server/connector-ls'])), {
    ok: true,
    server: { command: '/ext/server/connector-ls', source: 'bundled' },
  });
});

test('PATH is searched in order', () => {
  const d = findServer(input(['/usr/bin/connector-ls', '/usr/local/bin/connector-ls']));
  assert.deepEqual(d, { ok: true, server: { command: '/usr/local/bin/connector-ls', source: 'path' } });
});

test('windows: .exe names and ; separated Path', () => {
  const d = findServer(
    input(['C:\\tools\\connector-ls.exe'], { platform: 'win32', env: { Path: 'C:\\Windows;C:\\tools' }, extensionPath: 'C:\\ext' }),
  );
  assert.deepEqual(d, { ok: true, server: { command: 'C:\\tools\\connector-ls.exe', source: 'path' } });
  assert.ok(bundledCandidates('C:\\ext', 'win32', 'x64')[0].endsWith('connector-ls.exe'));
});

test('nothing found: one message with the install command, and what was searched', () => {
  const d = findServer(input([]));
  assert.equal(d.ok, false);
  if (d.ok || d.reason !== 'not-found') throw new Error('expected not-found');
  assert.deepEqual(d.searched, [
    path.join('/ext', 'server', 'linux-x64', 'connector-ls'),
    path.join('/ext', 'server', 'connector-ls'),
    '/usr/local/bin/connector-ls',
    '/usr/bin/connector-ls',
  ]);
  const m = discoveryMessage(d);
  assert.match(m, /cargo install --locked --path crates\/connector-ls/);
  assert.match(m, /pip install connector-ls/);
  assert.match(m, /npm install -g connector-ls/);
  assert.doesNotMatch(m, /\n|at .*\(/, 'no stack trace');
});
