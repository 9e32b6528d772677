// Source Map v3 parsing and lookups, on maps written by the real TypeScript compiler and by esbuild.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import * as esbuild from 'esbuild';
import { type SourceMap, SourceMapError, generatedLineCount, originalPositionFor, originalPositionForLine, parseSourceMap } from '../../../src/core/profile/source-map';

const HOT_TS = [
  'interface Point { x: number; y: number }', // 0
  'enum Color { Red, Green }', // 1
  'export class Shape {', // 2
  '  constructor(private readonly p: Point) {}', // 3
  '  area(): number { return this.p.x * this.p.y; }', // 4
  '}', // 5
  'export function hot(n: number): number {', // 6
  '  let s = 0;', // 7
  '  for (let i = 0; i < n; i++) s += i * i;', // 8
  '  return s + Color.Green;', // 9
  '}', // 10
  '',
].join('\n');

function transpile(src: string, fileName: string, module = ts.ModuleKind.CommonJS): { js: string; map: string } {
  const out = ts.transpileModule(src, {
    compilerOptions: { sourceMap: true, target: ts.ScriptTarget.ES2022, module },
    fileName,
  });
  return { js: out.outputText, map: out.sourceMapText! };
}

/** 0-based line and column of the first occurrence of `needle` in `text`. */
function where(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${JSON.stringify(needle)} not found`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, column: before[before.length - 1].length };
}

/** Every segment as TypeScript's own (internal) decoder sees it: an independent oracle. */
function segmentsByTypeScript(mappings: string): number[][] {
  const it = (ts as unknown as { decodeMappings(m: string): Iterator<Record<string, number | undefined>> }).decodeMappings(mappings);
  const out: number[][] = [];
  for (let r = it.next(); !r.done; r = it.next()) {
    const v = r.value;
    out.push([v.generatedLine!, v.generatedCharacter!, v.sourceIndex ?? -1, v.sourceLine ?? -1, v.sourceCharacter ?? -1, v.nameIndex ?? -1]);
  }
  return out;
}

/**
 * Every segment of TypeScript's decoding that maps to a source is what our lookup answers at its
 * generated position (the first segment where several share a column, as trace-mapping picks).
 */
function assertLookupsMatchTypeScript(mapText: string): void {
  const json = JSON.parse(mapText) as { sources: string[]; names: string[]; mappings: string };
  const map = parseSourceMap(mapText);
  const seen = new Set<string>();
  let checked = 0;
  for (const [line, column, src, srcLine, srcCol, name] of segmentsByTypeScript(json.mappings)) {
    const key = `${line}:${column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const want = src < 0 ? undefined : { source: json.sources[src], line: srcLine, column: srcCol, ...(name >= 0 ? { name: json.names[name] } : {}) };
    assert.deepEqual(originalPositionFor(map, line, column), want, `generated ${key}`);
    checked++;
  }
  assert.ok(checked > 5, `only ${checked} segments`);
}

describe('source maps from the TypeScript compiler', () => {
  const { js, map: mapText } = transpile(HOT_TS, '/work/src/hot.ts');
  const map = parseSourceMap(mapText);

  test('the sources and the file', () => {
    assert.deepEqual(map.sources, ['hot.ts']);
    assert.equal(map.file, 'hot.js');
  });

  test('the hot function: its parameter list (where V8 places a function) and its body lines', () => {
    const fn = where(js, 'function hot(');
    // V8's call frame column is the "(" of the parameters.
    assert.deepEqual(originalPositionFor(map, fn.line, fn.column + 'function hot'.length), { source: 'hot.ts', line: 6, column: 19 });
    assert.equal(originalPositionFor(map, fn.line, fn.column)?.line, 6);
    // tsc splits the loop over two lines; both come from line 8.
    const loop = where(js, 'for (let i = 0');
    const body = where(js, 's += i * i');
    assert.equal(body.line, loop.line + 1);
    assert.deepEqual(originalPositionForLine(map, loop.line), { source: 'hot.ts', line: 8, column: 2 });
    assert.deepEqual(originalPositionForLine(map, body.line), { source: 'hot.ts', line: 8, column: 30 });
    assert.equal(originalPositionForLine(map, where(js, 'return s + Color.Green').line)?.line, 9);
  });

  test('the enum and the class (code that types do not have) map to their declarations', () => {
    assert.equal(originalPositionForLine(map, where(js, 'Color[Color["Green"] = 1]').line)?.line, 1);
    assert.equal(originalPositionForLine(map, where(js, 'area() {').line)?.line, 4);
    assert.equal(originalPositionForLine(map, where(js, 'this.p = p').line)?.line, 3);
  });

  test('lines tsc adds ("use strict", __esModule) map to nothing; past the end is nothing', () => {
    assert.equal(originalPositionForLine(map, where(js, '"use strict"').line), undefined);
    assert.equal(originalPositionForLine(map, where(js, '__esModule').line), undefined);
    assert.equal(originalPositionForLine(map, 10_000), undefined);
    assert.equal(originalPositionFor(map, 10_000, 0), undefined);
    assert.equal(originalPositionFor(map, -1, 0), undefined);
  });

  test('ESM output maps the same function to the same place', () => {
    const esm = transpile(HOT_TS, '/work/src/hot.mts', ts.ModuleKind.ES2022);
    const m = parseSourceMap(esm.map);
    const fn = where(esm.js, 'function hot(');
    assert.deepEqual(originalPositionFor(m, fn.line, fn.column + 'function hot'.length), { source: 'hot.mts', line: 6, column: 19 });
  });

  test('every segment is looked up as TypeScript itself decodes it', () => {
    assertLookupsMatchTypeScript(mapText);
  });
});

describe('source maps from esbuild', () => {
  let dir: string;
  const files = {
    'src/util.ts': ['export function square(x: number): number {', '  return x * x;', '}', ''].join('\n'),
    'src/main.ts': [
      "import { square } from './util';",
      '',
      'export function sumOfSquares(n: number): number {',
      '  let total = 0;',
      '  for (let i = 0; i < n; i++) total += square(i);',
      '  return total;',
      '}',
      '',
    ].join('\n'),
  };
  const build = (minify: boolean) => {
    dir ??= fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-sm-')));
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    const r = esbuild.buildSync({
      entryPoints: [path.join(dir, 'src/main.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      sourcemap: 'external',
      minify,
      outfile: path.join(dir, 'dist/main.js'),
      write: false,
      logLevel: 'error',
    });
    const js = r.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
    const mapText = r.outputFiles.find((f) => f.path.endsWith('.map'))!.text;
    return { js, mapText, map: parseSourceMap(mapText) };
  };

  test('a bundle of two modules: each line goes back to its own source', () => {
    const { js, map } = build(false);
    assert.deepEqual([...map.sources].sort(), ['../src/main.ts', '../src/util.ts']);
    assert.deepEqual(originalPositionForLine(map, where(js, 'return x * x').line), { source: '../src/util.ts', line: 1, column: 2 });
    assert.equal(originalPositionForLine(map, where(js, 'total += square(i)').line)?.source, '../src/main.ts');
    assert.equal(originalPositionForLine(map, where(js, 'total += square(i)').line)?.line, 4);
    const fn = where(js, 'function sumOfSquares(');
    // esbuild maps the name, not the "(" V8 reports: the lookup falls back to the segment on its left.
    assert.deepEqual(originalPositionFor(map, fn.line, fn.column + 'function sumOfSquares'.length), { source: '../src/main.ts', line: 2, column: 16 });
  });

  test('minified: one generated line, positions by column, and the original names', () => {
    const { js, mapText, map } = build(true);
    const at = where(js, '*'); // the only multiplication: x * x in square()
    const pos = originalPositionFor(map, at.line, at.column);
    assert.equal(pos?.source, '../src/util.ts');
    assert.equal(pos?.line, 1);
    // A minified function's name maps back to the name in the source.
    const names = JSON.parse(mapText).names as string[];
    assert.ok(names.includes('square'), JSON.stringify(names));
    const nameAt = segmentsByTypeScript(JSON.parse(mapText).mappings).find((s) => s[5] === names.indexOf('square'));
    assert.ok(nameAt);
    assert.equal(originalPositionFor(map, nameAt[0], nameAt[1])?.name, 'square');
  });

  test('every segment is looked up as TypeScript itself decodes it', () => {
    for (const minify of [false, true]) assertLookupsMatchTypeScript(build(minify).mapText);
  });
});

describe('the format itself', () => {
  test('VLQ numbers: one digit, several digits, negative, and relative fields across lines', () => {
    // "2H" is 123, "3H" is -123; fields 2..5 are relative to the previous segment, across lines.
    const map = parseSourceMap({ version: 3, sources: ['a', 'b'], names: ['n', 'm'], mappings: 'AAAA,2HCCC;A,CDDDC;;gBAAA' });
    assert.equal(generatedLineCount(map), 4);
    assert.deepEqual(originalPositionFor(map, 0, 122), { source: 'a', line: 0, column: 0 });
    assert.deepEqual(originalPositionFor(map, 0, 123), { source: 'b', line: 1, column: 1 });
    assert.equal(originalPositionFor(map, 1, 0), undefined); // a one-field segment maps to no source
    assert.deepEqual(originalPositionFor(map, 1, 1), { source: 'a', line: 0, column: 0, name: 'm' });
    assert.equal(originalPositionForLine(map, 2), undefined);
    assert.equal(originalPositionFor(map, 3, 15), undefined);
    assert.deepEqual(originalPositionFor(map, 3, 16), { source: 'a', line: 0, column: 0 });
    const m2 = parseSourceMap({ version: 3, sources: ['a'], names: [], mappings: 'AA2H2H,CA3H3H' });
    assert.deepEqual(originalPositionFor(m2, 0, 0), { source: 'a', line: 123, column: 123 });
    assert.deepEqual(originalPositionFor(m2, 0, 1), { source: 'a', line: 0, column: 0 });
  });

  test('sourceRoot is applied to relative sources, not to absolute ones', () => {
    const map = parseSourceMap({ version: 3, sourceRoot: 'src', sources: ['a.ts', '/abs/b.ts', 'webpack://x/c.ts'], names: [], mappings: 'AAAA,CCAA,CCAA' });
    assert.deepEqual(map.sources, ['src/a.ts', '/abs/b.ts', 'webpack://x/c.ts']);
    assert.deepEqual(originalPositionFor(map, 0, 0), { source: 'src/a.ts', line: 0, column: 0 });
    assert.equal(originalPositionFor(map, 0, 1)?.source, '/abs/b.ts');
    assert.equal(originalPositionFor(map, 0, 99)?.source, 'webpack://x/c.ts');
  });

  test('segments of a line out of order are sorted; a column left of the first segment maps to nothing', () => {
    const map = parseSourceMap({ version: 3, sources: ['a.ts'], names: [], mappings: 'UAEA,RACA' }); // column 10 → line 2, then column 2 → line 3
    assert.equal(originalPositionFor(map, 0, 1), undefined);
    assert.equal(originalPositionFor(map, 0, 2)?.line, 3);
    assert.equal(originalPositionFor(map, 0, 9)?.line, 3);
    assert.equal(originalPositionFor(map, 0, 12)?.line, 2);
    assert.equal(originalPositionForLine(map, 0)?.line, 3);
  });

  test('an index map (sections): each position is looked up in its section, relative to its offset', () => {
    const a = JSON.parse(transpile(HOT_TS, '/w/a.ts').map);
    const b = JSON.parse(transpile(['', '', 'export const b = (k: number) => k + 1;', ''].join('\n'), '/w/b.ts').map);
    const aJs = transpile(HOT_TS, '/w/a.ts').js;
    const aLines = aJs.split('\n').length;
    const map = parseSourceMap({ version: 3, sections: [{ offset: { line: 0, column: 0 }, map: a }, { offset: { line: aLines, column: 0 }, map: b }] });
    assert.deepEqual(map.sources, ['a.ts', 'b.ts']);
    const fn = where(aJs, 'function hot(');
    assert.deepEqual(originalPositionFor(map, fn.line, fn.column + 'function hot'.length), { source: 'a.ts', line: 6, column: 19 });
    const bJs = transpile(['', '', 'export const b = (k: number) => k + 1;', ''].join('\n'), '/w/b.ts').js;
    const arrow = where(bJs, 'k + 1');
    assert.equal(originalPositionFor(map, aLines + arrow.line, arrow.column)?.source, 'b.ts');
    assert.equal(originalPositionFor(map, aLines + arrow.line, arrow.column)?.line, 2);
    assert.equal(originalPositionForLine(map, aLines + arrow.line)?.source, 'b.ts');
  });

  test('a section that starts mid-line shifts the columns of its first line only', () => {
    const map = parseSourceMap({
      version: 3,
      sections: [
        { offset: { line: 0, column: 0 }, map: { version: 3, sources: ['a.ts'], names: [], mappings: 'AAAA' } },
        { offset: { line: 0, column: 100 }, map: { version: 3, sources: ['b.ts'], names: [], mappings: 'AAAA;AACA' } },
      ],
    });
    assert.equal(originalPositionFor(map, 0, 99)?.source, 'a.ts');
    assert.deepEqual(originalPositionFor(map, 0, 100), { source: 'b.ts', line: 0, column: 0 });
    assert.deepEqual(originalPositionFor(map, 1, 0), { source: 'b.ts', line: 1, column: 0 });
  });

  test('an index map of a tsc map and a hand-written one starting mid-line: each position is its own section\'s, with its sourceRoot and names', () => {
    const a = transpile(HOT_TS, '/w/a.ts');
    const aJson = { ...JSON.parse(a.map), sourceRoot: 'lib' };
    const last = a.js.split('\n').length - 1; // the second section starts on the last line of the first, at column 7
    // b: column 0 → b.ts 4:2 named "k"; column 5 → b.ts 5:0; next line: column 3 → b.ts 6:1 named "j".
    const bJson = { version: 3, sourceRoot: 'app/', sources: ['b.ts'], names: ['k', 'j'], mappings: 'AAIEA,KACF;GACCC' };
    const map = parseSourceMap({ version: 3, file: 'both.js', sections: [{ offset: { line: 0, column: 0 }, map: aJson }, { offset: { line: last, column: 7 }, map: bJson }] });
    assert.equal(map.file, 'both.js');
    assert.deepEqual(map.sources, ['lib/a.ts', 'app/b.ts']);
    // The first section is its own map, source and all (TypeScript's decoding as the oracle).
    const alone = parseSourceMap(aJson);
    for (const [line, column] of segmentsByTypeScript(aJson.mappings)) {
      if (line < last) assert.deepEqual(originalPositionFor(map, line, column), originalPositionFor(alone, line, column), `${line}:${column}`);
    }
    const fn = where(a.js, 'function hot(');
    assert.deepEqual(originalPositionFor(map, fn.line, fn.column + 'function hot'.length), { source: 'lib/a.ts', line: 6, column: 19 });
    // The second: its first line shifted by 7 columns, the next not; its names are its own.
    assert.deepEqual(originalPositionFor(map, last, 7), { source: 'app/b.ts', line: 4, column: 2, name: 'k' });
    assert.deepEqual(originalPositionFor(map, last, 11), { source: 'app/b.ts', line: 4, column: 2, name: 'k' });
    assert.deepEqual(originalPositionFor(map, last, 12), { source: 'app/b.ts', line: 5, column: 0 });
    assert.equal(originalPositionFor(map, last + 1, 2), undefined);
    assert.deepEqual(originalPositionFor(map, last + 1, 3), { source: 'app/b.ts', line: 6, column: 1, name: 'j' });
    assert.deepEqual(originalPositionForLine(map, last + 1), { source: 'app/b.ts', line: 6, column: 1, name: 'j' });
    assert.equal(generatedLineCount(map), last + 2);
  });

  test('ignoreList: the ignored sources are listed and marked; a line goes to code not ignored when it has some', () => {
    // Line 0 (a minified bundle): column 0 → vendor/lib.js 5:0, column 10 → src/app.ts 2:4. Line 1: vendor/lib.js 2:4 only.
    const plain = { version: 3, sources: ['vendor/lib.js', 'src/app.ts'], names: [], mappings: 'AAKA,UCHI;ADAA', ignoreList: [0] };
    const check = (map: SourceMap) => {
      assert.deepEqual([...map.ignoredSources], ['vendor/lib.js']);
      assert.deepEqual(originalPositionFor(map, 0, 3), { source: 'vendor/lib.js', line: 5, column: 0, ignored: true });
      assert.deepEqual(originalPositionFor(map, 0, 10), { source: 'src/app.ts', line: 2, column: 4 });
      assert.deepEqual(originalPositionForLine(map, 0), { source: 'src/app.ts', line: 2, column: 4 });
      assert.deepEqual(originalPositionForLine(map, 1), { source: 'vendor/lib.js', line: 2, column: 4, ignored: true });
    };
    check(parseSourceMap(plain));
    // The name before it was standard, and entries that are not a source's index (left out, not an error).
    const { ignoreList: _, ...rest } = plain;
    check(parseSourceMap({ ...rest, x_google_ignoreList: [0, 7, -1, 'x'] }));
    // Without the list nothing is ignored and a line is its first segment's, as before.
    const none = parseSourceMap(rest);
    assert.equal(none.ignoredSources.size, 0);
    assert.equal(originalPositionForLine(none, 0)?.source, 'vendor/lib.js');
    // In an index map each section's list counts within its own sources.
    const index = parseSourceMap({
      version: 3,
      sections: [
        { offset: { line: 0, column: 0 }, map: { version: 3, sources: ['a.ts'], names: [], mappings: 'AAAA' } },
        { offset: { line: 1, column: 0 }, map: { version: 3, sources: ['gen/runtime.js', 'b.ts'], names: [], mappings: 'AAAA,KCAA', ignoreList: [0] } },
      ],
    });
    assert.deepEqual([...index.ignoredSources], ['gen/runtime.js']);
    assert.equal(originalPositionFor(index, 0, 0)?.ignored, undefined);
    assert.deepEqual(originalPositionFor(index, 1, 0), { source: 'gen/runtime.js', line: 0, column: 0, ignored: true });
    assert.deepEqual(originalPositionForLine(index, 1), { source: 'b.ts', line: 0, column: 0 });
  });

  test('broken maps: one sentence each', () => {
    // trace-mapping's decoder reads a segment of 2 or 6 fields, or a number cut short, as the rest of the
    // JS tools do (no error); characters outside base64 and indices the map does not list are errors.
    const cases: [unknown, RegExp][] = [
      ['{not json', /^the source map is not valid JSON/],
      [[1, 2], /^the source map is not a JSON object$/],
      [{ version: 2, sources: [], mappings: '' }, /^only version 3 source maps are supported \(this one says 2\)$/],
      [{ version: 3, mappings: '' }, /^"sources" must be a list of strings$/],
      [{ version: 3, sources: ['a'], mappings: 3 }, /^"mappings" must be a string$/],
      [{ version: 3, sources: ['a'], mappings: 'AA!A' }, /invalid character "!" at offset 2/],
      [{ version: 3, sources: ['a'], mappings: 'ACAA' }, /refer to source 1, which the map does not list/],
      [{ version: 3, sources: ['a'], names: [], mappings: 'AAAAA' }, /refer to name 0, which the map does not list/],
      [{ version: 3, sources: ['a'], mappings: 'AADA' }, /negative original line or column/],
      [{ version: 3, sections: [{ offset: { line: 0, column: 0 }, url: 'x.map' }] }, /^section 0 refers to another map by "url", which is not supported$/],
      [{ version: 3, sections: {} }, /^"sections" must be a list$/],
      [{ version: 3, sections: [{ offset: { line: 0, column: 0 }, map: { version: 3, sources: 'a', mappings: '' } }] }, /^section 0: "sources" must be a list of strings$/],
      [{ version: 3, sections: [{ offset: { line: 5, column: 0 }, map: { version: 3, sources: [], mappings: '' } }, { offset: { line: 1, column: 0 }, map: { version: 3, sources: [], mappings: '' } }] }, /^section 1 starts before the section above it$/],
    ];
    for (const [input, message] of cases) {
      assert.throws(() => parseSourceMap(input), (e: unknown) => e instanceof SourceMapError && message.test(e.message) && !e.message.includes('\n'), JSON.stringify(input));
    }
  });

  test('a map text with the XSSI guard line parses', () => {
    const map = parseSourceMap(`)]}'\n${JSON.stringify({ version: 3, sources: ['a.ts'], names: [], mappings: 'AAAA' })}`);
    assert.deepEqual(originalPositionFor(map, 0, 5), { source: 'a.ts', line: 0, column: 0 });
  });
});
