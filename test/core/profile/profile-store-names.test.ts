// The profile store's names (src/core/profile/profile-store-names.ts): the saved-run file name every saver
// builds, read back by the same module; the exact names users and the e2e tests rely on.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { PROFILES_DIR, parseRunName, runStamp, safeRunName, savedProfileFileName } from '../../../src/core/profile/profile-store-names';
import { profilesDir, savedProfilePath } from '../../../src/runner/profile/profile-store';

const AT = new Date(Date.UTC(2026, 10, 30, 9, 8, 7, 654));

test('savedProfileFileName: a safe name, cut at 60 characters, and a UTC stamp', () => {
  assert.equal(runStamp(AT), '20261130-090807');
  assert.equal(savedProfileFileName('npm-we ird;"x"', AT), 'npm-we_ird_x_-20261130-090807.cpuprofile');
  assert.equal(savedProfileFileName('***', AT), '_-20261130-090807.cpuprofile');
  assert.equal(savedProfileFileName('', AT), 'profile-20261130-090807.cpuprofile');
  assert.equal(savedProfileFileName('Orders.total', AT), 'Orders.total-20261130-090807.cpuprofile');
  const long = 'x'.repeat(70);
  assert.equal(savedProfileFileName(long, AT), `${'x'.repeat(60)}-20261130-090807.cpuprofile`);
  // Profile Function keeps the whole function name.
  assert.equal(savedProfileFileName(`${long}$`, AT, { maxNameChars: Number.POSITIVE_INFINITY }), `${long}_-20261130-090807.cpuprofile`);
  assert.equal(safeRunName('my app.js', 60, 'script'), 'my_app.js');
  assert.equal(safeRunName('', 60, 'script'), 'script');
});

test('every saved name reads back as the same name and stamp', () => {
  for (const name of ['report', 'sum-of-squares', 'Orders.total', 'npm-we ird;"x"', '']) {
    const file = savedProfileFileName(name, AT);
    assert.deepEqual(parseRunName(file), { file, name: safeRunName(name), stamp: '20261130-090807' });
  }
});

test('the store folder: .perf-lens/profiles under the project', () => {
  assert.deepEqual(PROFILES_DIR, ['.perf-lens', 'profiles']);
  assert.equal(profilesDir('/ws'), path.join('/ws', '.perf-lens', 'profiles'));
  assert.equal(savedProfilePath('/ws', 'work', AT), path.join('/ws', '.perf-lens', 'profiles', 'work-20261130-090807.cpuprofile'));
});
