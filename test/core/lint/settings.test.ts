import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { RULE_IDS, SettingsError, parseHintSettings, settingsToConfig } from '../../../src/core/lint/settings';
import { DEFAULT_CONFIG } from '../../../src/core/lint/config';
import { RULES } from '../../../src/core/lint/rules';

describe('settingsToConfig', () => {
  test('RULE_IDS lists exactly the registered rules', () => {
    assert.deepEqual([...RULE_IDS].sort(), RULES.map((r) => r.id).sort());
  });

  test('empty settings give the engine defaults', () => {
    assert.deepEqual(settingsToConfig({}), { ...DEFAULT_CONFIG, rules: {}, extraDataAccess: [] });
  });

  test('severity: off disables, default leaves alone, a level overrides', () => {
    const c = settingsToConfig({ severity: { 'n-plus-one': 'error', 'quadratic-building': 'off', 'unbounded-concurrency': 'default' } });
    assert.deepEqual(c.rules, { 'n-plus-one': { severity: 'error' }, 'quadratic-building': { enabled: false } });
  });

  test('enabled: false turns every rule off', () => {
    const c = settingsToConfig({ enabled: false, severity: { 'n-plus-one': 'error' } });
    for (const id of RULE_IDS) assert.equal(c.rules[id]?.enabled, false, id);
  });

  test('data-access calls, test files and the size limit carry over', () => {
    const c = settingsToConfig({ extraDataAccessCalls: ['db.select'], includeTestFiles: true, maxFileSizeKb: 2000 });
    assert.deepEqual(c.extraDataAccess, ['db.select']);
    assert.equal(c.includeTestFiles, true);
    assert.equal(c.maxFileBytes, 2_000_000);
  });

  test('the config does not share arrays with the settings', () => {
    const s = { extraDataAccessCalls: ['a.b'] };
    settingsToConfig(s).extraDataAccess.push('c.d');
    assert.deepEqual(s.extraDataAccessCalls, ['a.b']);
  });
});

describe('parseHintSettings', () => {
  test('accepts the documented shape', () => {
    const input = {
      enabled: true,
      severity: { 'n-plus-one': 'error', 'quadratic-building': 'off' },
      include: ['src/**'],
      exclude: ['**/generated/**'],
      extraDataAccessCalls: ['MyApp.Repo.*'],
      includeTestFiles: true,
      maxFileSizeKb: 2000,
    };
    assert.deepEqual(parseHintSettings(input), input);
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', [1, 2], /must be a JSON object/],
    ['null', null, /must be a JSON object/],
    ['unknown key', { severty: {} }, /unknown key "severty"/],
    ['unknown rule', { severity: { 'n-plus-two': 'error' } }, /"severity\.n-plus-two"/],
    ['bad level', { severity: { 'n-plus-one': 'fatal' } }, /"severity\.n-plus-one" must be one of/],
    ['severity not an object', { severity: 'error' }, /"severity" must be an object/],
    ['include not strings', { include: ['a', 3] }, /"include" must be an array of strings/],
    ['exclude a string', { exclude: 'dist' }, /"exclude" must be an array of strings/],
    ['negative size', { maxFileSizeKb: -1 }, /"maxFileSizeKb" must be a positive number/],
    ['size as string', { maxFileSizeKb: '2000' }, /"maxFileSizeKb"/],
    ['enabled as string', { enabled: 'yes' }, /"enabled" must be true or false/],
    ['includeTestFiles as number', { includeTestFiles: 1 }, /"includeTestFiles"/],
    ['extraDataAccessCalls object', { extraDataAccessCalls: {} }, /"extraDataAccessCalls"/],
  ];
  for (const [name, input, message] of bad) {
    test(`rejects ${name} with one sentence naming the key`, () => {
      assert.throws(() => parseHintSettings(input), (e: unknown) => {
        assert.ok(e instanceof SettingsError);
        assert.match(e.message, message);
        assert.ok(!e.message.includes('\n'));
        return true;
      });
    });
  }
});
