import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { looksLikeValidatorOutput, summaryMessage } from '../../src/validatorText';

test('recognises each validator output format', () => {
  assert.ok(looksLikeValidatorOutput("##[error]The 'summary' property is required. ValuePath: /paths/~1a/get"));
  assert.ok(looksLikeValidatorOutput("noise\nError : info : The 'contact' property is required.\n"));
  assert.ok(looksLikeValidatorOutput('{"error":{"code":"SwaggerCertificationFailedWithErrors","message":"x"}}'));
  assert.ok(looksLikeValidatorOutput("  error ExtensionNameNotValid: The property 'a' is not valid."));
});

test('other clipboard text is not validator output', () => {
  assert.equal(looksLikeValidatorOutput(undefined), false);
  assert.equal(looksLikeValidatorOutput('   '), false);
  assert.equal(looksLikeValidatorOutput('https://example.com/some/link'), false);
  assert.equal(looksLikeValidatorOutput('error: could not compile'), false);
});

test('the summary says what could not be placed', () => {
  assert.equal(summaryMessage({ entries: 0, placed: 0, unplaced: [] }), 'Connector: no validator output found in the text.');
  assert.equal(summaryMessage({ entries: 2, placed: 2, unplaced: [] }), 'Connector: 2 of 2 validator line(s) shown in the Problems view.');
  assert.match(
    summaryMessage({ entries: 3, placed: 1, unplaced: [{ line: 4, text: 'a', reason: 'b' }, { line: 9, text: 'c', reason: 'd' }] }),
    /2 could not be placed \(input line\(s\) 4, 9/,
  );
});
