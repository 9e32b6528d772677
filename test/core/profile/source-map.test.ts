// Source Map v3 parsing and lookups, on maps written by the real TypeScript compiler and by esbuild.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import * as esbuild from 'esbuild';
import { SourceMapError, decodeMappings, originalPositionFor, originalPositionForLine, parseSourceMap } from '../../../src/core/profile/source-map';

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

function ourSegments(mappings: string): number[][] {
  const { segments, lineStart } = decodeMappings(mappings);
  const out: number[][] = [];
  for (let line = 0; line + 1 < lineStart.length; line++) {
    for (let s = lineStart[line]; s < lineStart[line + 1]; s++) out.push([line, ...Array.from(segments.subarray(s * 5, s * 5 + 5))]);
  }
  return out;
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

  test('every segment decodes as TypeScript itself decodes it', () => {
    assert.deepEqual(ourSegments(JSON.parse(mapText).mappings), segmentsByTypeScript(JSON.parse(mapText).mappings));
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

  test('every segment decodes as TypeScript itself decodes it', () => {
    for (const minify of [false, true]) {
      const { mapText } = build(minify);
      const mappings = JSON.parse(mapText).mappings as string;
      assert.deepEqual(ourSegments(mappings), segmentsByTypeScript(mappings));
    }
  });
});

describe('the format itself', () => {
  test('VLQ numbers: one digit, several digits, negative, and relative fields across lines', () => {
    // "2H" is 123, "3H" is -123; fields 2..5 are relative to the previous segment, across lines.
    const { segments, lineStart } = decodeMappings('AAAA,2HCCC;A,CDDDC;;gBAAA');
    assert.deepEqual(Array.from(lineStart), [0, 2, 4, 4, 5]);
    assert.deepEqual(Array.from(segments), [0, 0, 0, 0, -1, 123, 1, 1, 1, -1, 0, -1, -1, -1, -1, 1, 0, 0, 0, 1, 16, 0, 0, 0, -1]);
    assert.deepEqual(Array.from(decodeMappings('AA2H2H,CA3H3H').segments), [0, 0, 123, 123, -1, 1, 0, 0, 0, -1]);
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

  test('broken maps: one sentence each', () => {
    const cases: [unknown, RegExp][] = [
      ['{not json', /^the source map is not valid JSON/],
      [[1, 2], /^the source map is not a JSON object$/],
      [{ version: 2, sources: [], mappings: '' }, /^only version 3 source maps are supported \(this one says 2\)$/],
      [{ version: 3, mappings: '' }, /^"sources" must be a list of strings$/],
      [{ version: 3, sources: ['a'], mappings: 3 }, /^"mappings" must be a string$/],
      [{ version: 3, sources: ['a'], mappings: 'AA!A' }, /invalid character "!" at offset 2/],
      [{ version: 3, sources: ['a'], mappings: 'AA' }, /has 2 fields; 1, 4 or 5 are allowed/],
      [{ version: 3, sources: ['a'], mappings: 'AAAAAA' }, /more than 5 fields/],
      [{ version: 3, sources: ['a'], mappings: 'AAAg' }, /ends in the middle of a number/],
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
