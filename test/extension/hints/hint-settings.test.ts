import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_DEBOUNCE_MS, readHintSettings } from '../../../src/extension/hints/hint-settings';
import { DEFAULT_CONFIG } from '../../../src/core/lint/config';
import { RULE_IDS } from '../../../src/core/lint/settings';

const PREFIX = 'perfLens.hints.';
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const properties: Record<string, { default: unknown }> = manifest.contributes.configuration.properties;

/** A getter like WorkspaceConfiguration.get: user values over the manifest's defaults. */
function getter(user: Record<string, unknown> = {}): (key: string) => unknown {
  return (key) => (key in user ? user[key] : properties[PREFIX + key]?.default);
}

describe('readHintSettings', () => {
  test("the manifest's defaults give the engine's defaults", () => {
    const s = readHintSettings(getter());
    assert.deepEqual(s.config, { ...DEFAULT_CONFIG, rules: {}, extraDataAccess: [] });
    assert.equal(s.enabled, true);
    assert.equal(s.debounceMs, DEFAULT_DEBOUNCE_MS);
    assert.deepEqual(s.problems, []);
  });

  test('no settings at all (a getter that knows nothing) also gives the defaults', () => {
    const s = readHintSettings(() => undefined);
    assert.deepEqual(s.config, { ...DEFAULT_CONFIG, rules: {}, extraDataAccess: [] });
    assert.equal(s.selects('src/a.ts'), true);
  });

  test('per-rule severity: a level overrides, off disables, default leaves the rule alone', () => {
    const s = readHintSettings(
      getter({ 'severity.n-plus-one': 'error', 'severity.quadratic-building': 'off', 'severity.unbounded-concurrency': 'default' }),
    );
    assert.deepEqual(s.config.rules, { 'n-plus-one': { severity: 'error' }, 'quadratic-building': { enabled: false } });
  });

  test('enabled: false turns off the editor and every rule', () => {
    const s = readHintSettings(getter({ enabled: false }));
    assert.equal(s.enabled, false);
    for (const id of RULE_IDS) assert.equal(s.config.rules[id]?.enabled, false, id);
  });

  test('extra data-access calls, test files and the size limit reach the config', () => {
    const s = readHintSettings(
      getter({ extraDataAccessCalls: ['db.select', 'MyApp.Repo.*'], includeTestFiles: true, maxFileSizeKb: 250 }),
    );
    assert.deepEqual(s.config.extraDataAccess, ['db.select', 'MyApp.Repo.*']);
    assert.equal(s.config.includeTestFiles, true);
    assert.equal(s.config.maxFileBytes, 250_000);
  });

  test('debounceMs is read', () => {
    assert.equal(readHintSettings(getter({ debounceMs: 750 })).debounceMs, 750);
  });

  test('include and exclude select workspace-relative paths; a folder pattern covers its contents', () => {
    const s = readHintSettings(getter({ include: ['src/**', 'lib'], exclude: ['src/generated', '*.min.js'] }));
    assert.equal(s.selects('src/app/users.ts'), true);
    assert.equal(s.selects('apps/shop/lib/shop/orders.ex'), true, 'a name pattern matches a folder at any depth');
    assert.equal(s.selects('scripts/seed.ts'), false, 'not included');
    assert.equal(s.selects('src/generated/client.ts'), false, 'under an excluded folder');
    assert.equal(s.selects('src/vendor/x.min.js'), false, 'an excluded name');
  });

  test('an empty include list means everything', () => {
    const s = readHintSettings(getter({ include: [], exclude: ['test/**'] }));
    assert.equal(s.selects('anything/at/all.ex'), true);
    assert.equal(s.selects('test/support/factory.ex'), false);
  });

  test('a bad value costs only its own setting, with a sentence naming it', () => {
    const s = readHintSettings(
      getter({ maxFileSizeKb: 'big', 'severity.n-plus-one': 'loud', extraDataAccessCalls: ['db.select'], debounceMs: -5 }),
    );
    assert.equal(s.config.maxFileBytes, DEFAULT_CONFIG.maxFileBytes);
    assert.equal(s.config.rules['n-plus-one'], undefined);
    assert.deepEqual(s.config.extraDataAccess, ['db.select']);
    assert.equal(s.debounceMs, DEFAULT_DEBOUNCE_MS);
    assert.equal(s.problems.length, 3);
    assert.ok(s.problems.some((p) => p.startsWith('perfLens.hints.maxFileSizeKb:')));
    assert.ok(s.problems.some((p) => p.startsWith('perfLens.hints.severity.n-plus-one:')));
    assert.ok(s.problems.some((p) => p.startsWith('perfLens.hints.debounceMs:')));
  });
});
