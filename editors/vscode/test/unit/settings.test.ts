import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DEFAULTS, filePatterns, hiddenAsDuplicate, isEditorSettingsFile, toServerSettings } from '../../src/settings';

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
