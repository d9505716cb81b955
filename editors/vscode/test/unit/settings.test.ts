import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  RESTRICTED_SETTINGS,
  SERVER_SETTING_KEYS,
  filePatterns,
  isEditorSettingsFile,
  packageJsonDefaults,
  restrictForTrust,
  toServerSettings,
  trustedGetter,
  type Getter,
  type Inspected,
} from '../../src/settings';

const getter = (values: Record<string, unknown>) => (k: string) => values[k];
const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
/** The defaults as VS Code has them: from package.json. */
const defaults = packageJsonDefaults(pkg);
/** What the extension does: the value in effect is the set one, else package.json's default. */
const effective = (values: Record<string, unknown>): Getter => (k) => (k in values ? values[k] : defaults(k));
const map = (get: Getter, problems?: string[], validates = true) => toServerSettings(get, defaults, validates, problems);

test('nothing set: the defaults of package.json, every server key sent', () => {
  const problems: string[] = [];
  const s = map(getter({}), problems);
  assert.deepEqual(problems, []);
  // No copy of the defaults here either: each is package.json's, as declared.
  assert.deepEqual(s, { ...Object.fromEntries(SERVER_SETTING_KEYS.map((k) => [k, defaults(k)])), jsonValidatedByClient: true });
  assert.equal(SERVER_SETTING_KEYS.length, 8);
  // The same through VS Code's merged values (get returns the default when nothing is set).
  assert.deepEqual(map(effective({})), s);
});

test('every server setting is declared in package.json, with a default the mapping accepts', () => {
  for (const k of SERVER_SETTING_KEYS) {
    const decl = pkg.contributes.configuration.properties[`connectorLs.${k}`];
    assert.ok(decl, `connectorLs.${k} is declared`);
    assert.ok('default' in decl, `connectorLs.${k} has a default`);
    const problems: string[] = [];
    map(getter({ [k]: decl.default }), problems);
    assert.deepEqual(problems, [], `the default of connectorLs.${k}`);
  }
});

test('jsonValidatedByClient: hideJsonDuplicates while VS Code validates JSON', () => {
  assert.equal(map(effective({})).jsonValidatedByClient, true);
  assert.equal(map(effective({ hideJsonDuplicates: false })).jsonValidatedByClient, false);
  assert.equal(map(effective({}), [], false).jsonValidatedByClient, false, 'json.validate.enable off: the server reports them');
  assert.equal(map(effective({ hideJsonDuplicates: true }), [], false).jsonValidatedByClient, false);
});

test('every setting maps to the server key', () => {
  const s = map(
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
    jsonValidatedByClient: true,
  });
});

test('bad values are dropped with a reason, the rest still maps', () => {
  const problems: string[] = [];
  const s = map(getter({ debounceMs: -5, severity: { A: 'loud', B: 'hint' }, publisher: 'famous', certification: 'yes', baseRef: 7 }), problems);
  // A dropped value falls back to its default (package.json's).
  assert.equal(s.debounceMs, defaults('debounceMs'));
  assert.deepEqual(s.severity, { B: 'hint' });
  assert.equal(s.publisher, 'auto');
  assert.equal(s.certification, true);
  assert.equal(s.baseRef, '');
  assert.equal(problems.length, 5, problems.join('\n'));
});

test('debounce is clamped like the server does', () => {
  assert.equal(map(getter({ debounceMs: 99999.4 })).debounceMs, 10000);
  assert.equal(map(getter({ debounceMs: 12.6 })).debounceMs, 13);
});

test('empty overrides are sent, so removing the last one resets the server', () => {
  const s = map(getter({ severity: {}, disabled: [] }));
  assert.deepEqual(s.severity, {});
  assert.deepEqual(s.disabled, []);
  assert.ok('severity' in s && 'disabled' in s);
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
  const s = restrictForTrust(map(get), false);
  assert.equal(s.baseRef, '');
  assert.equal(s.docsBaseUrl, '');
  assert.equal(s.breakingChanges, false, 'no git in an untrusted folder');
});

test('trusted workspace: the merged values, unchanged', () => {
  const get = trustedGetter(merged, (k) => levels[k], true);
  assert.equal(get('baseRef'), '--output=/tmp/x');
  assert.equal(get('docsBaseUrl'), 'https://phish.example');
  const s = map(get);
  assert.deepEqual(restrictForTrust(s, true), s);
});

test('package.json: server.path is machine-scoped and every restricted setting is declared', () => {
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
