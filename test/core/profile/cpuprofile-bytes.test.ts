// The byte-level .cpuprofile reader (src/core/profile/import/cpuprofile-bytes.ts) against JSON.parse: the
// same values from the same bytes, whatever the chunking, and an error exactly when JSON.parse has one.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CpuProfileBytesParser, JsonSyntaxError, parseCpuProfileBytes } from '../../../src/core/profile/import/cpuprofile-bytes';
import { importFromCpuProfile } from '../../../src/core/profile/import/cpuprofile';
import { withRealProfile } from './profile-fixtures';

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** Typed arrays as plain arrays, for comparing with JSON.parse's result. */
function plain(x: unknown): unknown {
  if (x instanceof Int32Array || x instanceof Float64Array) return Array.from(x);
  if (Array.isArray(x)) return x.map(plain);
  if (typeof x === 'object' && x !== null) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  return x;
}

function parseInChunks(bytes: Uint8Array, size: number): unknown {
  const p = new CpuProfileBytesParser(bytes.length);
  for (let i = 0; i < bytes.length; i += size) p.write(bytes.slice(i, i + size));
  return p.end();
}

/** The outcome of JSON.parse and of the byte reader (whole, and in chunks of 1, 3 and 64 bytes) agree. */
function assertSameAsJsonParse(text: string, name = text.slice(0, 60)): void {
  let expected: unknown;
  let jsonError: unknown;
  try {
    expected = JSON.parse(text);
  } catch (e) {
    jsonError = e;
  }
  const bytes = bytesOf(text);
  for (const read of [() => parseCpuProfileBytes(bytes), () => parseInChunks(bytes, 1), () => parseInChunks(bytes, 3), () => parseInChunks(bytes, 64)]) {
    if (jsonError) {
      assert.throws(read, (e: unknown) => e instanceof JsonSyntaxError && e.message.length > 0 && !e.message.includes('\n'), `${name}: JSON.parse failed (${(jsonError as Error).message}), so must the reader`);
    } else {
      // -0 reads as 0 in an Int32Array: the same number of microseconds, the same node id.
      assert.deepEqual(JSON.parse(JSON.stringify(plain(read()))), JSON.parse(JSON.stringify(expected)), name);
    }
  }
}

const small = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, hitCount: 0, children: [2] },
    { id: 2, callFrame: { functionName: 'wörk "quoted" \\ ]}', scriptId: '1', url: 'file:///a%20b/x.js', lineNumber: 3, columnNumber: 9 }, hitCount: 3, positionTicks: [{ line: 4, ticks: 3 }] },
  ],
  startTime: 100,
  endTime: 4100,
  samples: [2, 2, 1],
  timeDeltas: [1000, 1000, 1000],
};

test('real node --cpu-prof profiles: the same profile as JSON.parse, samples and deltas in typed arrays', () => {
  const source = 'function spin(n) { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i); return s; }\nconst end = Date.now() + 150;\nwhile (Date.now() < end) spin(50_000);\n';
  withRealProfile(source, ({ profile, bytes }) => {
    const parsed = parseCpuProfileBytes(bytes) as Record<string, unknown>;
    assert.ok(parsed.samples instanceof Int32Array, 'samples: Int32Array');
    assert.ok(parsed.timeDeltas instanceof Int32Array, 'timeDeltas: Int32Array');
    const imported = importFromCpuProfile(parsed);
    assert.ok(profile.samples.length > 20, `${profile.samples.length} samples`);
    assert.deepEqual(imported.nodes, profile.nodes);
    assert.deepEqual(Array.from(imported.samples), profile.samples);
    assert.deepEqual(Array.from(imported.timeDeltas), profile.timeDeltas);
    assert.equal(imported.startTime, profile.startTime);
    assert.equal(imported.endTime, profile.endTime);
    // Chunk boundaries anywhere: inside numbers, strings, escapes.
    for (const size of [1, 7, 4096]) assert.deepEqual(plain(parseInChunks(bytes, size)), plain(parsed), `chunks of ${size}`);
    // Pretty-printed, with CRLF line ends and tabs: the same.
    const text = new TextDecoder().decode(bytes);
    assertSameAsJsonParse(JSON.stringify(JSON.parse(text), null, '\t').replace(/\n/g, '\r\n'), 'pretty-printed real profile');
  });
});

test('number formats: -0, exponents, fractions, negative deltas, big and long numbers, as JSON.parse reads them', () => {
  for (const samples of ['[1, -0, 1e3, 1E+3, 2.5e-1, -7, 0.5]', '[ ]', '[]', '[2147483647, -2147483648, 2147483648]', '[12345678901234567890, 123456789012345, 1234567890123456]', '[0, 1e400]']) {
    assertSameAsJsonParse(`{"samples":${samples},"timeDeltas":[-5, 0, 3]}`, samples);
  }
  const parsed = parseCpuProfileBytes(bytesOf('{"samples":[1,2],"timeDeltas":[-3, 1.5]}')) as { samples: unknown; timeDeltas: unknown };
  assert.ok(parsed.samples instanceof Int32Array);
  assert.ok(parsed.timeDeltas instanceof Float64Array, 'a fraction: Float64Array');
  assert.deepEqual(Array.from(parsed.timeDeltas as Float64Array), [-3, 1.5]);
  const big = parseCpuProfileBytes(bytesOf('{"samples":[1,3000000000]}')) as { samples: unknown };
  assert.ok(big.samples instanceof Float64Array, 'beyond 32 bits: Float64Array');
});

test('anything JSON allows around and inside the object: BOM, whitespace, escapes, other keys, non-numeric lists', () => {
  assertSameAsJsonParse(JSON.stringify(small));
  assertSameAsJsonParse(` \n\t{ "nodes" : ${JSON.stringify(small.nodes)} , "startTime":100,"endTime":4100,"samples" :[2,2,1] ,"timeDeltas":[1000,1000,1000], "extra": {"a": [1, "]"]} } \r\n`);
  assertSameAsJsonParse('{"samples":[1,"2",3],"timeDeltas":[null]}', 'strings and null in the lists');
  assertSameAsJsonParse('{"samples":[1,[2,3]],"timeDeltas":[{"a":1}]}', 'nested values in the lists');
  assertSameAsJsonParse('{"s\\u0061mples":[1], "samples": [2], "samples": [3]}', 'escaped and repeated keys');
  assertSameAsJsonParse('[1,2,3]', 'not an object');
  assertSameAsJsonParse('"just a string"');
  assertSameAsJsonParse('{}');
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf('{"samples":[1]}')]);
  assert.deepEqual(plain(parseCpuProfileBytes(bom)), { samples: [1] });
  const proto = parseCpuProfileBytes(bytesOf('{"__proto__":{"polluted":1}}')) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(proto), Object.prototype, '"__proto__" stays an own property, as with JSON.parse');
  assert.deepEqual(Object.keys(proto), ['__proto__']);
});

test('truncated at any byte: an error, never a shorter profile', () => {
  const text = JSON.stringify(small);
  for (let cut = 0; cut < text.length; cut++) assertSameAsJsonParse(text.slice(0, cut), `cut at ${cut}`);
});

test('corrupt lists and objects: an error exactly where JSON.parse has one', () => {
  const bad = ['[1,,2]', '[01]', '[-01]', '[1.]', '[.5]', '[+1]', '[1 2]', '[1,]', '[,1]', '[-]', '[1e]', '[1e+]', '[0x10]', '[NaN]', '[1', '[1]]', '[1}', '[tru]'];
  for (const list of bad) assertSameAsJsonParse(`{"samples":${list},"timeDeltas":[1]}`, list);
  for (const text of ['{"a":1}x', '{"a" 1}', "{'a':1}", '{"a":1,}', '{,}', '{"a":1 "b":2}', '{"nodes":[{]}', '', '   ', '{"a":"\\"}']) assertSameAsJsonParse(text, JSON.stringify(text));
});

test('one corrupted byte anywhere in a real-looking profile: the reader agrees with JSON.parse', () => {
  const text = JSON.stringify(small);
  let seed = 7;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const alphabet = '0123456789-+.eE,:[]{}" \\ntfa\u00e9';
  for (let k = 0; k < 400; k++) {
    const at = rand(text.length);
    const mutated = text.slice(0, at) + alphabet[rand(alphabet.length)] + text.slice(at + 1);
    assertSameAsJsonParse(mutated, `byte ${at} of ${mutated}`);
  }
});

test('a profile bigger than one chunk of the file reader: numbers straddle chunks, the result is whole', () => {
  const samples = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 2 === 0 ? 2 : 1);
  const deltas = Array.from({ length: 300_000 }, (_, i) => (i % 97 === 0 ? -1 : 125 + (i % 1000)));
  const text = JSON.stringify({ ...small, samples, timeDeltas: deltas });
  const parsed = parseInChunks(bytesOf(text), 65_537) as { samples: Int32Array; timeDeltas: Int32Array };
  assert.deepEqual(Array.from(parsed.samples), samples);
  assert.deepEqual(Array.from(parsed.timeDeltas), deltas);
  assert.equal(importFromCpuProfile(parsed).samples.length, samples.length);
});

test('the importer checks typed arrays as it checks arrays', () => {
  const parsed = (text: string) => parseCpuProfileBytes(bytesOf(text));
  const base = JSON.stringify(small);
  assert.throws(() => importFromCpuProfile(parsed(base.replace('"timeDeltas":[1000,1000,1000]', '"timeDeltas":[1000,1000]'))), /3 samples but 2 time deltas: the file may be truncated/);
  assert.throws(() => importFromCpuProfile(parsed(base.replace('"samples":[2,2,1]', '"samples":[2,9,1]'))), /a sample points at node 9/);
  assert.throws(() => importFromCpuProfile(parsed(base.replace('"timeDeltas":[1000,1000,1000]', '"timeDeltas":[1000,1e400,1000]'))), /"timeDeltas" must be a list of numbers/);
  assert.throws(() => importFromCpuProfile(parsed(base.replace('"samples":[2,2,1]', '"samples":[2,"2",1]'))), /"samples" must be a list of node ids/);
});
