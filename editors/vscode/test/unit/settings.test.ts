import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULTS,
  RESTRICTED_SETTINGS,
  filePatterns,
  hiddenAsDuplicate,
  isEditorSettingsFile,
  restrictForTrust,
  toServerSettings,
  trustedGetter,
  type Inspected,
} from '../../src/settings';

const getter = (values: Record<string, unknown>) => (k: string) => values[k];

test('defaults when nothing is set', () => {
  assert.deepEqual(toServerSettings(getter({})), DEFAULTS);
});

test('every setting maps to the server key', () => {
  const s = toServerSettings(
    getter({
      debounceMs: 0,
      severity: { UnknownExtension: 'Error', DuplicateKey: 'off', JsonNonStandard: 'none' },
      disabled: ['OperationIdNotUnique', ' RequiredPropertyMissing ', 'OperationIdNotUnique', '', 3],
      certification: false,
      publisher: 'independent',
      docsBaseUrl: ' https://example.test/rules ',
      breakingChanges: false,
      baseRef: ' origin/dev ',
    }),
  );
  assert.deepEqual(s, {
    debounceMs: 0,
    severity: { UnknownExtension: 'error', DuplicateKey: 'off', JsonNonStandard: 'off' },
    disabled: ['OperationIdNotUnique', 'RequiredPropertyMissing'],
    certification: false,
    publisher: 'independent',
    docsBaseUrl: 'https://example.test/rules',
    breakingChanges: false,
    baseRef: 'origin/dev',
  });
});

test('bad values are dropped with a reason, the rest still maps', () => {
  const problems: string[] = [];
  const s = toServerSettings(getter({ debounceMs: -5, severity: { A: 'loud', B: 'hint' }, publisher: 'famous', certification: 'yes' }), problems);
  assert.equal(s.debounceMs, DEFAULTS.debounceMs);
  assert.deepEqual(s.severity, { B: 'hint' });
  assert.equal(s.publisher, 'auto');
  assert.equal(s.certification, true);
  assert.equal(problems.length, 3, problems.join('\n'));
});

test('debounce is clamped like the server does', () => {
  assert.equal(toServerSettings(getter({ debounceMs: 99999.4 })).debounceMs, 10000);
  assert.equal(toServerSettings(getter({ debounceMs: 12.6 })).debounceMs, 13);
});

test('empty overrides are sent, so removing the last one resets the server', () => {
  const s = toServerSettings(getter({ severity: {}, disabled: [] }));
  assert.deepEqual(s.severity, {});
  assert.deepEqual(s.disabled, []);
  assert.ok('severity' in s && 'disabled' in s);
});

test('syntax-level codes are hidden only while VS Code validates JSON', () => {
  assert.equal(hiddenAsDuplicate('JsonSyntaxError', true, true), true);
  assert.equal(hiddenAsDuplicate({ value: 'DuplicateKey', target: 'x' }, true, true), true);
  assert.equal(hiddenAsDuplicate('JsonSyntaxError', true, false), false);
  assert.equal(hiddenAsDuplicate('JsonSyntaxError', false, true), false);
  assert.equal(hiddenAsDuplicate('ApiPropertiesSchemaViolation', true, true), true);
  assert.equal(hiddenAsDuplicate('RequiredPropertyMissing', true, true), false);
});

test('file patterns: the three package files plus the user globs', () => {
  assert.deepEqual(filePatterns(['**/custom/*.json', '', '**/apiProperties.json']), [
    '**/apiDefinition.swagger.json',
    '**/apiProperties.json',
    '**/settings.json',
    '**/custom/*.json',
  ]);
  assert.equal(filePatterns(undefined).length, 3);
});

test("VS Code's own settings files are not connector files", () => {
  assert.equal(isEditorSettingsFile('/ws/.vscode/settings.json'), true);
  assert.equal(isEditorSettingsFile('/home/me/.config/Code/User/settings.json'), true);
  assert.equal(isEditorSettingsFile('/home/me/.config/Code/User/profiles/abc/settings.json'), true);
  assert.equal(isEditorSettingsFile('C:\\ws\\.vscode\\settings.json'), true);
  assert.equal(isEditorSettingsFile('/ws/MyConnector/settings.json'), false);
});

// A workspace whose .vscode/settings.json sets every setting, over some user values.
const levels: Record<string, Inspected> = {
  'server.path': { defaultValue: '', globalValue: '/opt/cls/connector-ls', workspaceValue: './evil' },
  baseRef: { defaultValue: '', workspaceValue: '--output=/tmp/x' },
  breakingChanges: { defaultValue: true, workspaceValue: true },
  docsBaseUrl: { defaultValue: '', workspaceFolderValue: 'https://phish.example' },
  files: { defaultValue: [], globalValue: ['**/mine/*.json'], workspaceValue: ['../../**/*.json'] },
  severity: { defaultValue: {}, workspaceValue: { DuplicateKey: 'off' } },
};
const merged = (k: string) => {
  const i = levels[k];
  return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue ?? i?.defaultValue;
};

test('untrusted workspace: restricted settings come from the user or the default, never the workspace', () => {
  const get = trustedGetter(merged, (k) => levels[k], false);
  assert.equal(get('server.path'), '/opt/cls/connector-ls');
  assert.equal(get('baseRef'), '');
  assert.equal(get('docsBaseUrl'), '');
  assert.deepEqual(get('files'), ['**/mine/*.json']);
  // Not restricted: the workspace's choice of what to report stands.
  assert.deepEqual(get('severity'), { DuplicateKey: 'off' });
  const s = restrictForTrust(toServerSettings(get), false);
  assert.equal(s.baseRef, '');
  assert.equal(s.docsBaseUrl, '');
  assert.equal(s.breakingChanges, false, 'no git in an untrusted folder');
});

test('trusted workspace: the merged values, unchanged', () => {
  const get = trustedGetter(merged, (k) => levels[k], true);
  assert.equal(get('baseRef'), '--output=/tmp/x');
  assert.equal(get('docsBaseUrl'), 'https://phish.example');
  const s = toServerSettings(get);
  assert.deepEqual(restrictForTrust(s, true), s);
});

test('package.json: server.path is machine-scoped and every restricted setting is declared', () => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties;
  assert.equal(props['connectorLs.server.path'].scope, 'machine');
  const untrusted = pkg.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.deepEqual(
    [...untrusted.restrictedConfigurations].sort(),
    RESTRICTED_SETTINGS.map((k) => `connectorLs.${k}`).sort(),
  );
  for (const k of untrusted.restrictedConfigurations) assert.ok(props[k], `${k} is a declared setting`);
});
