// The one entry point of the importers (src/core/profile/import/index.ts): the format found from the contents
// of the real 0x and clinic flame fixtures and of a .cpuprofile, the first bytes sniffed, one sentence for data
// that is no known format, naming what it is.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileFormatError } from '../../../src/core/profile/import/cpuprofile';
import { PROFILE_IMPORTERS, describeJson, detectProfileFormat, importProfile, importerHintOfName, sniffProfileBytes } from '../../../src/core/profile/import';
import { computeHotspots } from '../../../src/core/profile/hotspots';

const FIXTURES = path.join(__dirname, 'fixtures');
const LOG = path.join(FIXTURES, 'zero-x', '32035.0x', 'isolate-0x7e028d0-32035-32035-v8.log.json');
const SAMPLES = path.join(FIXTURES, 'clinic', '.clinic', '32363.clinic-flame', '32363.clinic-flame-samples');
const json = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
const frame = (functionName: string) => ({ functionName, scriptId: '1', url: 'file:///x.js', lineNumber: 0, columnNumber: 0 });
const CPUPROFILE = { nodes: [{ id: 1, callFrame: frame('(root)'), children: [2] }, { id: 2, callFrame: frame('f') }], startTime: 0, endTime: 2, samples: [2], timeDeltas: [1] };

test('every importer has an is<Format> guard and importFrom<Format>, and ids are unique', () => {
  assert.equal(new Set(PROFILE_IMPORTERS.map((i) => i.id)).size, PROFILE_IMPORTERS.length);
  for (const i of PROFILE_IMPORTERS) assert.ok(typeof i.is === 'function' && typeof i.importFrom === 'function' && i.label.length > 0, i.id);
});

test('the format from the contents: a .cpuprofile, the 0x log, 0x ticks / clinic samples (the name breaks the tie)', () => {
  assert.equal(detectProfileFormat(CPUPROFILE)?.id, 'cpuprofile');
  assert.equal(detectProfileFormat(json(LOG))?.id, 'zero-x-log');
  // The same list of stacks: 0x's ticks.json unless the name says clinic.
  assert.equal(detectProfileFormat(json(SAMPLES))?.id, 'zero-x-ticks');
  assert.equal(detectProfileFormat(json(SAMPLES), importerHintOfName(SAMPLES))?.id, 'clinic-flame');
  // Contents win over a misleading name.
  assert.equal(detectProfileFormat(json(LOG), 'cpuprofile')?.id, 'zero-x-log');
  assert.equal(detectProfileFormat({ hello: 1 }), undefined);
  // A damaged profile still goes to its importer, whose sentence says what is wrong.
  assert.equal(detectProfileFormat({ nodes: [] })?.id, 'cpuprofile');
  assert.equal(detectProfileFormat({ code: [] })?.id, 'zero-x-log');

  for (const [data, hint, format, estimated] of [[json(LOG), undefined, '0x', false], [json(SAMPLES), 'clinic-flame', 'clinic-flame', true], [CPUPROFILE, undefined, 'cpuprofile', false]] as const) {
    const { profile, importer } = importProfile(data, hint);
    assert.equal(importer.format, format);
    assert.equal(importer.estimatedTimes, estimated);
    assert.equal(computeHotspots(profile).hotspots[0].functionName, format === 'cpuprofile' ? 'f' : 'fib');
  }
});

test('names from files: hints only', () => {
  assert.equal(importerHintOfName('/a/b/run-20260101-101010.cpuprofile'), 'cpuprofile');
  assert.equal(importerHintOfName(LOG), 'zero-x-log');
  assert.equal(importerHintOfName('/x/1.0x/ticks.json'), 'zero-x-ticks');
  assert.equal(importerHintOfName(SAMPLES), 'clinic-flame');
  assert.equal(importerHintOfName('/x/data.json'), undefined);
});

test('unknown data: one sentence naming what it is and every format that can be read', () => {
  assert.throws(
    () => importProfile({ hello: 1, world: 2 }),
    (e: unknown) =>
      e instanceof ProfileFormatError &&
      /^not a profile format Perf Lens reads: the JSON is an object with "hello" and "world", where a V8 \.cpuprofile .* or clinic flame samples .* was expected$/.test(e.message),
  );
  assert.equal(describeJson([1, 2]), 'a list of 2 items');
  assert.equal(describeJson({ a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1 }), 'an object with "a", "b", "c", "d", "e" and 2 more keys');
  assert.equal(describeJson({}), 'an empty object');
  assert.equal(describeJson('x'), 'a string');
});

test('the first bytes: JSON objects and lists go on to be read, anything else is turned down at once', () => {
  const b = (s: string | number[]) => (typeof s === 'string' ? new TextEncoder().encode(s) : Uint8Array.from(s));
  assert.deepEqual(sniffProfileBytes(b('{"nodes":[')), { kind: 'json' });
  assert.deepEqual(sniffProfileBytes(b('\ufeff \n [[{"name"')), { kind: 'json' });
  assert.deepEqual(sniffProfileBytes(b('  \n')), { kind: 'empty' });
  assert.deepEqual(sniffProfileBytes(b('hello')), { kind: 'other', first: '"h"' });
  assert.deepEqual(sniffProfileBytes(b([0x89, 0x50, 0x4e, 0x47])), { kind: 'other', first: 'byte 0x89' });
});
